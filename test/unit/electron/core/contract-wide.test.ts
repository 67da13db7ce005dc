// Runs over the whole contract, so a method added later is covered without new test code.
import { contract, methodNames, type Method } from '../../../../shared/contract';
import { memoryCore, snapshot, call } from '../../../helpers/core';
import { samples } from '../../../helpers/samples';
import type { Core } from '../../../../electron/core/entry/start-core';

const ONE_MB = 'x'.repeat(1024 * 1024);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every way of replacing one leaf of a valid input with something the schema must refuse. */
function* corruptions(value: Json, path: string[] = []): Generator<{ label: string; input: Json }> {
  if (typeof value === 'string') {
    yield { label: `${path.join('.')} = 1 MB string`, input: ONE_MB };
    yield { label: `${path.join('.')} = number`, input: 12345 };
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    yield { label: `${path.join('.')} = string`, input: 'not a number' };
  } else if (Array.isArray(value)) {
    yield { label: `${path.join('.')} = object`, input: { not: 'an array' } };
  } else if (value && typeof value === 'object') {
    yield { label: `${path.join('.') || 'input'} + extra field`, input: { ...value, unexpectedField: 'x' } };
    if (path.length > 0) yield { label: `${path.join('.')} = string`, input: 'not an object' };
    for (const [key, child] of Object.entries(value)) {
      for (const c of corruptions(child, [])) yield { label: `${[...path, key].join('.')}: ${c.label}`, input: { ...value, [key]: c.input } };
    }
  }
}

let core: Core;
beforeEach(async () => {
  core = memoryCore();
  // Something in every table, so "writes nothing" is checked against real rows.
  const started = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: started.id, fields: { callerName: 'Existing caller' } });
});
afterEach(() => core.close());

test('every contract method has a sample input that passes its schema', () => {
  for (const name of methodNames) {
    const parsed = contract[name].input.safeParse(samples[name]);
    expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
});

test('method names are domain.verb', () => {
  for (const name of methodNames) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
});

describe.each(methodNames.map((m) => [m]))('%s refuses malformed input and writes nothing', (name: Method) => {
  const bad: { label: string; input: unknown }[] = [
    { label: 'a number', input: 42 },
    { label: 'a string', input: 'hello' },
    { label: 'an array', input: [samples[name]] },
    { label: 'null', input: null },
    ...[...corruptions(samples[name] as Json)],
  ];

  test.each(bad.map((b) => [b.label, b.input]))('%s', async (_label, input) => {
    const before = snapshot(core.db);
    const result = await core.dispatch(name, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot(core.db)).toBe(before);
  });
});

test('an unknown method is refused with its own code', async () => {
  const result = await core.dispatch('calls.dropTable', {});
  expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
});

test('a validation error names the field and the problem, for the form to show', async () => {
  const result = await core.dispatch('calls.update', { id: 'not-an-id', fields: { callerName: 5 } });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  const paths = result.error.fields?.map((f) => f.path);
  expect(paths).toEqual(expect.arrayContaining(['id', 'fields.callerName']));
});

test('an unexpected exception becomes an "internal" envelope without its stack', async () => {
  core.db.exec('DROP TABLE calls');
  const result = await core.dispatch('calls.listDay', {});
  expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error in calls.listDay' } });
});
