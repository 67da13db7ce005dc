import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open';
import { newId } from '../infra/ids';
import { legacyPhoneKey, normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { AppError } from '../../../shared/errors';
import type { Agent } from '../../../shared/schemas/agent';
import type { ErasureRecord } from '../../../shared/contract/privacy';
import { filesOf } from './scrub-jobs';

// ─── the erasure record ────────────────────────────────────────────────────────────────────
// A lead may later have to show that a number was erased. The record keeps a per-record salted
// scrypt hash of the normalised number: checking a given number is one hash per record; guessing
// every 11-digit number against it would take centuries of CPU.
const PROOF_PARAMS = { N: 16384, r: 8, p: 1 } as const;

function phoneProof(phoneNorm: string, salt = randomBytes(16)): string {
  const key = scryptSync(phoneNorm, salt, 32, PROOF_PARAMS);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * The same proof computed on libuv's thread pool: a quarter of a second of CPU that the service's
 * thread does not spend inside the erasure's transaction (saves would wait for it).
 */
export async function phoneProofAsync(phoneNorm: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) => scrypt(phoneNorm, salt, 32, PROOF_PARAMS, (err, k) => (err ? reject(err) : resolve(k))));
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function proofMatches(phoneNorm: string, proof: string): boolean {
  const [scheme, salt, key] = proof.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  return timingSafeEqual(scryptSync(phoneNorm, Buffer.from(salt, 'base64'), expected.length, PROOF_PARAMS), expected);
}

interface ErasureRow {
  id: string;
  at: string;
  kind: ErasureRecord['kind'];
  agent_name: string;
  reason: string;
  phone_proof: string | null;
  counts: string;
  backups: number;
}

const toRecord = (r: ErasureRow): ErasureRecord => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  agentName: r.agent_name,
  reason: r.reason,
  counts: JSON.parse(r.counts) as Record<string, number>,
  backups: r.backups,
  files: { pending: 0, index: false, cleaning: false, failed: [] },
});

/** The file work of each record, from its jobs (erasure_scrubs). */
function withFiles(db: Db, list: ErasureRecord[], cleaningNow: string | null): ErasureRecord[] {
  const files = filesOf(
    db,
    list.map((r) => r.id),
    cleaningNow,
  );
  return list.map((r) => ({ ...r, files: files.get(r.id) ?? r.files }));
}

export function recordErasure(
  db: Db,
  entry: {
    at: string;
    kind: ErasureRecord['kind'];
    agent: Agent | null;
    reason: string;
    phoneNorm?: string;
    /** phoneNorm's proof computed beforehand (phoneProofAsync) */
    proof?: string;
    counts: Record<string, number>;
  },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO erasures (id, at, kind, agent_id, agent_name, reason, phone_proof, counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    entry.at,
    entry.kind,
    entry.agent?.id ?? null,
    entry.agent?.name ?? '',
    entry.reason,
    entry.proof ?? (entry.phoneNorm ? phoneProof(entry.phoneNorm) : null),
    JSON.stringify(entry.counts),
  );
  return id;
}

export function getErasure(db: Db, id: string, cleaningNow: string | null = null): ErasureRecord {
  const row = db.prepare('SELECT * FROM erasures WHERE id = ?').get(id) as ErasureRow | undefined;
  if (!row) throw new AppError('not_found', `No erasure ${id}`);
  return withFiles(db, [toRecord(row)], cleaningNow)[0]!;
}

export function listErasures(db: Db, limit = 200, cleaningNow: string | null = null): ErasureRecord[] {
  return withFiles(db, (db.prepare('SELECT * FROM erasures ORDER BY at DESC, id DESC LIMIT ?').all(limit) as ErasureRow[]).map(toRecord), cleaningNow);
}

export function erasuresOfPhone(db: Db, typed: string, cleaningNow: string | null = null): ErasureRecord[] {
  const phoneNorm = normalisePhone(typed, phoneRegion(db));
  // erasures recorded before numbers were keyed in E.164 hold a proof of the digits-only key
  const legacy = legacyPhoneKey(typed);
  const rows = db.prepare("SELECT * FROM erasures WHERE kind = 'request' AND phone_proof IS NOT NULL ORDER BY at DESC").all() as ErasureRow[];
  const matches = rows.filter((r) => proofMatches(phoneNorm, r.phone_proof!) || (legacy !== phoneNorm && proofMatches(legacy, r.phone_proof!)));
  return withFiles(db, matches.map(toRecord), cleaningNow);
}
