// Guards the erasure registry at every merge: a table with a column declared personal in
// db/records.ts must have an entry in personalDataLocations, or erasure would miss it.
import { memoryCore } from '../../../../helpers/core';
import { personalDataLocations } from '../../../../../electron/core/privacy/locations';
import { columnsWith } from '../../../../../electron/core/db/records';

/** tables that hold it by design but are not the customer's, or follow another table by trigger */
const exempt = new Set([
  'erasures',
  // the search documents are rebuilt by triggers from calls and complaints (search_fts is registered)
  'search_docs',
  // why a merged complaint event was not applied: the workflow's words, never the caller's
  'sync_not_applied',
]);

test('every table with a personal-data column is in the erasure registry', () => {
  const core = memoryCore();
  const tables = core.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all() as string[];
  const registered = new Set(personalDataLocations.map((l) => l.table));
  const missing = tables.filter((table) => {
    if (exempt.has(table) || registered.has(table)) return false;
    return columnsWith(table, 'personal').length > 0;
  });
  expect(missing, 'add an entry to personalDataLocations in electron/core/erasure.ts').toEqual([]);
  // and full-text indexes (virtual tables) need one too: their old terms survive until merged
  const virtual = core.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  const covered = (name: string) => registered.has(name) || personalDataLocations.some((l) => l.after && l.name.toLowerCase().includes(name.toLowerCase()));
  expect(virtual.filter((v) => !/_(data|idx|content|docsize|config)$/.test(v) && !covered(v))).toEqual([]);
  core.close();
});
