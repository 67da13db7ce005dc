import { z } from 'zod';
import { id, text } from './common';
import { unknownPlaceholders } from '../domain/script';

/** The five steps of every call, in the order the policy gives them (P2, P5, P6, P3/P7). */
export const stepKeys = ['greeting', 'identify', 'readback', 'handle', 'closing'] as const;
export const stepKey = z.enum(stepKeys);

/** The call categories; the handle step has one branch per category. */
export const callCategories = ['inquiry', 'complaint', 'fault', 'callback'] as const;
export type CallCategory = (typeof callCategories)[number];

export const scriptLanguage = z.enum(['zh-CN', 'en']);
export type ScriptLanguage = z.infer<typeof scriptLanguage>;

const line = text(500).trim().min(1);
const lines = z.array(line).max(20);
const checkKey = z.string().regex(/^[A-Za-z][\w.-]{0,39}$/, 'checklist key: letters, digits, . _ -');

export const scriptStepSchema = z.strictObject({
  key: stepKey,
  title: text(80).trim().min(1),
  /** what the agent says */
  lines,
  /** P1: said first when the answer came late (greeting step) */
  lateLines: lines.default([]),
  /** handle step: what to say per call category */
  branches: z.strictObject({ inquiry: lines, complaint: lines, fault: lines, callback: lines }).partial().default({}),
  /** reminders that are not said aloud (P4, P7, C1) */
  hints: z.array(text(300).trim().min(1)).max(10).default([]),
  /** ticked by the agent and stored with the call */
  checklist: z
    .array(z.strictObject({ key: checkKey, label: text(120).trim().min(1) }))
    .min(1)
    .max(6),
});
export type ScriptStep = z.infer<typeof scriptStepSchema>;

export const scriptContentSchema = z.strictObject({ steps: z.array(scriptStepSchema).length(stepKeys.length) }).superRefine((content, ctx) => {
  content.steps.forEach((step, i) => {
    if (step.key !== stepKeys[i]) {
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], message: `step ${i + 1} must be ${stepKeys[i]}` });
    }
    const check = (value: string, path: (string | number)[]) => {
      for (const name of unknownPlaceholders(value)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, ...path], message: `unknown placeholder {${name}}`, params: { placeholder: name } });
      }
    };
    step.lines.forEach((l, j) => check(l, ['lines', j]));
    step.lateLines.forEach((l, j) => check(l, ['lateLines', j]));
    for (const [category, branch] of Object.entries(step.branches)) branch?.forEach((l, j) => check(l, ['branches', category, j]));
  });
  const keys = content.steps.flatMap((s) => s.checklist.map((c) => c.key));
  if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'checklist keys must be unique' });
});
export type ScriptContent = z.infer<typeof scriptContentSchema>;

export interface ScriptVersion {
  id: string;
  language: ScriptLanguage;
  /** 1, 2, 3 … per language; each edit makes the next */
  version: number;
  content: ScriptContent;
  createdAt: string;
  createdBy: string;
}

export interface ScriptVersionSummary {
  id: string;
  language: ScriptLanguage;
  version: number;
  createdAt: string;
  createdBy: string;
  /** how many calls were read from this version */
  calls: number;
}

export const scriptCurrentInput = z.strictObject({ language: scriptLanguage });
export const scriptGetInput = z.strictObject({ id });
export const scriptVersionsInput = z.strictObject({ language: scriptLanguage });
export const scriptSaveInput = z.strictObject({
  language: scriptLanguage,
  /** the version the edit started from: a save on top of a newer one is a conflict */
  basedOn: id,
  content: scriptContentSchema,
});
