import { z } from 'zod';
import { id, text } from './common';
import { scriptLanguage, type ScriptLanguage } from './script';
import { isPhoneRegion } from '../domain/phone';

export interface Settings {
  /** P2: the company the greeting names */
  companyName: string;
  /** P1: an answer after this many seconds of ringing is late (5 rings ≈ 15 s) */
  lateAnswerSeconds: number;
  /** the workstation's language for scripts and screens when an agent has not chosen one */
  defaultLanguage: ScriptLanguage;
  /** the signed-in agent's own choice, if any */
  myLanguage: ScriptLanguage | null;
  /** P9: the region (ISO 3166, e.g. "CN") numbers typed without a country code belong to */
  phoneRegion: string;
  /** settings IT locked in the managed configuration: shown, not editable */
  locked: string[];
}

export const DEFAULT_LATE_ANSWER_SECONDS = 15;

export const settingsGetInput = z.strictObject({});
export const settingsUpdateInput = z.strictObject({
  companyName: text(100).trim().optional(),
  lateAnswerSeconds: z.number().int().min(3).max(300).optional(),
  defaultLanguage: scriptLanguage.optional(),
  phoneRegion: z.string().trim().toUpperCase().refine(isPhoneRegion, 'an ISO region code the numbering plans know, e.g. "CN"').optional(),
});
export const settingsMyLanguageInput = z.strictObject({ language: scriptLanguage });

export interface Disposition {
  id: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  active: boolean;
}

export const dispositionsListInput = z.strictObject({ includeRetired: z.boolean().default(false) });
export const dispositionsSaveInput = z.strictObject({
  /** the whole list in order; an item without id is new; retired items stay for old calls */
  items: z
    .array(
      z.strictObject({
        id: id.optional(),
        labelZh: text(60).trim().min(1),
        labelEn: text(60).trim().min(1),
        active: z.boolean(),
      }),
    )
    .min(1)
    .max(50),
});
