// Stored codes (inquiry, inbound, completed, in_progress, major …) are for machines: the CSV keeps
// them. Everything people read (the screens, the report, the XLSX) shows the UI's own word for the
// code, from the same locale key the screen that sets the value uses, so the two never disagree.
export const codeGroups = {
  direction: 'call:direction.',
  callStatus: 'call:status.',
  callCategory: 'script:category.',
  complaintStatus: 'complaints:status.',
  severity: 'complaints:severity.',
  complaintCategory: 'complaints:category.',
  replyChannel: 'complaints:how.',
  eventKind: 'reports:codes.eventKind.',
  callbackStatus: 'reports:codes.callbackStatus.',
} as const;

export type CodeGroup = keyof typeof codeGroups;

/** The word for a code, or the code itself when it is not one of the known ones (e.g. a free category). */
export function labelOf(t: (key: string) => string, group: CodeGroup, code: string): string {
  if (code === '') return code;
  const key = codeGroups[group] + code;
  const word = t(key);
  return word === key || word === codeGroups[group].split(':')[1] + code ? code : word;
}
