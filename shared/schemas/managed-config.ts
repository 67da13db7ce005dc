// The machine-wide configuration IT deploys (README "For IT"). Each field is checked on its own:
// a bad field is reported (file + field) and replaced by its safe default, the rest still applies.
import { z } from 'zod';
import { isPhoneRegion } from '../domain/phone';

/** Settings an agent could change in the app; `locked` names the ones IT freezes. */
const settingName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]{0,63}$/, 'a setting name such as "companyName"');

const absolutePath = z
  .string()
  .min(1)
  .max(1000)
  // C:\…, \\server\share\…, or /…; a relative path would depend on where the app was started
  .regex(/^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\|\/)/, 'an absolute folder path');

/** One schema per field, so one mistake does not throw the whole file away. */
export const managedConfigFields = {
  /** P2: "Hello, this is XX company" */
  companyName: z.string().trim().min(1).max(100),
  defaultLanguage: z.enum(['zh-CN', 'en']),
  /** where call-console.db and its backups/ live; must be writable by the agents' accounts */
  dataFolder: absolutePath,
  exportFolder: absolutePath,
  /** daily backups kept */
  backupCount: z.int().min(1).max(365),
  /** personal data older than this many months is erased automatically (privacy law); absent = kept */
  retentionMonths: z.int().min(1).max(600),
  /** hashPin() output (electron/core/lead-pin.ts); README shows a one-line way to make it */
  leadPinHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'the output of hashPin (scrypt$16384$8$1$…)'),
  /** which phone system tells the console about calls: none | hooks | http | baresip */
  phoneSource: z.enum(['none', 'hooks', 'http', 'baresip']),
  /** this workstation's extension; events for others are ignored */
  phoneExtension: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\w+*#.-]*$/),
  /** P1: seconds per ring (Chinese ringback: 1 s on, 4 s off = 5) */
  ringCadenceSeconds: z.number().min(0.2).max(30),
  /** host:port of the agent's baresip ctrl_tcp */
  baresipAddress: z
    .string()
    .trim()
    .regex(/^(?:[\w.-]+|\[[0-9a-fA-F:]+\]):\d{1,5}$/, 'host:port'),
  /** loopback port of the phone endpoint (PBX connectors need a fixed one) */
  phoneHttpPort: z.int().min(1).max(65535),
  /** P9: the region numbers typed without a country code belong to (ISO 3166 code, e.g. "CN") */
  phoneRegion: z.string().refine(isPhoneRegion, 'an ISO region code the numbering plans know, e.g. "CN"'),
  locked: z.array(settingName).max(100),
  /** team mode: the connection file made by "team add-workstation" (README "Team mode") */
  team: z.strictObject({ connectionFile: absolutePath }),
} as const;

export type ManagedConfigField = keyof typeof managedConfigFields;

export interface ManagedConfig {
  companyName: string | null;
  defaultLanguage: 'zh-CN' | 'en' | null;
  dataFolder: string | null;
  exportFolder: string | null;
  backupCount: number;
  retentionMonths: number | null;
  leadPinHash: string | null;
  phoneSource?: 'none' | 'hooks' | 'http' | 'baresip' | null;
  phoneExtension?: string | null;
  ringCadenceSeconds?: number | null;
  baresipAddress?: string | null;
  phoneHttpPort?: number | null;
  phoneRegion?: string | null;
  locked: string[];
  team: { connectionFile: string } | null;
}

/** What the app uses when there is no file, or for each field the file gets wrong. */
export const managedConfigDefaults: ManagedConfig = {
  companyName: null,
  defaultLanguage: null,
  dataFolder: null,
  exportFolder: null,
  backupCount: 7,
  retentionMonths: null,
  leadPinHash: null,
  locked: [],
  team: null,
};

export type ConfigProblemCode = 'unreadable' | 'invalid_json' | 'not_object' | 'unknown_field' | 'invalid_value';

export interface ConfigProblem {
  /** dotted path in the file ("backupCount", "locked.2"); "" for the file as a whole */
  field: string;
  code: ConfigProblemCode;
  /** technical detail for IT (zod's or the parser's text); the renderer translates `code` */
  detail: string;
}

export interface ManagedConfigResult {
  /** the file that was looked for */
  file: string;
  found: boolean;
  config: ManagedConfig;
  problems: ConfigProblem[];
}
