// P1 in the report, measured rather than ticked: over the calls answered from a phone source in the
// period, the share answered within two rings, the share answered after five or more and how many
// of those had the greeting ticked with the apology line first; the real average answer time; the
// missed calls; and, over all answered calls, average talk, after-call work and handle time.
import type { Db } from '../db/open';
import type { Range } from '../../../shared/domain/period';
import type { ReportFigures } from '../../../shared/contract/reports';
import { P1_APOLOGY_RINGS, P1_GOOD_RINGS } from '../../../shared/schemas/phone';
import { getPhoneSettings } from './settings';

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const pct = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 10);

export function phoneFigures(db: Db, range: Range): ReportFigures['phone'] {
  const cadence = getPhoneSettings(db).ringCadenceSeconds;
  // rings = answer time ÷ cadence, whole rings (P1); the cadence in force now is used for the period
  const rings = `CAST(((julianday(c.answered_at) - julianday(c.rang_at)) * 86400.0) / @cadence AS INTEGER)`;
  const p1 = db
    .prepare(
      `SELECT count(*) AS calls,
              sum(CASE WHEN ${rings} <= @good THEN 1 ELSE 0 END) AS good,
              sum(CASE WHEN ${rings} >= @late THEN 1 ELSE 0 END) AS late,
              sum(CASE WHEN ${rings} >= @late AND c.late_answer = 1 AND json_extract(c.checklist, '$.greeted') IS NOT NULL THEN 1 ELSE 0 END) AS apologised,
              avg((julianday(c.answered_at) - julianday(c.rang_at)) * 86400.0) AS answer
       FROM calls c JOIN phone_calls p ON p.console_call_id = c.id
       WHERE c.created_at >= @from AND c.created_at < @to AND c.answered_at IS NOT NULL`,
    )
    .get({ ...range, cadence, good: P1_GOOD_RINGS, late: P1_APOLOGY_RINGS }) as {
    calls: number;
    good: number | null;
    late: number | null;
    apologised: number | null;
    answer: number | null;
  };
  const missed = db.prepare("SELECT count(*) FROM phone_calls WHERE status = 'missed' AND rang_at >= @from AND rang_at < @to").pluck().get(range) as number;
  const times = db
    .prepare(
      `SELECT avg(CASE WHEN ended_at IS NOT NULL THEN (julianday(ended_at) - julianday(answered_at)) * 86400.0 END) AS talk,
              avg(CASE WHEN ended_at IS NOT NULL AND wrapped_at IS NOT NULL THEN (julianday(wrapped_at) - julianday(ended_at)) * 86400.0 END) AS acw,
              avg(CASE WHEN ended_at IS NOT NULL AND wrapped_at IS NOT NULL THEN (julianday(wrapped_at) - julianday(answered_at)) * 86400.0 END) AS handle
       FROM calls WHERE created_at >= @from AND created_at < @to AND answered_at IS NOT NULL`,
    )
    .get(range) as { talk: number | null; acw: number | null; handle: number | null };
  const late = p1.late ?? 0;
  return {
    ringCadenceSeconds: cadence,
    phoneCalls: p1.calls,
    within2RingsPct: pct(p1.good ?? 0, p1.calls),
    after5Rings: late,
    after5RingsPct: pct(late, p1.calls),
    after5RingsApologised: p1.apologised ?? 0,
    avgAnswerSeconds: round1(p1.answer),
    missed,
    avgTalkSeconds: round1(times.talk),
    avgAfterCallWorkSeconds: round1(times.acw),
    avgHandleSeconds: round1(times.handle),
  };
}
