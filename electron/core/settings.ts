// Settings the script needs (P1 threshold, P2 company name) and the language each agent reads in.
// Stored as key/value rows in `settings`; team-lead PIN for everything but an agent's own language.
import type { Db } from './db/open';
import type { DomainHandlers, ServiceContext } from './service';
import type { settingsContract } from '../../shared/contract/settings';
import type { Input } from '../../shared/contract';
import { requireAgent, requireLead } from './agents';
import { DEFAULT_LATE_ANSWER_SECONDS, type Settings } from '../../shared/schemas/settings';
import type { ScriptLanguage } from '../../shared/schemas/script';
import { listDispositions, saveDispositions } from './dispositions';

const keys = {
  companyName: 'company.name',
  lateAnswerSeconds: 'call.lateAnswerSeconds',
  defaultLanguage: 'ui.defaultLanguage',
} as const;
const agentLanguageKey = (agentId: string) => `agent.${agentId}.language`;

function read(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

function write(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

const asLanguage = (value: string | undefined): ScriptLanguage | null => (value === 'en' || value === 'zh-CN' ? value : null);

export function lateAnswerSeconds(db: Db): number {
  const value = Number(read(db, keys.lateAnswerSeconds));
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_LATE_ANSWER_SECONDS;
}

export function getSettings(db: Db, agentId: string | null): Settings {
  return {
    companyName: read(db, keys.companyName) ?? '',
    lateAnswerSeconds: lateAnswerSeconds(db),
    defaultLanguage: asLanguage(read(db, keys.defaultLanguage)) ?? 'zh-CN',
    myLanguage: agentId ? asLanguage(read(db, agentLanguageKey(agentId))) : null,
  };
}

/** The language an agent's calls are scripted in: their own choice, else the workstation's. */
export function languageFor(db: Db, agentId: string): ScriptLanguage {
  return asLanguage(read(db, agentLanguageKey(agentId))) ?? asLanguage(read(db, keys.defaultLanguage)) ?? 'zh-CN';
}

export function updateSettings(db: Db, input: Input<'settings.update'>): void {
  db.transaction(() => {
    if (input.companyName !== undefined) write(db, keys.companyName, input.companyName);
    if (input.lateAnswerSeconds !== undefined) write(db, keys.lateAnswerSeconds, String(input.lateAnswerSeconds));
    if (input.defaultLanguage !== undefined) write(db, keys.defaultLanguage, input.defaultLanguage);
  })();
}

export function settingsHandlers(ctx: ServiceContext): DomainHandlers<typeof settingsContract> {
  const { db, clock } = ctx;
  return {
    'settings.get': () => getSettings(db, ctx.session.agent?.id ?? null),
    'settings.update': (input) => {
      requireLead(ctx);
      updateSettings(db, input);
      return getSettings(db, ctx.session.agent?.id ?? null);
    },
    'settings.setMyLanguage': (input) => {
      const agent = requireAgent(ctx);
      write(db, agentLanguageKey(agent.id), input.language);
      return getSettings(db, agent.id);
    },
    'dispositions.list': (input) => listDispositions(db, input.includeRetired),
    'dispositions.save': (input) => {
      requireLead(ctx);
      return saveDispositions(db, clock, input);
    },
  };
}
