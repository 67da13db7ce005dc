// The one shape every phone source is turned into (softphone hooks, the loopback HTTP endpoint,
// baresip). The service never knows which phone system sent an event.
import { z } from 'zod';
import { instant } from './common';

export const phoneSources = ['hooks', 'http', 'baresip'] as const;
export const phoneSource = z.enum(phoneSources);
export type PhoneSource = z.infer<typeof phoneSource>;
/** 'none': no phone integration, F2 starts a call answered now (as before) */
export const phoneSourceSetting = z.enum(['none', ...phoneSources]);
export type PhoneSourceSetting = z.infer<typeof phoneSourceSetting>;

/** The phone system's own id for one call; opaque text. */
export const phoneCallId = z
  .string()
  .trim()
  .min(1, 'call id is empty')
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'call id must be printable ASCII without spaces');
/** A number as the phone system gives it ("13800138000", "+86 10 1234 5678", "anonymous"). */
export const phoneNumber = z
  .string()
  .trim()
  .max(80)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'no control characters');

export const ringingEvent = z.strictObject({
  kind: z.literal('ringing'),
  callId: phoneCallId,
  from: phoneNumber.min(1, "from (the caller's number) is required"),
  to: phoneNumber.default(''),
  at: instant,
});
export const answeredEvent = z.strictObject({ kind: z.literal('answered'), callId: phoneCallId, at: instant });
export const endedEvent = z.strictObject({
  kind: z.literal('ended'),
  callId: phoneCallId,
  at: instant,
  cause: z.string().trim().max(100).default(''),
});
export const phoneEvent = z.discriminatedUnion('kind', [ringingEvent, answeredEvent, endedEvent]);
export type PhoneEvent = z.infer<typeof phoneEvent>;
export type PhoneEventInput = z.input<typeof phoneEvent>;

/** Seconds per ring: Chinese ringback is 1 s on, 4 s off (P1). */
export const DEFAULT_RING_CADENCE_SECONDS = 5;
/** P1: answer within two rings; at five or more the apology comes first. */
export const P1_GOOD_RINGS = 2;
export const P1_APOLOGY_RINGS = 5;

export const ringsFor = (answerMs: number, cadenceSeconds: number): number => Math.floor(Math.max(0, answerMs) / (cadenceSeconds * 1000));
export const needsApology = (answerMs: number, cadenceSeconds: number): boolean => ringsFor(answerMs, cadenceSeconds) >= P1_APOLOGY_RINGS;

export const phoneCallStatus = z.enum(['ringing', 'answered', 'ended', 'missed']);
export type PhoneCallStatus = z.infer<typeof phoneCallStatus>;

export interface RingingCall {
  /** the phone system's id */
  callId: string;
  from: string;
  to: string;
  rangAt: string;
  /** when this workstation received the ringing event (ms since epoch; pop latency is measured from here) */
  receivedAt: number;
  /** from the customer card of this number, if any */
  callerName: string;
}

export interface PhoneSettings {
  source: PhoneSourceSetting;
  /** this workstation's extension; events for other extensions are ignored ('' = all) */
  extension: string;
  /** P1: seconds per ring */
  ringCadenceSeconds: number;
  /** host:port of the agent's baresip ctrl_tcp */
  baresipAddress: string;
  /** loopback port of the phone listener (HTTP endpoint, command hooks); 0 = any free port */
  httpPort: number;
  /** settings IT locked in the managed configuration */
  locked: string[];
}

export interface PhoneConnection {
  /** off: the source is not baresip; the others describe the ctrl_tcp connection */
  state: 'off' | 'connecting' | 'connected' | 'error';
  /** a technical reason for IT (ECONNREFUSED …), never shown untranslated as the only text */
  detail: string;
  since: string | null;
}

export interface PhoneState {
  /** grows with every change; phone.state waits for a version above `after` */
  version: number;
  source: PhoneSourceSetting;
  ringCadenceSeconds: number;
  connection: PhoneConnection;
  /** oldest first: the first is answered by F2, the others are queued */
  ringing: RingingCall[];
  /** the answered call of this workstation that has not ended yet */
  active: { callId: string; consoleCallId: string | null; from: string; answeredAt: string } | null;
  /** missed calls not called back yet */
  missedCount: number;
}

export interface MissedCall {
  id: string;
  callId: string;
  from: string;
  to: string;
  rangAt: string;
  endedAt: string;
  cause: string;
  callerName: string;
  /** the console call that called back, once done */
  callbackCallId: string | null;
}

export const phoneStateInput = z.strictObject({
  /** answer as soon as the version is above this one (long poll) */
  after: z.number().int().min(-1).optional(),
  /** how long to wait for a change; 0 answers at once */
  waitMs: z.number().int().min(0).max(30_000).default(0),
});
export const phoneAnswerInput = z.strictObject({
  /** which ringing call; default: the oldest one */
  callId: phoneCallId.optional(),
  language: z.enum(['zh-CN', 'en']).optional(),
});
export const phoneMissedInput = z.strictObject({
  /** include those already called back */
  includeDone: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(100),
});
export const phoneCallBackInput = z.strictObject({ id: z.string().min(1).max(60), language: z.enum(['zh-CN', 'en']).optional() });
export const phoneSettingsInput = z.strictObject({});
export const phoneConfigureInput = z.strictObject({
  source: phoneSourceSetting.optional(),
  extension: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\w+*#.-]*$/, 'digits, letters, + * # . - only')
    .optional(),
  ringCadenceSeconds: z.number().min(0.2).max(30).optional(),
  baresipAddress: z
    .string()
    .trim()
    .max(100)
    .regex(/^(?:[\w.-]+|\[[0-9a-fA-F:]+\]):\d{1,5}$/, 'host:port')
    .optional(),
  httpPort: z.number().int().min(0).max(65535).optional(),
});
