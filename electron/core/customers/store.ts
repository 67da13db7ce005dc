// O4: a customer card is created from the first call with a phone number and kept up to date
// from later calls. The normalised phone is the key (P9); what was typed is kept for display.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import { newId } from '../infra/ids';
import { parsePhone, phoneDigitCount, phoneSpellings } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';

export interface CustomerDetails {
  phone: string;
  name?: string;
  region?: string;
  address?: string;
}

/** Returns the customer's id, or null when the phone has no digits yet. Non-empty details win. */
export function upsertCustomer(db: Db, clock: Clock, details: CustomerDetails): string | null {
  const { norm: phoneNorm, ext: phoneExt } = parsePhone(details.phone, phoneRegion(db));
  if (phoneDigitCount(phoneNorm) < 3) return null;
  const now = clock.now().toISOString();
  return (
    db
      .prepare(
        `INSERT INTO customers (id, phone, phone_norm, phone_ext, name, region, address, created_at, updated_at)
       VALUES (@id, @phone, @phoneNorm, @phoneExt, @name, @region, @address, @now, @now)
       ON CONFLICT (phone_norm) DO UPDATE SET
         phone_ext = CASE WHEN excluded.phone_ext <> '' THEN excluded.phone_ext ELSE phone_ext END,
         name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END,
         region = CASE WHEN excluded.region <> '' THEN excluded.region ELSE region END,
         address = CASE WHEN excluded.address <> '' THEN excluded.address ELSE address END,
         updated_at = excluded.updated_at
       RETURNING id`,
      )
      .pluck()
      // .all(): a failed implicit COMMIT is reported only when the statement runs to its end
      .all({
        id: newId(),
        phone: details.phone,
        phoneNorm,
        phoneExt,
        name: details.name ?? '',
        region: details.region ?? '',
        address: details.address ?? '',
        now,
      })[0] as string
  );
}

/**
 * Every card of one number, for an erasure: the number's own card, cards a lead kept apart from it
 * ("<key>#<id>", customers/merges.ts), and cards autosave left while the number was being typed
 * ("138 0013" became a card of its own before the last digits arrived): a digits-only key that
 * begins one of the number's spellings and that no record points at any more.
 */
export function cardsOfNumber(db: Db, phoneNorm: string): string[] {
  if (phoneNorm === '') return [];
  const own = db
    .prepare("SELECT id FROM customers WHERE phone_norm = ? OR substr(phone_norm, 1, length(?) + 1) = ? || '#'")
    .pluck()
    .all(phoneNorm, phoneNorm, phoneNorm) as string[];
  const forms = phoneSpellings(phoneNorm).forms;
  const partial = (
    db
      .prepare(
        `SELECT id, phone_norm AS key FROM customers WHERE length(phone_norm) >= 3 AND phone_norm NOT GLOB '*[^0-9]*'
           AND id NOT IN (SELECT customer_id FROM calls WHERE customer_id IS NOT NULL)
           AND id NOT IN (SELECT customer_id FROM complaints WHERE customer_id IS NOT NULL)
           AND id NOT IN (SELECT customer_id FROM callbacks WHERE customer_id IS NOT NULL)`,
      )
      .all() as { id: string; key: string }[]
  )
    .filter((c) => forms.some((f) => f.startsWith(c.key)))
    .map((c) => c.id);
  return [...new Set([...own, ...partial])];
}
