// Compiling a statement costs about as much as running a small one: the shapes an agent's actions
// and searches repeat are compiled once per connection. A cached statement is shared: use one SQL
// text in one way only (.pluck()/.raw() change the statement for every later caller).
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const statements = new WeakMap<Db, Map<string, Statement>>();

export function cached(db: Db, sql: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let statement = map.get(sql);
  if (!statement) map.set(sql, (statement = db.prepare(sql)));
  return statement;
}
