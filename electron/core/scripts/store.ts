// Scripts are data: every edit is a new version, and a call keeps the id of the version it was
// read from, so an old call still shows the words the agent had in front of them.
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { Input } from '../../../shared/contract';
import { newId } from '../infra/ids';
import { AppError } from '../../../shared/errors';
import { scriptContentSchema, type ScriptLanguage, type ScriptVersion, type ScriptVersionSummary } from '../../../shared/schemas/script';

interface ScriptRow {
  id: string;
  language: ScriptLanguage;
  version: number;
  content: string;
  created_at: string;
  created_by: string;
}

function toVersion(row: ScriptRow): ScriptVersion {
  return {
    id: row.id,
    language: row.language,
    version: row.version,
    // parsed again so defaults added to the schema later apply to old rows too
    content: scriptContentSchema.parse(JSON.parse(row.content)),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function currentScriptId(db: Db, language: ScriptLanguage): string | null {
  return (db.prepare('SELECT id FROM script_versions WHERE language = ? ORDER BY version DESC LIMIT 1').pluck().get(language) as string | undefined) ?? null;
}

export function currentScript(db: Db, language: ScriptLanguage): ScriptVersion {
  const row = db.prepare('SELECT * FROM script_versions WHERE language = ? ORDER BY version DESC LIMIT 1').get(language) as ScriptRow | undefined;
  if (!row) throw new AppError('not_found', `No ${language} script`);
  return toVersion(row);
}

export function getScript(db: Db, id: string): ScriptVersion {
  const row = db.prepare('SELECT * FROM script_versions WHERE id = ?').get(id) as ScriptRow | undefined;
  if (!row) throw new AppError('not_found', `No script version ${id}`);
  return toVersion(row);
}

export function listScriptVersions(db: Db, language: ScriptLanguage): ScriptVersionSummary[] {
  const rows = db
    .prepare(
      `SELECT v.id, v.language, v.version, v.created_at, v.created_by,
              (SELECT count(*) FROM calls c WHERE c.script_version_id = v.id) AS calls
       FROM script_versions v WHERE v.language = ? ORDER BY v.version DESC`,
    )
    .all(language) as (Omit<ScriptRow, 'content'> & { calls: number })[];
  return rows.map((r) => ({ id: r.id, language: r.language, version: r.version, createdAt: r.created_at, createdBy: r.created_by, calls: r.calls }));
}

export function saveScript(db: Db, clock: Clock, input: Input<'scripts.save'>, by: string): ScriptVersion {
  const id = newId();
  db.transaction(() => {
    const current = db.prepare('SELECT id, version FROM script_versions WHERE language = ? ORDER BY version DESC LIMIT 1').get(input.language) as
      { id: string; version: number } | undefined;
    if (current && current.id !== input.basedOn) {
      throw new AppError('conflict', 'The script was changed meanwhile; reload it and edit the newest version');
    }
    db.prepare('INSERT INTO script_versions (id, language, version, content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      input.language,
      (current?.version ?? 0) + 1,
      JSON.stringify(input.content),
      clock.now().toISOString(),
      by,
    );
  })();
  return getScript(db, id);
}
