// O2: the customer never has to explain twice. As soon as a number is typed the agent sees what
// it called about before, whether it is a repeat caller, its open complaints and pending callbacks.
// Runs on every (debounced) phone change, so it reads only calls_by_phone, which holds every column shown (migration 0160).
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { Input } from '../../../shared/contract';
import { normalisePhone, phoneDigitCount } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import type { CallerHistory, CallSummary, CustomerCard } from '../../../shared/schemas/call';
import type { CallbackSummary, ComplaintSummary } from '../../../shared/schemas/summaries';
import { openComplaintsForPhone } from '../complaints/store';
import { pendingCallbacksForPhone } from '../callbacks/store';
import { withDesk } from '../sync/labels';

const REPEAT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_CALLS = 20;
/** fewer digits than this match too many unrelated numbers to be history */
const MIN_DIGITS = 5;

/** exported so a test can check their query plans */
export const historySql = {
  calls: `SELECT id, direction, status, caller_name AS callerName, phone, category, subject, agent_name AS agentName, created_at AS createdAt, workstation
     FROM calls WHERE phone_norm = ? AND id <> ? AND status <> 'discarded'
     ORDER BY created_at DESC LIMIT ${MAX_CALLS}`,
  recent: `SELECT count(*) FROM calls WHERE phone_norm = ? AND created_at >= ? AND id <> ? AND status <> 'discarded'`,
  customer: `SELECT id, name, region, address FROM customers WHERE phone_norm = ? AND (name <> '' OR region <> '' OR address <> '')`,
};

interface Statements {
  calls: Database.Statement;
  recent: Database.Statement;
  customer: Database.Statement;
}
const statements = new WeakMap<Db, Statements>();

function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      calls: db.prepare(historySql.calls),
      recent: db.prepare(historySql.recent).pluck(),
      customer: db.prepare(historySql.customer),
    };
    statements.set(db, s);
  }
  return s;
}

export function callerHistory(db: Db, clock: Clock, input: Input<'calls.history'>): CallerHistory {
  const phoneNorm = normalisePhone(input.phone, phoneRegion(db));
  if (phoneDigitCount(phoneNorm) < MIN_DIGITS) {
    return { phoneNorm, calls: [], callsLast7Days: 0, repeatCaller: false, openComplaints: [], pendingCallbacks: [], customer: null };
  }
  const s = prepared(db);
  const exclude = input.excludeCallId ?? '';
  // team mode: each earlier call says which desk took it
  const calls = withDesk(db, s.calls.all(phoneNorm, exclude) as CallSummary[]);
  const since = new Date(clock.now().getTime() - REPEAT_WINDOW_MS).toISOString();
  const callsLast7Days = s.recent.get(phoneNorm, since, exclude) as number;
  return {
    phoneNorm,
    calls,
    callsLast7Days,
    repeatCaller: callsLast7Days > 0,
    // O4: the card, so a returning caller's name, region and address are filled with one key
    customer: (s.customer.get(phoneNorm) as CustomerCard | undefined) ?? null,
    ...otherDomains(db, clock, phoneNorm),
  };
}

/** O2: what the caller already has open elsewhere, so they never explain it twice. */
function otherDomains(db: Db, clock: Clock, phoneNorm: string): { openComplaints: ComplaintSummary[]; pendingCallbacks: CallbackSummary[] } {
  return {
    openComplaints: openComplaintsForPhone(db, clock, phoneNorm),
    pendingCallbacks: pendingCallbacksForPhone(db, clock, phoneNorm),
  };
}
