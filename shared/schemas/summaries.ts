// Small views of one domain shown inside another (the caller history shows complaints and
// callbacks; the complaint shows its call). Each domain fills its own summary.

export interface ComplaintSummary {
  id: string;
  /** readable number, e.g. TS-202611-0042 */
  number: string;
  status: string;
  severity: 'normal' | 'major';
  category: string;
  matter: string;
  ownerName: string;
  nextReplyDue: string | null;
  overdue: boolean;
  createdAt: string;
  /** team mode: the workstation the complaint was taken at */
  workstation?: string;
}

export interface CallbackSummary {
  id: string;
  dueAt: string;
  reason: string;
  status: string;
  overdue: boolean;
}
