import { codeGroups, labelOf } from '../../../../shared/domain/code-labels';
import { translator } from '../../../../electron/core/exports/labels';

test('every code a screen stores has a word in both languages, the same word the screen shows', () => {
  const codes: Record<keyof typeof codeGroups, string[]> = {
    direction: ['inbound', 'outbound'],
    callStatus: ['open', 'completed', 'discarded'],
    callCategory: ['inquiry', 'complaint', 'fault', 'callback'],
    complaintStatus: ['new', 'in_progress', 'awaiting_customer', 'resolved', 'closed'],
    severity: ['normal', 'major'],
    complaintCategory: ['service', 'product', 'fault'],
    replyChannel: ['phone', 'sms', 'email', 'visit', 'letter'],
    eventKind: ['created', 'status', 'note', 'reply', 'due', 'transfer', 'escalation', 'edit', 'result'],
    callbackStatus: ['pending', 'done', 'cancelled'],
  };
  for (const language of ['en', 'zh-CN'] as const) {
    const t = translator(language);
    for (const [group, list] of Object.entries(codes)) {
      for (const code of list) expect(labelOf(t, group as keyof typeof codeGroups, code), `${language} ${group}.${code}`).not.toBe(code);
    }
  }
  const zh = translator('zh-CN');
  expect(labelOf(zh, 'callStatus', 'discarded')).toBe('已放弃'); // the call screen's word, not another one
  expect(labelOf(zh, 'callCategory', 'inquiry')).toBe('咨询');
  expect(labelOf(translator('en'), 'direction', 'inbound')).toBe('Inbound call');
});

test('a code that is not one of the known ones (a category typed by hand) is shown as it is', () => {
  expect(labelOf(translator('en'), 'callCategory', '发票')).toBe('发票');
  expect(labelOf(translator('en'), 'callCategory', '')).toBe('');
});
