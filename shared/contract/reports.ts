import { z } from 'zod';
import { method } from './define';
import { localDay, text } from '../schemas/common';
import { exportLanguage, periodInput } from './exports';
import type { Call } from '../schemas/call';

export const reportInput = z.strictObject({ period: periodInput });
export const reportHtmlInput = z.strictObject({ period: periodInput, language: exportLanguage });
export const reportRowsInput = z.strictObject({
  period: periodInput,
  /** '' = calls with no category */
  category: text(40).optional(),
  day: localDay.optional(),
  /** one agent's calls (the per-agent table's rows) */
  agentName: text(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/** R4/R2: one agent's figures in the period (calls they took, complaints they own, callbacks they did). */
export interface AgentFigures {
  name: string;
  calls: number;
  /** answered → ended (or wrapped up) */
  avgHandlingSeconds: number | null;
  /** ended → wrapped up */
  avgAfterCallWorkSeconds: number | null;
  /** P6/P3/P7: completed calls with read-back, closing and caller-hung-up-first all ticked (0–100) */
  scriptCompliancePct: number | null;
  /** complaints created in the period that the agent owns (O1), and of those the overdue ones (C3) */
  complaintsOwned: number;
  complaintsOverdue: number;
  /** O3: callbacks the agent did in the period; O5: their average score */
  callbacksDone: number;
  avgSatisfaction: number | null;
  scored: number;
}

/** A section whose data lives in a domain not built yet reports available: false, never a made-up 0. */
export interface ReportFigures {
  period: { from: string; to: string; label: string; kind: string; firstDay: string; lastDay: string };
  /** P2: the company name from Settings ('' when not set) */
  company: string;
  /** P1: "two rings" in seconds (two fifths of the late-answer threshold, which is five rings) */
  twoRingsSeconds: number;
  calls: {
    total: number;
    byStatus: Record<string, number>;
    byCategory: { category: string; count: number }[];
    /** every local day of the period that had calls */
    byDay: { day: string; count: number }[];
    /** P1: answered_at − rang_at, over answered calls */
    avgAnswerSeconds: number | null;
    /** ended (or wrapped up) − answered, over calls that have both */
    avgHandlingSeconds: number | null;
    /** P1: answered calls answered within two rings (0–100) */
    withinTwoRingsPct: number | null;
    avgAfterCallWorkSeconds: number | null;
  };
  /**
   * P6/P3/P7 over the completed calls created in the period: shares (0–100) of those whose script
   * checklist has read-back confirmed, closing said, caller hung up first; null when there are none.
   */
  scriptCompliance:
    { available: false } | { available: true; calls: number; readBackPct: number | null; closingPct: number | null; hungUpFirstPct: number | null };
  /** C3/C6: opened/major = created in the period, resolved/closed = resolved/closed in the period,
   *  overdue = those created in the period that are overdue now (C3, shared/domain/overdue.ts),
   *  onTimePct = the share of them not overdue, avgCloseHours over those closed in the period */
  complaints: {
    available: boolean;
    opened: number;
    resolved: number;
    closed: number;
    overdue: number;
    onTimePct: number | null;
    major: number;
    avgCloseHours: number | null;
    /** complaints created in the period by their current status */
    byStatus: Record<string, number>;
  };
  /** O3/O5: done in the period; due = pending and due in the period; overdue = pending and due now */
  callbacks: { available: boolean; done: number; due: number; overdue: number; avgSatisfaction: number | null; scored: number; onTimePct: number | null };
  /**
   * P1 measured from the phone (calls answered from a phone source, created in the period): rings =
   * answer time ÷ ring cadence; "apologised" = answered after ≥ 5 rings with the apology first and
   * the greeting ticked. Missed = rang in the period and ended unanswered. Talk = ended − answered,
   * after-call work = wrapped − ended, handle = talk + after-call work, over all answered calls.
   */
  phone: {
    ringCadenceSeconds: number;
    phoneCalls: number;
    within2RingsPct: number | null;
    after5Rings: number;
    after5RingsPct: number | null;
    after5RingsApologised: number;
    avgAnswerSeconds: number | null;
    missed: number;
    avgTalkSeconds: number | null;
    avgAfterCallWorkSeconds: number | null;
    avgHandleSeconds: number | null;
  };
  /** per agent, by name */
  agents: AgentFigures[];
  /** the same figures for the period before (day, week, month, quarter, or as many days); null for all time */
  previous: Omit<ReportFigures, 'previous' | 'agents'> | null;
}

export const reportsContract = {
  /** R2: the month's figures (or any period's) for the dashboard */
  'reports.summary': method<ReportFigures>()(reportInput),
  /** the calls behind one figure (a category, a day) */
  'reports.rows': method<{ total: number; rows: Call[] }>()(reportRowsInput),
  /** R2 as a printable page (Electron prints it to PDF) */
  'reports.html': method<{ html: string; fileName: string }>()(reportHtmlInput),
};
