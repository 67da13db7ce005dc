// Reading personal data needs a signed-in agent (the console records who did what), and paging
// through many records at once is a team-lead action that is recorded. Every contract method is
// in exactly one of the two lists below (test/unit/electron/core/privacy/access.test.ts), so a
// new method forces the decision.
import type { Method } from '../../../shared/contract';
import type { Handlers, ServiceContext } from '../context';
import { requireAgent } from '../agents/store';
import { AppError } from '../../../shared/errors';
import { newId } from '../infra/ids';

/** Methods that read or write a caller's personal data: nobody signed in → refused. */
export const personalDataMethods: ReadonlySet<Method> = new Set<Method>([
  'calls.start',
  'calls.update',
  'calls.get',
  'calls.listDay',
  'calls.open',
  'calls.listUnfinished',
  'calls.markLate',
  'calls.check',
  'calls.end',
  'calls.complete',
  'calls.discard',
  'calls.escalate',
  'calls.transfer',
  'calls.amend',
  'calls.history',
  'complaints.create',
  'complaints.get',
  'complaints.list',
  'complaints.setStatus',
  'complaints.note',
  'complaints.reply',
  'complaints.setDue',
  'complaints.transfer',
  'complaints.escalate',
  'complaints.edit',
  'complaints.due',
  'callbacks.schedule',
  'callbacks.plan',
  'callbacks.queue',
  'callbacks.link',
  'callbacks.complete',
  'callbacks.cancel',
  'search.query',
  'search.count',
  'reports.rows',
  'customers.lookup',
  'customers.merges',
  'customers.unmerge',
  'phone.state',
  'phone.answer',
  'phone.missed',
  'phone.callBack',
  'privacy.findCustomer',
  'privacy.eraseCustomer',
  'privacy.checkErased',
  'privacy.overview',
  'exports.start',
  'exports.progress',
  'exports.cancel',
  'exports.log',
]);

/** Methods that hold no caller's personal data (counts, configuration, the session itself). */
export const withoutPersonalData: ReadonlySet<Method> = new Set<Method>([
  'about.diagnostics',
  'agents.list',
  'agents.add',
  'app.info',
  'dispositions.list',
  'dispositions.save',
  'exports.defaults',
  'lead.state',
  'lead.unlock',
  'lead.lock',
  'lead.setPin',
  'reports.summary',
  'reports.html',
  'scripts.current',
  'scripts.get',
  'scripts.versions',
  'scripts.save',
  'session.signIn',
  'session.signOut',
  'session.current',
  'settings.get',
  'settings.update',
  'settings.setMyLanguage',
  'phone.settings',
  'phone.configure',
  'sync.status',
  'search.status',
]);

/** Wraps every personal-data method with the sign-in check. */
export function requireSignInForPersonalData(ctx: ServiceContext, handlers: Handlers): Handlers {
  const out: Record<string, unknown> = { ...handlers };
  for (const method of personalDataMethods) {
    const handler = handlers[method] as (input: unknown) => unknown;
    out[method] = (input: unknown) => {
      requireAgent(ctx);
      return handler(input);
    };
  }
  return out as Handlers;
}

/** The first rows an agent's work needs (read in one page or several); more is a lead's, and recorded. */
export const AGENT_PAGE = 100;

/**
 * A bulk read (rows behind a report figure, search beyond the first page): an agent gets the first
 * page; a lead with lead mode unlocked may read further, and each such page is recorded.
 */
export function bulkRead(ctx: ServiceContext, method: Method, page: { offset: number; limit: number; q?: string }): void {
  // the first 100 rows, whether read at once or 20 at a time ("More" on the search screen)
  if (page.offset + page.limit <= AGENT_PAGE) return;
  const agent = requireAgent(ctx);
  if (ctx.session.leadUntil <= ctx.clock.now().getTime()) {
    throw new AppError('rule', 'Reading beyond the first page of these records needs the team-lead PIN', { rule: 'lead-bulk' });
  }
  ctx.db
    .prepare('INSERT INTO access_log (id, at, agent_id, agent_name, method, page) VALUES (?, ?, ?, ?, ?, ?)')
    .run(
      newId(),
      ctx.clock.now().toISOString(),
      ctx.session.leadAgent?.id ?? agent.id,
      ctx.session.leadAgent?.name ?? agent.name,
      method,
      JSON.stringify({ offset: page.offset, limit: page.limit, search: page.q !== undefined }),
    );
}
