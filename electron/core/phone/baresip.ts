// baresip (a SIP softphone) through its ctrl_tcp module: netstrings of JSON both ways.
// Invariant: nothing baresip sends, or fails to send, can crash the console: a refused or dropped
// connection becomes a status and a retry with back-off; garbage on the wire closes the socket
// (and is retried) instead of throwing.
import { Socket } from 'node:net';
import type { PhoneConnection, PhoneEventInput } from '../../../shared/schemas/phone';

const MAX_FRAME = 1024 * 1024;

export function encodeNetstring(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]);
}

/**
 * Splits a byte stream into netstring bodies; throws on a stream that is not netstrings (the frames
 * before the garbage are still handed to `emit`).
 */
export class NetstringDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  push(chunk: Buffer, emit: (frame: string) => void = () => undefined): string[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const out: string[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) {
        if (this.buffer.length > 10 || !/^\d*$/.test(this.buffer.toString('latin1'))) throw new Error('not a netstring length');
        return out;
      }
      const head = this.buffer.subarray(0, colon).toString('latin1');
      if (!/^\d{1,7}$/.test(head)) throw new Error('not a netstring length');
      const length = Number(head);
      if (length > MAX_FRAME) throw new Error('netstring too long');
      if (this.buffer.length < colon + 1 + length + 1) return out;
      if (this.buffer[colon + 1 + length] !== 0x2c) throw new Error('netstring without its closing comma');
      const frame = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      out.push(frame);
      emit(frame);
      this.buffer = this.buffer.subarray(colon + 1 + length + 1);
    }
  }
}

/** "sip:13800138000@10.0.0.1:5060;transport=udp", '"Zhang" <sip:…>' or "tel:+86…" → the user part. */
export function userOfUri(uri: string): string {
  const inner = /<([^>]*)>/.exec(uri)?.[1] ?? uri;
  const match = /^(?:sips?|tel):([^@;>]*)/i.exec(inner.trim());
  return decodeURIComponent(match?.[1] ?? '').trim();
}

interface BaresipMessage {
  event?: unknown;
  type?: unknown;
  id?: unknown;
  peeruri?: unknown;
  accountaor?: unknown;
  direction?: unknown;
  param?: unknown;
}

/**
 * One ctrl_tcp event → the internal event, or null for what the console does not follow (media,
 * SDP, the agent's own outgoing calls, registration). Anything malformed comes back as the
 * internal shape with what is missing left empty, so the intake refuses it with its log line.
 */
export function mapBaresipEvent(message: BaresipMessage, at: string): PhoneEventInput | null {
  if (message.event !== true) return null;
  if (message.direction === 'outgoing') return null;
  const callId = typeof message.id === 'string' ? message.id : '';
  switch (message.type) {
    case 'CALL_INCOMING':
      return {
        kind: 'ringing',
        callId,
        from: typeof message.peeruri === 'string' ? userOfUri(message.peeruri) : '',
        to: typeof message.accountaor === 'string' ? userOfUri(message.accountaor) : '',
        at,
      };
    case 'CALL_ESTABLISHED':
      return { kind: 'answered', callId, at };
    case 'CALL_CLOSED':
      return { kind: 'ended', callId, at, cause: typeof message.param === 'string' ? message.param.slice(0, 100) : '' };
    default:
      return null;
  }
}

export interface BaresipClientOptions {
  address: string;
  onEvent(event: PhoneEventInput): void;
  onStatus(status: PhoneConnection): void;
  /** an event that could not be read (log line, nothing written) */
  onBadMessage?(reason: string): void;
  now?: () => Date;
  /** back-off steps in ms; the last one repeats */
  retryMs?: number[];
}

export class BaresipClient {
  private socket: Socket | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private tokenSeq = 0;
  private readonly pending = new Map<string, (ok: boolean, data: string) => void>();
  status: PhoneConnection = { state: 'connecting', detail: '', since: null };

  constructor(private readonly options: BaresipClientOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.destroy();
    this.socket = null;
    for (const done of this.pending.values()) done(false, 'stopped');
    this.pending.clear();
  }

  /** Sends one command; resolves with baresip's answer, or ok=false when not connected or no answer in time. */
  command(command: string, params = '', timeoutMs = 3000): Promise<{ ok: boolean; data: string }> {
    const socket = this.socket;
    if (!socket || this.status.state !== 'connected') return Promise.resolve({ ok: false, data: 'not connected' });
    const token = `cc${++this.tokenSeq}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false, 'no answer'), timeoutMs);
      const finish = (ok: boolean, data: string) => {
        clearTimeout(timer);
        this.pending.delete(token);
        resolve({ ok, data });
      };
      this.pending.set(token, finish);
      socket.write(encodeNetstring({ command, params, token }));
    });
  }

  private setStatus(state: PhoneConnection['state'], detail = ''): void {
    if (this.status.state === state && this.status.detail === detail) return;
    this.status = { state, detail, since: (this.options.now?.() ?? new Date()).toISOString() };
    this.options.onStatus(this.status);
  }

  private connect(): void {
    if (this.stopped) return;
    const match = /^(.*):(\d{1,5})$/.exec(this.options.address);
    if (!match) {
      this.setStatus('error', 'bad address');
      return;
    }
    const host = match[1]!.replace(/^\[|\]$/g, '');
    const port = Number(match[2]);
    const socket = new Socket();
    const decoder = new NetstringDecoder();
    this.socket = socket;
    this.setStatus(this.attempt === 0 ? 'connecting' : this.status.state === 'error' ? 'error' : 'connecting', this.status.detail);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.attempt = 0;
      this.setStatus('connected');
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        decoder.push(chunk, (frame) => this.onFrame(frame));
      } catch (err) {
        this.options.onBadMessage?.('not_netstring');
        socket.destroy(err as Error);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.setStatus('error', err.code ?? 'socket error');
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      for (const done of this.pending.values()) done(false, 'connection closed');
      this.pending.clear();
      if (this.stopped) return;
      if (this.status.state === 'connected') this.setStatus('error', 'connection closed');
      this.retry();
    });
    socket.connect(port, host);
  }

  private retry(): void {
    const steps = this.options.retryMs ?? [500, 1000, 2000, 5000, 10_000];
    const delay = steps[Math.min(this.attempt, steps.length - 1)]!;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
    this.timer.unref?.();
  }

  private onFrame(frame: string): void {
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      this.options.onBadMessage?.('not_json');
      return;
    }
    if (typeof message !== 'object' || message === null) {
      this.options.onBadMessage?.('not_object');
      return;
    }
    const m = message as Record<string, unknown>;
    if (m.response === true && typeof m.token === 'string') {
      this.pending.get(m.token)?.(m.ok === true, typeof m.data === 'string' ? m.data : '');
      return;
    }
    const event = mapBaresipEvent(m, (this.options.now?.() ?? new Date()).toISOString());
    if (event) this.options.onEvent(event);
  }
}
