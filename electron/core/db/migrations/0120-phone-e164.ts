// P9/O4: numbers are keyed in E.164 ("+861066554433") instead of bare digits, so "010-6655-4433"
// and "+86 10 6655 4433" are one customer. The extension is stored apart (phone_ext, not part of
// the key). Every stored key is computed again (customers, calls, complaints, callbacks, the
// phone system's calls) and cards that now hold one number are merged; each merge is kept in
// card_merges so a team lead can undo it. The default region becomes a team setting that travels
// in team mode like the company name.
import type { Db } from '../open';
import { renormalisePhones } from '../../customers/merges';
import { storedPhoneRegion } from '../../settings/phone-region';
import { DEFAULT_PHONE_REGION } from '../../../../shared/domain/phone';

const teamSettings = ['company.name', 'call.lateAnswerSeconds', 'ui.defaultLanguage', 'phone.defaultRegion'];
const settingsTriggers = (['INSERT', 'UPDATE'] as const)
  .map(
    (event) => `
DROP TRIGGER IF EXISTS sync_out_settings_${event.toLowerCase()};
CREATE TRIGGER sync_out_settings_${event.toLowerCase()} AFTER ${event} ON settings
WHEN (SELECT mode FROM sync_state) = 1 AND NEW.key IN (${teamSettings.map((k) => `'${k}'`).join(', ')})
BEGIN
  INSERT INTO sync_outbox (kind, ref) VALUES ('settings', NEW.key)
    ON CONFLICT (kind, ref) DO UPDATE SET ver = ver + 1, change_id = NULL;
END;`,
  )
  .join('\n');

export const sql = /* sql */ `
ALTER TABLE customers ADD COLUMN phone_ext TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN phone_ext TEXT NOT NULL DEFAULT '';

-- one row per card merged into another: enough to undo it (the merged card as it was, the
-- survivor's fields before, which fields the survivor took, which records moved)
CREATE TABLE card_merges (
  id               TEXT PRIMARY KEY,
  at               TEXT NOT NULL,
  why              TEXT NOT NULL CHECK (why IN ('migration', 'region')),
  phone_norm       TEXT NOT NULL,
  survivor_id      TEXT NOT NULL,
  merged_id        TEXT NOT NULL,
  merged_card      TEXT NOT NULL,
  survivor_before  TEXT NOT NULL,
  took             TEXT NOT NULL,
  moved            TEXT NOT NULL,
  undone_at        TEXT,
  undone_by        TEXT
) STRICT;
CREATE INDEX card_merges_by_card ON card_merges (survivor_id);
CREATE INDEX card_merges_by_merged ON card_merges (merged_id);
${settingsTriggers}
`;

export function run(db: Db): void {
  renormalisePhones(db, new Date().toISOString(), storedPhoneRegion(db) ?? DEFAULT_PHONE_REGION, 'migration');
}
