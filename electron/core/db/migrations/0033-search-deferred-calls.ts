// Autosave rewrites a call's text every few hundred milliseconds while the agent types; re-indexing
// it each time (trigram FTS + character pairs) cost more than the save itself. The trigger now only
// notes that the call's text changed; search brings those calls up to date before it looks
// (flushPendingCalls in electron/core/search.ts), so results stay exact.
export const sql = /* sql */ `
CREATE TABLE search_pending (ref_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

DROP TRIGGER calls_search_au;
CREATE TRIGGER calls_search_au AFTER UPDATE OF caller_name, phone, phone_norm, region, address, category, subject, details, wants, next_step ON calls
BEGIN
  INSERT OR IGNORE INTO search_pending (ref_id) VALUES (new.id);
END;

CREATE TRIGGER calls_search_pending_ad AFTER DELETE ON calls
BEGIN
  DELETE FROM search_pending WHERE ref_id = old.id;
END;
`;
