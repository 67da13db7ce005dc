import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WhoWhere } from '../../components/WhoWhere';
import { usePersonal } from '../../lib/personal';
import { useVirtualizer } from '@tanstack/react-virtual';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import type { RawInput } from '../../../shared/contract';
import type { Agent } from '../../../shared/schemas/agent';
import { complaintCategory, complaintSeverity, complaintStatus, type ComplaintListRow } from '../../../shared/schemas/complaint';
import { Options } from '../../components/Options';

// 100: a search beyond the first 100 rows is a team lead's bulk read (electron/core/privacy/access.ts, AGENT_PAGE)
const PAGE = 100;
type Filters = Omit<RawInput<'complaints.list'>, 'offset' | 'limit'>;

/**
 * The tracker: my open / all open / all, filters and words; overdue first and marked in words,
 * not only colour. Rows are fetched a page at a time and only the visible ones are rendered, so
 * 100 000 complaints scroll smoothly.
 */
export function ComplaintList({
  version,
  selectedId,
  onOpen,
  onNew,
  q,
  onQ,
}: {
  version: number;
  selectedId: string | undefined;
  onOpen: (id: string) => void;
  onNew: () => void;
  /** the words typed in the search box (the screen shows what they find beside the list) */
  q: string;
  onQ: (q: string) => void;
}) {
  const { t, i18n } = useTranslation('complaints');
  const shown = usePersonal();
  const reportError = useReportError();
  const [filters, setFilters] = useState<Filters>({ view: 'mine' });
  const [agents, setAgents] = useState<Agent[]>([]);
  const [total, setTotal] = useState(0);
  const [capped, setCapped] = useState(false);
  const [overdue, setOverdue] = useState(0);
  const pages = useRef(new Map<number, ComplaintListRow[]>());
  const loading = useRef(new Set<number>());
  const [, setTick] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api('agents.list', {}).then(setAgents, reportError);
  }, [reportError]);

  const query: Filters = { ...filters, ...(q.trim() ? { q: q.trim() } : {}) };
  const key = JSON.stringify(query);

  const fetchPage = (page: number, generation: string) => {
    if (loading.current.has(page)) return;
    loading.current.add(page);
    api('complaints.list', { ...(JSON.parse(generation) as Filters), offset: page * PAGE, limit: PAGE }).then(
      (result) => {
        if (generation !== keyRef.current) return;
        pages.current.set(page, result.rows);
        loading.current.delete(page);
        if (page === 0 || result.total !== total) {
          setTotal(result.total);
          setCapped(result.capped === true);
          setOverdue(result.overdue);
        }
        setTick((n) => n + 1);
      },
      (err: unknown) => {
        loading.current.delete(page);
        reportError(err);
      },
    );
  };
  const keyRef = useRef(key);
  // Typing waits a moment before asking; a filter asks at once. Reads the current words, which are not
  // themselves a reason to start over (the key is).
  const firstPageSoon = useEffectEvent((generation: string) => setTimeout(() => fetchPage(0, generation), q ? 200 : 0));

  useEffect(() => {
    keyRef.current = key;
    pages.current = new Map();
    loading.current = new Set();
    // New words or filters: results start at the top. Left scrolled deep into the old list, the
    // virtualizer would look for rows far past the end of a short result and show none.
    scroller.current?.scrollTo({ top: 0 });
    const timer = firstPageSoon(key);
    return () => clearTimeout(timer);
  }, [key, version]);

  // With words the tracker lists the first 100 (reading further is a lead's recorded bulk read,
  // electron/core/privacy/access.ts); the results beside it page on, and say so.
  const listed = q.trim() ? Math.min(total, PAGE) : total;
  const virtualizer = useVirtualizer({ count: listed, getScrollElement: () => scroller.current, estimateSize: () => 74, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    const first = items[0]?.index;
    const last = items.at(-1)?.index;
    if (first === undefined || last === undefined) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) if (!pages.current.has(p)) fetchPage(p, keyRef.current);
  });

  const rowAt = (i: number) => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];
  const set = (name: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters((f) => {
      const next = { ...f, [name]: e.target.value || undefined };
      return next;
    });

  return (
    <section className="complaints-list" aria-labelledby="complaints-list-heading">
      <div className="section-head">
        <h2 id="complaints-list-heading">{t('heading')}</h2>
        <button type="button" className="primary" onClick={onNew}>
          {t('new')}
        </button>
      </div>
      <div className="complaints-views" role="group" aria-label={t('view.label')}>
        {(['mine', 'open', 'all'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={filters.view === v} onClick={() => setFilters((f) => ({ ...f, view: v }))}>
            {t(`view.${v}`)}
          </button>
        ))}
      </div>
      <label className="field complaints-search">
        <span>{t('search.label')}</span>
        <input type="search" value={q} placeholder={t('search.placeholder')} onChange={(e) => onQ(e.target.value)} />
      </label>
      <details className="complaints-filters">
        <summary>{t('filter.summary')}</summary>
        <div className="complaints-filter-grid">
          <label className="field">
            <span>{t('field.status')}</span>
            <select value={filters.status ?? ''} onChange={set('status')}>
              <option value="">{t('filter.any')}</option>
              <Options values={complaintStatus.options} label={(s) => t(`status.${s}`)} />
            </select>
          </label>
          <label className="field">
            <span>{t('field.severity')}</span>
            <select value={filters.severity ?? ''} onChange={set('severity')}>
              <option value="">{t('filter.any')}</option>
              <Options values={complaintSeverity.options} label={(s) => t(`severity.${s}`)} />
            </select>
          </label>
          <label className="field">
            <span>{t('field.category')}</span>
            <select value={filters.category ?? ''} onChange={set('category')}>
              <option value="">{t('filter.any')}</option>
              <Options values={complaintCategory.options} label={(c) => t(`category.${c}`)} />
            </select>
          </label>
          <label className="field">
            <span>{t('field.owner')}</span>
            <select value={filters.ownerId ?? ''} onChange={set('ownerId')}>
              <option value="">{t('filter.any')}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('filter.from')}</span>
            <input type="date" value={filters.from ?? ''} onChange={set('from')} />
          </label>
          <label className="field">
            <span>{t('filter.to')}</span>
            <input type="date" value={filters.to ?? ''} onChange={set('to')} />
          </label>
        </div>
      </details>
      <p className="complaints-count" role="status">
        {/* with words, say which list this is: the search results beside it cover every complaint */}
        {q.trim() && `${t(`view.${filters.view ?? 'mine'}`)} · `}
        {capped ? t('countCapped', { n: total.toLocaleString(i18n.language) }) : t('count', { count: total, n: total.toLocaleString(i18n.language) })}
        {overdue > 0 && (
          <strong className="complaints-overdue-count"> · {t('overdueCount', { count: overdue, n: overdue.toLocaleString(i18n.language) })}</strong>
        )}
      </p>
      <div ref={scroller} className="complaints-scroller">
        <ul aria-label={t('listLabel')} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <li key={item.key} aria-setsize={listed} aria-posinset={item.index + 1} style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                {row ? (
                  <button
                    type="button"
                    aria-current={row.id === selectedId}
                    className={row.overdue ? 'complaints-row complaints-row-overdue' : 'complaints-row'}
                    onClick={() => onOpen(row.id)}
                  >
                    <span className="complaints-row-top">
                      <strong>{row.number}</strong>
                      {row.overdue && <span className="complaints-overdue-badge">{t('overdue')}</span>}
                      {row.severity === 'major' && <span className="complaints-major-badge">{t('severity.major')}</span>}
                      <span className={`complaints-status complaints-status-${row.status}`}>{t(`status.${row.status}`)}</span>
                    </span>
                    <span className="complaints-row-matter">
                      {shown(row.customerName) || t('noName')} · {shown(row.matter)}
                    </span>
                    <span className="complaints-row-due">
                      {row.nextReplyDue ? t('dueAt', { time: formatDateTime(row.nextReplyDue, i18n.language) }) : t(`status.${row.status}`)} ·{' '}
                      <WhoWhere name={row.ownerName} desk={row.workstation} />
                    </span>
                  </button>
                ) : (
                  <span className="complaints-row complaints-row-loading">…</span>
                )}
              </li>
            );
          })}
        </ul>
        {total === 0 && <p className="empty">{t(q.trim() ? 'emptyInView' : 'empty')}</p>}
        {listed < total && <p className="empty">{t('firstOnly', { n: listed })}</p>}
      </div>
    </section>
  );
}
