// R2/R3: the service supervision report's figures, the rows behind them, and the printable page.
import { withDesk } from '../sync/labels';
import type { DomainHandlers, ServiceContext } from '../context';
import type { reportsContract } from '../../../shared/contract/reports';
import { reportFigures, reportHtml } from './report';
import { translator } from '../exports/labels';
import { periodOf } from '../exports/handlers';
import { localDayRange } from '../../../shared/domain/period';
import { toCall } from '../calls/store';
import { bulkRead } from '../privacy/access';

export function reportsHandlers(ctx: ServiceContext): DomainHandlers<typeof reportsContract> {
  const { db } = ctx;
  return {
    'reports.summary': (input) => reportFigures(db, periodOf(input.period), ctx.clock.now()),
    'reports.rows': (input) => {
      bulkRead(ctx, 'reports.rows', input);
      const period = periodOf(input.period);
      let from = period.from;
      let to = period.to;
      if (input.day) {
        const day = localDayRange(input.day);
        from = day.from > from ? day.from : from;
        to = day.to < to ? day.to : to;
      }
      const where = `created_at >= @from AND created_at < @to${input.category !== undefined ? ' AND category = @category' : ''}${input.agentName !== undefined ? ' AND agent_name = @agentName' : ''}`;
      const params = { from, to, category: input.category ?? '', agentName: input.agentName ?? '' };
      const total = db.prepare(`SELECT count(*) FROM calls WHERE ${where}`).pluck().get(params) as number;
      const rows = db
        .prepare(`SELECT * FROM calls WHERE ${where} ORDER BY created_at, rowid LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: input.limit, offset: input.offset }) as Parameters<typeof toCall>[0][];
      // team mode: each row says which desk took the call
      return {
        total,
        rows: withDesk(
          db,
          rows.map((r) => ({ ...toCall(r), workstation: (r as { workstation?: string }).workstation ?? '' })),
        ),
      };
    },
    'reports.html': (input) => {
      const period = periodOf(input.period);
      const html = reportHtml(reportFigures(db, period, ctx.clock.now()), {
        t: translator(input.language),
        language: input.language,
        generatedAt: ctx.clock.now(),
        who: ctx.session.agent?.name ?? '',
      });
      return { html, fileName: `service-report-${period.label}.html` };
    },
  };
}
