import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { useNavigation } from '../../lib/navigation';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import { LeadGate } from '../../components/LeadGate';
import { WhoWhere } from '../../components/WhoWhere';
import { PeopleMatches } from './PeopleMatches';
import type { SearchCount, SearchField, SearchHit } from '../../../shared/schemas/search';

// 20 at a time; the first 100 rows are an agent's (electron/core/privacy/access.ts, AGENT_PAGE),
// rows after them are the team lead's and each page of them is recorded
const STEP = 20;
const AGENT_ROWS = 100;

/**
 * What the words find, all on one screen: the people they name first (O4), then complaints and
 * calls side by side, each with its true total and "More".
 */
export function SearchResults({ q, onOpenComplaint }: { q: string; onOpenComplaint: (id: string) => void }) {
  const { t } = useTranslation('search');
  const { navigate } = useNavigation();
  return (
    <section className="search-results" aria-label={t('results', { q })}>
      <PeopleMatches q={q} />
      <div className="search-columns">
        <MatchColumn q={q} kind="complaint" onOpen={onOpenComplaint} />
        <MatchColumn q={q} kind="call" onOpen={(id) => navigate('calls', { kind: 'call.open', callId: id })} />
      </div>
    </section>
  );
}

/** the words of the query as the index folds them (ASCII case), for marking them in a line */
const wordsOf = (q: string) => [
  ...new Set(
    q
      .toLowerCase()
      .split(/[\s\u3000]+/)
      .filter(Boolean),
  ),
];

/** `text` with every occurrence of the words marked */
export function Marked({ text, words }: { text: string; words: string[] }): ReactNode {
  if (!text || words.length === 0) return text;
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (const w of words) for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + w.length)) marks.push([at, at + w.length]);
  if (marks.length === 0) return text;
  marks.sort((a, b) => a[0] - b[0]);
  const out: ReactNode[] = [];
  let from = 0;
  for (const [start, end] of marks) {
    if (end <= from) continue;
    const s = Math.max(start, from);
    if (s > from) out.push(text.slice(from, s));
    out.push(<mark key={s}>{text.slice(s, end)}</mark>);
    from = end;
  }
  out.push(text.slice(from));
  return <>{out}</>;
}

/** fields shown on the line itself: marked in place; the others are named under it */
const onTheLine: SearchField[] = ['name', 'number', 'phone', 'subject', 'matter'];

function MatchColumn({ q, kind, onOpen }: { q: string; kind: 'complaint' | 'call'; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation('search');
  const shown = usePersonal();
  const reportError = useReportError();
  const [count, setCount] = useState<SearchCount | undefined>();
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [askLead, setAskLead] = useState(false);
  const words = wordsOf(q);

  useEffect(() => {
    let live = true;
    setAskLead(false);
    const timer = setTimeout(() => {
      setLoading(true);
      // the first rows show as soon as they come; the total follows on its own
      api('search.query', { q, kind, offset: 0, limit: STEP }).then(
        (first) => {
          if (!live) return;
          setHits(first);
          setLoading(false);
        },
        (err: unknown) => {
          if (live) setLoading(false);
          reportError(err);
        },
      );
      setCount(undefined);
      api('search.count', { q, kind }).then((c) => {
        if (live) setCount(c);
      }, reportError);
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, kind, reportError]);

  const more = () => {
    setLoading(true);
    api('search.query', { q, kind, offset: hits.length, limit: STEP }).then(
      (next) => {
        setHits((h) => [...h, ...next]);
        setLoading(false);
      },
      (err: unknown) => {
        setLoading(false);
        reportError(err);
      },
    );
  };

  const heading = `search-${kind}-heading`;
  const total = count?.total ?? 0;
  const totalText = count ? (count.capped ? t('totalCapped', { n: total.toLocaleString(i18n.language) }) : total.toLocaleString(i18n.language)) : '…';
  const left = count ? (count.capped ? undefined : total - hits.length) : 0;
  const hasMore = count !== undefined && (count.capped || hits.length < total) && hits.length > 0;
  const beyondAgent = hits.length >= AGENT_ROWS;

  return (
    <section className={`search-column search-${kind}s`} aria-labelledby={heading} aria-busy={loading}>
      <h3 id={heading}>
        {t(`${kind}s.heading`)} <span className="count">{totalText}</span>
      </h3>
      <p className="search-column-note">
        {count?.capped ? t('cappedNote', { n: total.toLocaleString(i18n.language) }) : t('shownOf', { shown: hits.length, total: totalText })}
      </p>
      {count && total === 0 ? (
        <p className="empty">{t(`${kind}s.none`)}</p>
      ) : (
        <ul aria-label={t(`${kind}s.heading`)}>
          {hits.map((h) => {
            const elsewhere = h.matched.filter((f) => !onTheLine.includes(f));
            return (
              <li key={h.id}>
                <button type="button" onClick={() => onOpen(h.id)}>
                  <span className="search-hit-top">
                    <time dateTime={h.at}>{formatDateTime(h.at, i18n.language)}</time>
                    <strong>
                      <Marked text={shown(h.title) || t('calls.unnamed')} words={words} />
                    </strong>
                    <span className="search-hit-phone">
                      <Marked text={shown(h.phone)} words={words} />
                    </span>
                    {h.agentName !== undefined && (
                      <span className="search-hit-phone">
                        <WhoWhere name={h.agentName} desk={h.workstation} />
                      </span>
                    )}
                  </span>
                  <span className="search-hit-summary">
                    <Marked text={shown(h.summary)} words={words} />
                  </span>
                  {elsewhere.length > 0 && (
                    <span className="search-hit-field">
                      {t('foundIn')} {elsewhere.map((f) => t(`field.${f}`)).join(', ')}
                      {h.excerpt && (
                        <>
                          {' · '}
                          <span className="search-hit-excerpt">
                            <Marked text={shown(h.excerpt)} words={words} />
                          </span>
                        </>
                      )}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {hasMore &&
        (beyondAgent ? (
          <div className="search-lead-more">
            <p>{t('leadOnly', { n: AGENT_ROWS })}</p>
            {askLead ? (
              <LeadGate explain={t('leadExplain')}>
                <button type="button" onClick={more} disabled={loading}>
                  {t('moreRecorded', { count: left === undefined ? STEP : Math.min(STEP, left) })}
                </button>
              </LeadGate>
            ) : (
              <button type="button" onClick={() => setAskLead(true)}>
                {t('unlockMore')}
              </button>
            )}
          </div>
        ) : (
          <button type="button" className="search-more" onClick={more} disabled={loading}>
            {t('more', { count: left === undefined ? STEP : Math.min(STEP, left, AGENT_ROWS - hits.length) })}
          </button>
        ))}
    </section>
  );
}
