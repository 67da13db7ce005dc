// Team mode, second step.
// - Erasure everywhere: the number a lead erased while offline is kept here only until the team
//   server has run its own erasure (sync_erasure_out, deleted right after the push); the records a
//   team erasure covered are remembered by id (sync_erased_refs, no personal data) so that a later
//   version of one of them pulled from a desk that was offline is redacted as it is applied.
// - Script versions saved offline on two desks are both kept (saved_as).
// - Rows say where they were taken: the workstation that wrote a call, a complaint event or a
//   callback ('' = this workstation; filled from the team server's record for pulled rows).
export const sql = /* sql */ `
CREATE TABLE sync_erasure_out (
  erasure_id  TEXT PRIMARY KEY,
  phone_norm  TEXT NOT NULL,
  -- JSON array of {kind, ref, own}: the records the erasure changed here
  refs        TEXT NOT NULL
) STRICT;

CREATE TABLE sync_erased_refs (
  kind  TEXT NOT NULL,
  ref   TEXT NOT NULL,
  PRIMARY KEY (kind, ref)
) STRICT, WITHOUT ROWID;

ALTER TABLE calls ADD COLUMN workstation TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint_events ADD COLUMN workstation TEXT NOT NULL DEFAULT '';
ALTER TABLE callbacks ADD COLUMN workstation TEXT NOT NULL DEFAULT '';

-- the number a script version was saved as, once two desks saved the same one offline and the
-- versions were numbered again (NULL = version): every desk numbers them the same way
ALTER TABLE script_versions ADD COLUMN saved_as INTEGER;
`;
