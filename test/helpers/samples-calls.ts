// Valid inputs for the call workspace's methods, spread into samples.ts.
import type { Method, RawInput } from '../../shared/contract';
import type { ScriptContent } from '../../shared/schemas/script';

const ID = '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d';

export const sampleScript: ScriptContent = {
  steps: [
    {
      key: 'greeting',
      title: 'Greeting',
      lines: ['Hello, this is {company}.'],
      lateLines: ['Sorry to keep you waiting.'],
      branches: {},
      hints: [],
      checklist: [{ key: 'greeted', label: 'Greeted' }],
    },
    { key: 'identify', title: 'Identify', lines: [], lateLines: [], branches: {}, hints: [], checklist: [{ key: 'identified', label: 'Asked' }] },
    {
      key: 'readback',
      title: 'Read back',
      lines: ['Your number is {caller.phone}.'],
      lateLines: [],
      branches: {},
      hints: [],
      checklist: [{ key: 'confirmed', label: 'Confirmed' }],
    },
    {
      key: 'handle',
      title: 'Handle',
      lines: [],
      lateLines: [],
      branches: { complaint: ['Sorry.'] },
      hints: ['Listen.'],
      checklist: [{ key: 'handled', label: 'Handled' }],
    },
    {
      key: 'closing',
      title: 'Closing',
      lines: ['Thank you for calling.'],
      lateLines: [],
      branches: {},
      hints: [],
      checklist: [{ key: 'thanked', label: 'Thanked' }],
    },
  ],
};

/** the foundation's four call methods keep their samples in samples.ts */
type CallMethods = Exclude<
  Extract<Method, `calls.${string}` | `scripts.${string}` | `settings.${string}` | `dispositions.${string}`>,
  'calls.start' | 'calls.update' | 'calls.get' | 'calls.listDay'
>;

export const callWorkspaceSamples: { [M in CallMethods]: RawInput<M> } = {
  'calls.open': { id: ID },
  'calls.listUnfinished': {},
  'calls.markLate': { id: ID, late: true },
  'calls.check': { id: ID, key: 'greeted', checked: true },
  'calls.end': { id: ID },
  'calls.complete': { id: ID, dispositionId: ID },
  'calls.discard': { id: ID, reason: 'test call' },
  'calls.escalate': { id: ID, reason: '需要主管批准退款' },
  'calls.transfer': { id: ID, to: '李娜', gist: '发票寄送地址要改' },
  'calls.amend': { id: ID, fields: { subject: '发票' } },
  'calls.history': { phone: '138 0013 8000', excludeCallId: ID },
  'scripts.current': { language: 'zh-CN' },
  'scripts.get': { id: ID },
  'scripts.versions': { language: 'en' },
  'scripts.save': { language: 'en', basedOn: ID, content: sampleScript },
  'settings.get': {},
  'settings.update': { companyName: '华东服务公司', lateAnswerSeconds: 15, defaultLanguage: 'zh-CN' },
  'settings.setMyLanguage': { language: 'en' },
  'dispositions.list': { includeRetired: true },
  'dispositions.save': { items: [{ id: ID, labelZh: '已解决', labelEn: 'Resolved', active: true }] },
};
