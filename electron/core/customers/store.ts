// O4: a customer card is created from the first call with a phone number and kept up to date
// from later calls. The normalised phone is the key (P9); what was typed is kept for display.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import { newId } from '../infra/ids';
import { normalisePhone } from '../../../shared/domain/phone';

export interface CustomerDetails {
  phone: string;
  name?: string;
  region?: string;
  address?: string;
}

/** Returns the customer's id, or null when the phone has no digits yet. Non-empty details win. */
export function upsertCustomer(db: Db, clock: Clock, details: CustomerDetails): string | null {
  const phoneNorm = normalisePhone(details.phone);
  if (phoneNorm.length < 3) return null;
  const now = clock.now().toISOString();
  return (
    db
      .prepare(
        `INSERT INTO customers (id, phone, phone_norm, name, region, address, created_at, updated_at)
       VALUES (@id, @phone, @phoneNorm, @name, @region, @address, @now, @now)
       ON CONFLICT (phone_norm) DO UPDATE SET
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
        name: details.name ?? '',
        region: details.region ?? '',
        address: details.address ?? '',
        now,
      })[0] as string
  );
}
