import { startCore, type Core } from '../../electron/core/entry/start-core';
import type { Clock } from '../../electron/core/infra/clock';
import type { Method, Output, RawInput } from '../../shared/contract';
import type { Db } from '../../electron/core/db/open';
import { newId } from '../../electron/core/infra/ids';

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next) => (now = new Date(next)),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
  };
}

/** A core on an in-memory database with agent "Test Agent" signed in (unless signedIn: false). */
export function memoryCore(clock?: Clock, { signedIn = true }: { signedIn?: boolean } = {}): Core {
  const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'test', ...(clock ? { clock } : {}) });
  if (signedIn) {
    const agentId = newId();
    core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Test Agent', 'agent', '2026-01-01T00:00:00.000Z')").run(agentId);
    void core.dispatch('session.signIn', { agentId });
  }
  return core;
}

/** Calls through the real dispatcher and unwraps the envelope, failing loudly on an error. */
export async function call<M extends Method>(core: Core, method: M, input: RawInput<M>): Promise<Output<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as Output<M>;
}

/** Every row of every table, as text: equal snapshots mean nothing was written. */
export function snapshot(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}
