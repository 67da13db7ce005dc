// IT's machine-wide configuration. Invariant: a bad file never stops the app. Every problem is
// reported with the file and the field (shown in About, logged as a count), the field falls back to
// its safe default, and the valid fields still apply. A missing file is normal (no problems).
import { readFileSync } from 'node:fs';
import { posix, resolve, win32 } from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  managedConfigDefaults,
  managedConfigFields,
  type ConfigProblem,
  type ManagedConfig,
  type ManagedConfigField,
  type ManagedConfigResult,
} from '../../../shared/schemas/managed-config';

export const configEnvVar = 'CALL_CONSOLE_CONFIG';

/** Where IT puts the file on each OS (README "For IT"). */
export function defaultConfigFile(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return win32.join(env.ProgramData || 'C:\\ProgramData', 'Call Console', 'config.json');
  if (platform === 'darwin') return posix.join('/Library/Application Support/Call Console', 'config.json');
  return '/etc/call-console/config.json';
}

function configArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--config=')) return arg.slice('--config='.length) || undefined;
    if (arg === '--config') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

/** `--config <file>` wins, then CALL_CONSOLE_CONFIG (tests), then the OS's machine-wide place. */
export function managedConfigFile(argv: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const chosen = configArgument(argv) ?? (env[configEnvVar] || undefined);
  return chosen ? resolve(chosen) : defaultConfigFile(platform, env);
}

const issuePath = (field: string, path: readonly PropertyKey[]) => [field, ...path.map(String)].join('.');

/** Pure: the text of the file (or undefined when there is none) → the config to use and its problems. */
export function parseManagedConfig(text: string | undefined, file: string): ManagedConfigResult {
  const config: ManagedConfig = { ...managedConfigDefaults, locked: [] };
  const problems: ConfigProblem[] = [];
  const result = (): ManagedConfigResult => ({ file, found: text !== undefined, config, problems });
  if (text === undefined) return result();

  let raw: unknown;
  try {
    // a BOM is what Notepad writes; JSON.parse would refuse it
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    problems.push({ field: '', code: 'invalid_json', detail: (err as Error).message });
    return result();
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ field: '', code: 'not_object', detail: 'the file must hold one JSON object { … }' });
    return result();
  }

  for (const [key, value] of Object.entries(raw)) {
    if (!Object.prototype.hasOwnProperty.call(managedConfigFields, key)) {
      problems.push({ field: key, code: 'unknown_field', detail: `unknown field; known: ${Object.keys(managedConfigFields).join(', ')}` });
      continue;
    }
    const field = key as ManagedConfigField;
    if (field === 'locked' && Array.isArray(value)) {
      // keep every valid name: one typo must not unlock all the others
      const schema = managedConfigFields.locked.element;
      value.slice(0, 100).forEach((name, i) => {
        const parsed = schema.safeParse(name);
        if (parsed.success) config.locked.push(parsed.data);
        else problems.push({ field: `locked.${i}`, code: 'invalid_value', detail: parsed.error.issues[0]?.message ?? 'invalid' });
      });
      if (value.length > 100) problems.push({ field: 'locked', code: 'invalid_value', detail: 'at most 100 names' });
      config.locked = [...new Set(config.locked)];
      continue;
    }
    const parsed = managedConfigFields[field].safeParse(value);
    if (parsed.success) {
      (config as unknown as Record<string, unknown>)[field] = parsed.data;
    } else {
      for (const issue of parsed.error.issues) problems.push({ field: issuePath(field, issue.path), code: 'invalid_value', detail: issue.message });
    }
  }
  return result();
}

/** Reads the file; a missing file means "not managed", any other read failure is a problem. */
export function loadManagedConfig(file: string, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): ManagedConfigResult {
  let text: string;
  try {
    text = read(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return parseManagedConfig(undefined, file);
    const result = parseManagedConfig(undefined, file);
    return { ...result, found: true, problems: [{ field: '', code: 'unreadable', detail: code ?? (err as Error).message }] };
  }
  return parseManagedConfig(text, file);
}

/**
 * Which setting each managed field presets. The keys on the right are the settings module's keys;
 * the lead aligns them at merge if that module names them differently.
 */
export const managedSettingKeys = {
  companyName: 'companyName',
  defaultLanguage: 'defaultLanguage',
  exportFolder: 'exportFolder',
  phoneSource: 'phoneSource',
  phoneExtension: 'phoneExtension',
  ringCadenceSeconds: 'ringCadenceSeconds',
  baresipAddress: 'baresipAddress',
  phoneHttpPort: 'phoneHttpPort',
  phoneRegion: 'phoneRegion',
} as const satisfies Partial<Record<ManagedConfigField, string>>;

/**
 * Pure: the settings agents stored (only what they chose, no app defaults) plus IT's config →
 * what applies. For each setting: locked by IT → IT's value, or, when IT gave none, nothing (the
 * app default applies and the agent's value is ignored); not locked → the agent's value, else IT's
 * value as the default. The settings module then fills the remaining app defaults.
 */
export function applyManagedConfig<S extends Record<string, unknown>>(
  userSettings: Partial<S>,
  config: ManagedConfig,
): { effective: Partial<S>; locked: string[] } {
  const managed: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(managedSettingKeys)) {
    const value = config[field as keyof typeof managedSettingKeys];
    if (value !== null && value !== undefined) managed[key] = value;
  }
  const locked = new Set(config.locked);
  const effective: Record<string, unknown> = { ...managed };
  for (const [key, value] of Object.entries(userSettings)) {
    if (value !== undefined && !locked.has(key)) effective[key] = value;
  }
  for (const key of locked) {
    if (key in managed) effective[key] = managed[key];
    else delete effective[key];
  }
  return { effective: effective as Partial<S>, locked: [...locked].sort() };
}

/** For settings.set: refuses a change to a setting IT locked (rule "setting_locked"). */
export function assertSettingsUnlocked(changes: Record<string, unknown>, config: ManagedConfig): void {
  const refused = Object.keys(changes).filter((key) => config.locked.includes(key));
  if (refused.length === 0) return;
  throw new AppError('rule', `Managed by IT and locked: ${refused.join(', ')}`, {
    rule: 'setting_locked',
    fields: refused.map((path) => ({ path, code: 'setting_locked', message: 'locked by the managed configuration' })),
  });
}
