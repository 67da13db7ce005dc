// Text that cannot be stored faithfully is refused at the boundary as `validation`, for every
// method: a NUL in a search (it used to answer `internal` with a stack trace on the console) and a
// lone surrogate in a note (it used to be stored as invalid UTF-8 and read back as "���").
import { call, memoryCore } from '../../../helpers/core';
import { snapshot } from '../../../helpers/core';

test.each([
  ['search.query', { q: 'abc\u0000def' }, 'q', 'nul_character'],
  ['complaints.list', { q: 'abc\u0000' }, 'q', 'nul_character'],
  ['agents.add', { name: 'Li\ud800' }, 'name', 'lone_surrogate'],
  ['complaints.create', { matter: 'x', category: 'service', customerName: '\udc00张', nextReplyDue: '2026-12-01T00:00:00Z' }, 'customerName', 'lone_surrogate'],
])('%s with %j is refused as validation', async (method, input, path, code) => {
  const core = memoryCore();
  const before = snapshot(core.db);
  const result = await core.dispatch(method, input);
  expect(result).toEqual({
    ok: false,
    error: { code: 'validation', message: `Invalid input for ${method}`, fields: [expect.objectContaining({ path, code })] },
  });
  expect(snapshot(core.db)).toBe(before);
  core.close();
});

test('a lone surrogate in an autosaved note is refused; a real pair (emoji, rare CJK) is kept exactly', async () => {
  const core = memoryCore();
  const { id } = await call(core, 'calls.start', {});
  expect(await core.dispatch('calls.update', { id, fields: { details: 'ok\ud83d' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
  const saved = await call(core, 'calls.update', { id, fields: { details: '客户 😀 𠀀' } });
  expect(saved.details).toBe('客户 😀 𠀀');
  expect(core.db.prepare('SELECT details FROM calls WHERE id = ?').pluck().get(id)).toBe('客户 😀 𠀀');
  core.close();
});
