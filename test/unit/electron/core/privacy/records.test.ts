// An erasure recorded before numbers were keyed in E.164 holds a proof of the digits-only key: the
// number must still be recognised as erased, in any spelling.
import { memoryCore } from '../../../../helpers/core';
import { erasuresOfPhone, recordErasure } from '../../../../../electron/core/privacy/records';

test('a proof of the old digits-only key and one of the E.164 key are both found, whatever the spelling', () => {
  const core = memoryCore();
  const old = recordErasure(core.db, { at: '2026-10-01T00:00:00.000Z', kind: 'request', agent: null, reason: 'asked', phoneNorm: '13800138000', counts: {} });
  const landline = recordErasure(core.db, {
    at: '2026-12-01T00:00:00.000Z',
    kind: 'request',
    agent: null,
    reason: 'asked',
    phoneNorm: '+861066554433',
    counts: {},
  });
  for (const typed of ['138 0013 8000', '+86 138-0013-8000', '0086 13800138000'])
    expect(
      erasuresOfPhone(core.db, typed).map((e) => e.id),
      typed,
    ).toEqual([old]);
  for (const typed of ['010-6655-4433', '+86 10 6655 4433'])
    expect(
      erasuresOfPhone(core.db, typed).map((e) => e.id),
      typed,
    ).toEqual([landline]);
  expect(erasuresOfPhone(core.db, '139 0000 1111')).toEqual([]);
  core.close();
  // scrypt per proof and spelling (by design slow) on a busy shared machine
}, 60_000);
