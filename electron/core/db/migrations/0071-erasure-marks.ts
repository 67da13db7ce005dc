export const sql = /* sql */ `
-- Complaints and callbacks whose personal data has been erased keep their rows (the register and
-- the monthly counts stay whole, C5/R4) and are marked, so retention does not touch them again.
ALTER TABLE complaints ADD COLUMN erased_at TEXT;
ALTER TABLE callbacks ADD COLUMN erased_at TEXT;
`;
