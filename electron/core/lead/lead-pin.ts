// Team-lead actions (exports of all records, script editing, settings, customer erasure) need the
// team-lead PIN. Only an scrypt hash is stored; wrong guesses slow the next try down.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import { AppError } from '../../../shared/errors';

const KEY = 'lead.pinHash';
const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;
/** how long an unlock lasts without being renewed by a lead action */
export const LEAD_UNLOCK_MS = 10 * 60_000;

export interface LeadLock {
  failures: number;
  blockedUntil: number;
}

export function hashPin(pin: string, salt = randomBytes(16)): string {
  const key = scryptSync(pin.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(pin.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

export function storedPinHash(db: Db): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
}

export function savePinHash(db: Db, hash: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, hash);
}

const LOCK_KEY = 'lead.pinFailures';

/** The back-off survives a restart: three more guesses after every restart would make it useless. */
export function loadLock(db: Db): LeadLock {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOCK_KEY) as string | undefined;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<LeadLock>) : {};
    return { failures: Number(parsed.failures) || 0, blockedUntil: Number(parsed.blockedUntil) || 0 };
  } catch {
    return { failures: 0, blockedUntil: 0 };
  }
}

function saveLock(db: Db, lock: LeadLock): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LOCK_KEY, JSON.stringify(lock));
}

/**
 * Checks a PIN against the stored hash, enforcing the back-off; throws rule "lead_pin" on failure.
 * The failure count and block time are kept in the database (and mirrored into `session`).
 */
export function checkPin(db: Db, clock: Clock, session: LeadLock, pin: string, storedHash = storedPinHash(db)): void {
  const now = clock.now().getTime();
  const stored = loadLock(db);
  const lock: LeadLock = { failures: Math.max(stored.failures, session.failures), blockedUntil: Math.max(stored.blockedUntil, session.blockedUntil) };
  const keep = () => {
    saveLock(db, lock);
    Object.assign(session, lock);
  };
  if (!storedHash) throw new AppError('rule', 'No team-lead PIN is set yet', { rule: 'lead_pin_unset' });
  if (now < lock.blockedUntil) {
    throw new AppError('rule', `Too many wrong PINs; try again in ${Math.ceil((lock.blockedUntil - now) / 1000)} s`, { rule: 'lead_pin_wait' });
  }
  if (!verifyPin(pin, storedHash)) {
    lock.failures += 1;
    if (lock.failures >= FREE_ATTEMPTS) {
      lock.blockedUntil = now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (lock.failures - FREE_ATTEMPTS));
    }
    keep();
    throw new AppError('rule', 'Wrong team-lead PIN', { rule: 'lead_pin_wrong' });
  }
  lock.failures = 0;
  lock.blockedUntil = 0;
  keep();
}
