// P9: the region numbers typed without a country code are read in (CN unless the team chose
// another). A team setting ('phone.defaultRegion', synced like the company name); IT may preset or
// lock it in the managed configuration (`phoneRegion`). Every store that writes a phone_norm reads
// it through phoneRegion(db), which is cached per connection: autosave runs on every keystroke and
// must not pay a settings read for it.
import type { Db } from '../db/open';
import { applyManagedConfig } from '../infra/managed-config';
import { managedConfigDefaults, type ManagedConfig } from '../../../shared/schemas/managed-config';
import { DEFAULT_PHONE_REGION, isPhoneRegion } from '../../../shared/domain/phone';

export const phoneRegionKey = 'phone.defaultRegion';
/** the region the stored phone_norm values were computed with (this workstation only) */
export const normalisedRegionKey = 'phone.normalisedRegion';

const managed = new WeakMap<Db, ManagedConfig>();
const cache = new WeakMap<Db, string>();

const read = (db: Db, key: string) => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;

/** The service tells which managed configuration applies to this connection (once, at start). */
export function usePhoneRegionConfig(db: Db, config: ManagedConfig): void {
  managed.set(db, config);
  cache.delete(db);
}

/** Call after the stored setting changed (settings.update, a pulled team setting). */
export function forgetPhoneRegion(db: Db): void {
  cache.delete(db);
}

/** What the lead stored, if it is a region the numbering plans know. */
export function storedPhoneRegion(db: Db): string | undefined {
  const value = read(db, phoneRegionKey);
  return value !== undefined && isPhoneRegion(value) ? value : undefined;
}

/** The region that applies: IT's locked value, else the team's, else IT's default, else CN. */
export function phoneRegion(db: Db): string {
  const cached = cache.get(db);
  if (cached) return cached;
  const { effective } = applyManagedConfig<{ phoneRegion: string }>({ phoneRegion: storedPhoneRegion(db) }, managed.get(db) ?? managedConfigDefaults);
  const region = typeof effective.phoneRegion === 'string' && isPhoneRegion(effective.phoneRegion) ? effective.phoneRegion : DEFAULT_PHONE_REGION;
  cache.set(db, region);
  return region;
}

export function normalisedRegion(db: Db): string {
  return read(db, normalisedRegionKey) ?? DEFAULT_PHONE_REGION;
}
