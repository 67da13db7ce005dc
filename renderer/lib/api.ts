// The only file that knows how requests travel. In Electron the preload exposes one function per
// contract method on window.callConsole; in browser mode the same methods are POSTed to
// /api/<method> with the per-run token. Features never see the difference.
import type { Method, Output, RawInput } from '../../shared/contract';
import type { Envelope, ErrorCode, FieldError } from '../../shared/errors';

type Bridge = Record<string, (input: unknown) => Promise<Envelope<unknown>>>;
type Transport = (method: string, input: unknown) => Promise<Envelope<unknown>>;

declare global {
  interface Window {
    callConsole?: Bridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly rule: string | undefined;
  readonly fields: FieldError[];
  constructor(code: ErrorCode, message: string, rule?: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.rule = rule;
    this.fields = fields;
  }
}

const TOKEN_KEY = 'call-console-token';

/** The token arrives in the URL fragment (never sent to a server log) and is then kept per tab. */
function readToken(): string {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = readToken();
  return async (method, input) => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'db_unavailable', message: 'The console service is not reachable' } };
    }
    return (await response.json()) as Envelope<unknown>;
  };
}

function pickTransport(): Transport {
  const bridge = window.callConsole;
  if (bridge) {
    return (method, input) => {
      const fn = bridge[method];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
      return fn(input);
    };
  }
  return httpTransport();
}

let transport: Transport | undefined;

export async function api<M extends Method>(method: M, input: RawInput<M>): Promise<Output<M>> {
  transport ??= pickTransport();
  const result = await transport(method, input);
  if (result.ok) return result.value as Output<M>;
  const { code, message, rule, fields } = result.error;
  throw new ApiError(code, message, rule, fields);
}
