// Who paged through records with personal data beyond what an agent's work needs (the rows behind
// a report figure, search results past the first page): a team lead may, and it is recorded here
// with the page asked for, never the rows' content.
export const sql = /* sql */ `
CREATE TABLE access_log (
  id          TEXT PRIMARY KEY,
  at          TEXT NOT NULL,
  agent_id    TEXT,
  agent_name  TEXT NOT NULL,
  method      TEXT NOT NULL,
  page        TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_by_at ON access_log (at);
`;
