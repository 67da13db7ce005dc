// C5: a complaint action answers with only the timeline entries the open screen does not hold yet,
// and the screen adds them to what it shows. Entries are append-only except for one sanctioned
// rewrite (erasure and its mention scrub, privacy/locations.ts), which changes entries the screen
// already shows: this counter tells the screen so, and it reads the timeline again instead of
// keeping text that is gone.
export const sql = /* sql */ `
ALTER TABLE complaints ADD COLUMN timeline_rewrites INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER complaint_events_rewrites_au AFTER UPDATE OF data ON complaint_events
BEGIN
  UPDATE complaints SET timeline_rewrites = timeline_rewrites + 1 WHERE id = new.complaint_id;
END;
`;
