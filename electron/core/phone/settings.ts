// Which phone source feeds this workstation, its extension and the ring cadence (P1). Stored as
// rows in `settings`; IT's managed configuration presets or locks each of them.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { applyManagedConfig, assertSettingsUnlocked } from '../infra/managed-config';
import { managedConfigDefaults, type ManagedConfig } from '../../../shared/schemas/managed-config';
import { DEFAULT_RING_CADENCE_SECONDS, phoneSourceSetting, type PhoneSettings } from '../../../shared/schemas/phone';
import type { Input } from '../../../shared/contract';

const keys = {
  phoneSource: 'phone.source',
  phoneExtension: 'phone.extension',
  ringCadenceSeconds: 'phone.ringCadenceSeconds',
  baresipAddress: 'phone.baresipAddress',
  phoneHttpPort: 'phone.httpPort',
} as const;
const tokenKey = 'phone.token';
export const DEFAULT_BARESIP_ADDRESS = '127.0.0.1:4444';

function read(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}
function write(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

const num = (v: string | undefined): number | undefined => (v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v));

export function getPhoneSettings(db: Db, config: ManagedConfig = managedConfigDefaults): PhoneSettings {
  const stored = {
    phoneSource: read(db, keys.phoneSource),
    phoneExtension: read(db, keys.phoneExtension),
    ringCadenceSeconds: num(read(db, keys.ringCadenceSeconds)),
    baresipAddress: read(db, keys.baresipAddress),
    phoneHttpPort: num(read(db, keys.phoneHttpPort)),
  };
  const { effective, locked } = applyManagedConfig<Record<string, unknown>>(stored, config);
  const source = phoneSourceSetting.safeParse(effective.phoneSource);
  const cadence = Number(effective.ringCadenceSeconds);
  const port = Number(effective.phoneHttpPort);
  return {
    source: source.success ? source.data : 'none',
    extension: typeof effective.phoneExtension === 'string' ? effective.phoneExtension : '',
    ringCadenceSeconds: Number.isFinite(cadence) && cadence > 0 ? cadence : DEFAULT_RING_CADENCE_SECONDS,
    baresipAddress: typeof effective.baresipAddress === 'string' && effective.baresipAddress ? effective.baresipAddress : DEFAULT_BARESIP_ADDRESS,
    httpPort: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 0,
    locked: locked.filter((k) => k in keys),
  };
}

/** Refuses what IT locked (sending a locked setting's current value again is fine). */
export function updatePhoneSettings(db: Db, input: Input<'phone.configure'>, config: ManagedConfig = managedConfigDefaults): PhoneSettings {
  const current = getPhoneSettings(db, config);
  const asManaged: Record<string, unknown> = {
    phoneSource: input.source,
    phoneExtension: input.extension,
    ringCadenceSeconds: input.ringCadenceSeconds,
    baresipAddress: input.baresipAddress,
    phoneHttpPort: input.httpPort,
  };
  const currentManaged: Record<string, unknown> = {
    phoneSource: current.source,
    phoneExtension: current.extension,
    ringCadenceSeconds: current.ringCadenceSeconds,
    baresipAddress: current.baresipAddress,
    phoneHttpPort: current.httpPort,
  };
  assertSettingsUnlocked(Object.fromEntries(Object.entries(asManaged).filter(([k, v]) => v !== undefined && v !== currentManaged[k])), config);
  db.transaction(() => {
    for (const [name, value] of Object.entries(asManaged)) {
      if (value !== undefined) write(db, keys[name as keyof typeof keys], String(value));
    }
  })();
  return getPhoneSettings(db, config);
}

/** The secret PBX connectors and hook commands present; made once and kept, so the URL stays the same. */
export function phoneToken(db: Db): string {
  const existing = read(db, tokenKey);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  write(db, tokenKey, token);
  return token;
}
