// Every contract method fed generated input (fast-check): arbitrary values and near-valid ones
// derived from its sample. The service never crashes, answers only with typed envelopes (never
// "internal"), and a rejected call leaves the database exactly as it was. New methods are covered
// through `methodNames` and their sample, with no new test code.
import fc from 'fast-check';
import { methodNames, type Method } from '../../../../shared/contract';
import { errorCodes } from '../../../../shared/errors';
import { call, memoryCore, snapshot } from '../../../helpers/core';
import { samples } from '../../../helpers/samples';
import type { Core } from '../../../../electron/core/entry/start-core';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u0000', '138 0013 8000', '+86 138-0013-8000', '０１２３', '; DROP TABLE calls; --', '%', '_', "'", '[erased]', '张伟', '\uD800'),
  fc.string({ minLength: 5000, maxLength: 30000 }),
  fc.uuid({ version: 7 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/** values shaped like the sample, with each leaf sometimes replaced, keys dropped or added */
function nearValid(sample: Json): fc.Arbitrary<unknown> {
  if (typeof sample === 'string') return fc.oneof({ weight: 2, arbitrary: fc.constant(sample) }, nastyString, fc.integer(), fc.constant(null));
  if (typeof sample === 'number') return fc.oneof(fc.constant(sample), fc.double(), fc.integer(), nastyString);
  if (typeof sample === 'boolean') return fc.oneof(fc.boolean(), fc.constant('true'), fc.integer());
  if (sample === null) return fc.anything();
  if (Array.isArray(sample)) return fc.array(sample.length ? nearValid(sample[0]!) : fc.anything(), { maxLength: 5 });
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(sample)) shape[key] = nearValid(value);
  return fc
    .tuple(fc.record(shape, { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 2 })))
    .map(([record, extra]) => (extra ? { ...extra, ...record } : record));
}

function inputs(name: Method): fc.Arbitrary<unknown> {
  return fc.oneof(fc.anything({ withObjectString: true, withNullPrototype: true }), nearValid(samples[name] as Json), fc.constant(undefined));
}

let core: Core;
beforeAll(async () => {
  core = memoryCore();
  // data in every table, and team-lead mode on, so the lead-only methods get past the gate
  const started = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: started.id, fields: { callerName: '张伟', phone: '138 0013 8000', details: 'x' } });
  await call(core, 'lead.setPin', { pin: '246800' });
});
afterAll(() => core.close());

describe.each(methodNames.map((m) => [m]))('%s under generated input', (name: Method) => {
  test('typed envelopes only, and nothing written when refused', async () => {
    await fc.assert(
      fc.asyncProperty(inputs(name), async (input) => {
        const agent = core.session.agent;
        const before = snapshot(core.db);
        const result = await core.dispatch(name, input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(errorCodes).toContain(result.error.code);
          expect(result.error.code).not.toBe('internal');
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message).not.toMatch(/\n\s+at /);
          // a wrong PIN is the one refusal that writes: the failure count persists (back-off across restarts)
          if (name === 'lead.unlock') core.db.prepare("DELETE FROM settings WHERE key = 'lead.pinFailures'").run();
          expect(snapshot(core.db)).toBe(name === 'lead.unlock' ? before.replace(/,\["lead\.pinFailures","[^"\\]*(?:\\.[^"\\]*)*"\]/, '') : before);
        }
        // keep later runs meaningful: signed in and in team-lead mode
        core.session.agent = agent;
        core.session.leadUntil = Date.now() + 60_000;
      }),
      { numRuns: RUNS },
    );
  });
});
