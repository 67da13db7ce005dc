// Settings the script needs (P1 threshold, P2 company name) and the language each agent reads in.
// Stored as key/value rows in `settings`; team-lead PIN for everything but an agent's own language.
import type { Db } from '../db/open';
import type { Input } from '../../../shared/contract';
import { DEFAULT_LATE_ANSWER_SECONDS, type Settings } from '../../../shared/schemas/settings';
import type { ScriptLanguage } from '../../../shared/schemas/script';
import { applyManagedConfig, assertSettingsUnlocked } from '../infra/managed-config';
import { managedConfigDefaults, type ManagedConfig } from '../../../shared/schemas/managed-config';
import { DEFAULT_PHONE_REGION, isPhoneRegion } from '../../../shared/domain/phone';
import { forgetPhoneRegion, phoneRegionKey, storedPhoneRegion } from './phone-region';

const keys = {
  companyName: 'company.name',
  lateAnswerSeconds: 'call.lateAnswerSeconds',
  defaultLanguage: 'ui.defaultLanguage',
} as const;
export const agentLanguageKey = (agentId: string) => `agent.${agentId}.language`;

function read(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

export function write(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

const asLanguage = (value: string | undefined): ScriptLanguage | null => (value === 'en' || value === 'zh-CN' ? value : null);

export function lateAnswerSeconds(db: Db): number {
  const value = Number(read(db, keys.lateAnswerSeconds));
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_LATE_ANSWER_SECONDS;
}

/**
 * What applies on this workstation: the values stored in the app, under IT's managed
 * configuration (a locked value always wins; an unlocked managed value is only the default).
 */
export function getSettings(db: Db, agentId: string | null, config: ManagedConfig = managedConfigDefaults): Settings {
  const stored: Partial<Record<'companyName' | 'lateAnswerSeconds' | 'defaultLanguage' | 'myLanguage' | 'phoneRegion', unknown>> = {
    companyName: read(db, keys.companyName),
    lateAnswerSeconds: read(db, keys.lateAnswerSeconds) === undefined ? undefined : lateAnswerSeconds(db),
    defaultLanguage: asLanguage(read(db, keys.defaultLanguage)) ?? undefined,
    myLanguage: agentId ? (asLanguage(read(db, agentLanguageKey(agentId))) ?? undefined) : undefined,
    phoneRegion: storedPhoneRegion(db),
  };
  const { effective, locked } = applyManagedConfig(stored, config);
  return {
    companyName: (effective.companyName as string | undefined) ?? '',
    lateAnswerSeconds: (effective.lateAnswerSeconds as number | undefined) ?? DEFAULT_LATE_ANSWER_SECONDS,
    defaultLanguage: asLanguage(effective.defaultLanguage as string | undefined) ?? 'zh-CN',
    myLanguage: asLanguage(effective.myLanguage as string | undefined),
    phoneRegion: typeof effective.phoneRegion === 'string' && isPhoneRegion(effective.phoneRegion) ? effective.phoneRegion : DEFAULT_PHONE_REGION,
    locked,
  };
}

/** Refuses changing what IT locked; sending a locked setting's current value again is fine. */
export function refuseLockedChanges(db: Db, input: Record<string, unknown>, config: ManagedConfig, agentId: string | null): void {
  const current = getSettings(db, agentId, config) as unknown as Record<string, unknown>;
  const changed = Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== undefined && value !== current[key]));
  assertSettingsUnlocked(changed, config);
}

export function updateSettings(db: Db, input: Input<'settings.update'>): void {
  db.transaction(() => {
    if (input.companyName !== undefined) write(db, keys.companyName, input.companyName);
    if (input.lateAnswerSeconds !== undefined) write(db, keys.lateAnswerSeconds, String(input.lateAnswerSeconds));
    if (input.defaultLanguage !== undefined) write(db, keys.defaultLanguage, input.defaultLanguage);
    if (input.phoneRegion !== undefined) write(db, phoneRegionKey, input.phoneRegion);
  })();
  forgetPhoneRegion(db);
}
