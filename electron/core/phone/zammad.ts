// The loopback HTTP endpoint speaks the fields of Zammad's generic CTI API, so PBX connectors and
// softphones written for it work unchanged: event=newCall|answer|hangup, from, to, direction,
// callId, user, cause (form-encoded or JSON).
import type { PhoneEventInput } from '../../../shared/schemas/phone';

export type ZammadResult = { event: PhoneEventInput } | { ignore: 'outbound' } | { malformed: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function mapZammad(fields: Record<string, unknown>, at: string): ZammadResult {
  const direction = str(fields.direction);
  if (direction && direction !== 'in' && direction !== 'out') return { malformed: `direction must be "in" or "out", got "${direction.slice(0, 20)}"` };
  // calls the agent makes are not ringing at this desk
  if (direction === 'out') return { ignore: 'outbound' };
  const callId = str(fields.callId);
  switch (fields.event) {
    case 'newCall':
      return { event: { kind: 'ringing', callId, from: str(fields.from), to: str(fields.to), at } };
    case 'answer':
      return { event: { kind: 'answered', callId, at } };
    case 'hangup':
      return { event: { kind: 'ended', callId, at, cause: str(fields.cause) } };
    default:
      return { malformed: `event must be newCall, answer or hangup, got "${str(fields.event).slice(0, 40)}"` };
  }
}
