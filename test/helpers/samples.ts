// One valid input per contract method. The contract-wide tests mutate these into bad inputs;
// a method without a sample fails those tests, so a new method cannot skip them.
import type { Method, RawInput } from '../../shared/contract';

export const SAMPLE_ID = '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d';

export const samples: { [M in Method]: RawInput<M> } = {
  'app.info': {},
  'agents.list': {},
  'agents.add': { name: '王芳', role: 'agent' },
  'session.signIn': { agentId: SAMPLE_ID },
  'session.signOut': {},
  'session.current': {},
  'lead.state': {},
  'lead.unlock': { pin: '2468' },
  'lead.lock': {},
  'lead.setPin': { pin: '2468' },
  'calls.start': { direction: 'inbound', rangAt: '2026-11-27T08:00:00.000Z' },
  'calls.update': { id: SAMPLE_ID, fields: { callerName: '张伟', phone: '138 0013 8000', details: 'text' } },
  'calls.get': { id: SAMPLE_ID },
  'calls.listDay': { day: '2026-11-27' },
  'exports.start': { period: { month: '2026-10' }, format: 'xlsx', folder: '/tmp/exports', language: 'zh-CN' },
  'exports.progress': { jobId: SAMPLE_ID },
  'exports.cancel': { jobId: SAMPLE_ID },
  'exports.defaults': {},
  'exports.log': {},
  'reports.summary': { period: { from: '2026-10-01', to: '2026-10-07' } },
  'reports.rows': { period: { month: '2026-10' }, category: '发票', day: '2026-10-08', offset: 0, limit: 50 },
  'reports.html': { period: { month: '2026-10' }, language: 'en' },
  'about.diagnostics': {},
};
