// A complaint's timeline (notes, replies, escalations, transfer reasons) used to be folded into the
// complaint's one search document, which every action rewrote and re-indexed whole: with long
// notes the 110th note took seconds and autosave waited behind it. Each timeline entry is now a
// search document of its own (`record_id` = the complaint it finds); an action indexes only the
// entry it adds, and the complaint's own document holds only its fields (small, and unchanged text
// is not re-indexed at all). Search answers per record: every word somewhere in the complaint.
//
// Placement: a timeline document takes the next free rowid in its complaint's millisecond block
// (rowid = creation ms × 4096 + n), so "newest first" still orders complaints by creation. A
// block that is full (thousands of entries) hands out NULL, i.e. SQLite's next rowid: the entry
// is still found, the complaint merely sorts as new for it.
const clean = (expr: string) => `lower(replace(replace(replace(${expr}, char(13), ' '), char(10), ' '), char(9), ' '))`;

const header = (r: string) =>
  clean(
    [
      'number',
      'customer_name',
      'phone',
      'phone_norm',
      'matter',
      'wants',
      'result',
      'fault_time',
      'fault_place',
      'fault_symptom',
      'fault_plan',
      'fault_cause',
      'fault_impact',
      'fault_handling',
      'fault_actions',
    ]
      .map((c) => `${r}.${c}`)
      .join(" || ' ' || "),
  );

/** the words of one timeline entry, as the complaint's document used to hold them */
const entryText = (e: string) => clean(`coalesce(json_extract(${e}.data, '$.text'), json_extract(${e}.data, '$.why'), '')`);
const textKinds = "('note', 'reply', 'escalation', 'transfer')";

const msOf = (at: string) => `CAST(round((julianday(${at}) - 2440587.5) * 86400000) AS INTEGER)`;

/** rowid for a document created at \`at\`: time-ordered, unique within one millisecond (as in 0031) */
function docRowid(at: string): string {
  const base = `(${msOf(at)} * 4096)`;
  return `coalesce((SELECT max(rowid) + 1 FROM search_docs WHERE rowid >= ${base} AND rowid < ${base} + 4096), ${base})`;
}

/** the complaint's own document (rowid and time) */
const mainDoc = (complaintId: string) => `(SELECT rowid FROM search_docs WHERE ref_id = ${complaintId} AND record_id IS NULL)`;
const blockOf = (rowid: string) => `(${rowid} - ${rowid} % 4096)`;
/** the n-th free rowid after the last one of \`block\`, or NULL when the block is full */
const nthInBlock = (block: string, n: string) => `(SELECT nullif(min(coalesce(max(s.rowid), ${block}) + ${n}, ${block} + 4096), ${block} + 4096)
  FROM search_docs s WHERE s.rowid >= ${block} AND s.rowid < ${block} + 4096)`;

/**
 * Documents for the timeline entries \`where\` selects (e = complaint_events, d = its complaint's
 * document), numbered within each block: one INSERT does not see its own rows.
 */
const insertEntries = (where: string) => `
  INSERT INTO search_docs (rowid, kind, ref_id, record_id, at, body)
    SELECT ${nthInBlock('x.block', 'x.n')}, 'complaint', x.id, x.complaint_id, x.at, x.body
    FROM (
      SELECT e.id, e.complaint_id, d.at, ${entryText('e')} AS body, ${blockOf('d.rowid')} AS block,
        row_number() OVER (PARTITION BY ${blockOf('d.rowid')} ORDER BY d.rowid, e.seq, e.id) AS n
      FROM complaint_events e JOIN search_docs d ON d.ref_id = e.complaint_id AND d.record_id IS NULL
      WHERE e.kind IN ${textKinds} AND ${where}
    ) x;`;

export const sql = /* sql */ `
ALTER TABLE search_docs ADD COLUMN record_id TEXT;
CREATE INDEX search_docs_by_record ON search_docs (record_id) WHERE record_id IS NOT NULL;

DROP TRIGGER complaints_search_au;
CREATE TRIGGER complaints_search_au AFTER UPDATE ON complaints
BEGIN
  UPDATE search_docs SET body = ${header('new')} WHERE ref_id = new.id;
END;

-- One trigger, so the complaint's document exists before its entries are placed after it. Team
-- mode may deliver a timeline before its "created" event: the entries already stored are indexed
-- when the complaint row appears.
DROP TRIGGER complaints_search_ai;
CREATE TRIGGER complaints_search_ai AFTER INSERT ON complaints
BEGIN
  INSERT INTO search_docs (rowid, kind, ref_id, at, body) VALUES (${docRowid('new.created_at')}, 'complaint', new.id, new.created_at, ${header('new')});
  ${insertEntries('e.complaint_id = new.id')}
END;

CREATE TRIGGER complaints_search_timeline_ad AFTER DELETE ON complaints
BEGIN
  DELETE FROM search_docs WHERE record_id = old.id;
END;

CREATE TRIGGER complaint_events_search_ai AFTER INSERT ON complaint_events
WHEN new.kind IN ${textKinds} AND ${mainDoc('new.complaint_id')} IS NOT NULL
BEGIN
  INSERT INTO search_docs (rowid, kind, ref_id, record_id, at, body)
    VALUES (${nthInBlock(blockOf(mainDoc('new.complaint_id')), '1')}, 'complaint', new.id, new.complaint_id,
      (SELECT at FROM search_docs WHERE ref_id = new.complaint_id AND record_id IS NULL), ${entryText('new')});
END;

-- the one sanctioned rewrite of the timeline (erasure) reaches the entry's document
CREATE TRIGGER complaint_events_search_au AFTER UPDATE OF data ON complaint_events
BEGIN
  UPDATE search_docs SET body = ${entryText('new')} WHERE ref_id = new.id;
END;

CREATE TRIGGER complaint_events_search_ad AFTER DELETE ON complaint_events
BEGIN
  DELETE FROM search_docs WHERE ref_id = old.id;
END;

-- Existing complaints: their documents keep only their fields, and every timeline entry gets its
-- own document (re-indexed by the triggers above, only for complaints that have a timeline).
UPDATE search_docs SET body = ${header('c')} FROM complaints c
  WHERE search_docs.ref_id = c.id AND search_docs.kind = 'complaint'
    AND EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.kind IN ${textKinds});

${insertEntries('1')}
`;
