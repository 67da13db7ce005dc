import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import { api } from '../../lib/api';
import { notify } from '../../lib/notify';
import { useNavigation } from '../../lib/navigation';
import { formatDateTime } from '../../lib/format';
import { complaintsChangedEvent } from '../../lib/complaint-events';
import type { DueComplaint } from '../../../shared/schemas/complaint';

const POLL_MS = 30_000;

/**
 * C3 reminders, on every screen: the signed-in agent's complaints whose next reply time has come.
 * Polls the cheap complaints.due every 30 s; each newly due complaint also raises one desktop
 * notification. The banner stays until the reply time is moved or the complaint is closed.
 * One line pinned to the bottom corner, above the page: it never moves the form under the agent's
 * cursor when it appears mid-call, and it opens (upwards) only when asked.
 */
export function DueBanner() {
  const { t, i18n } = useTranslation('complaints');
  const shown = usePersonal();
  const { navigate } = useNavigation();
  const [due, setDue] = useState<DueComplaint[]>([]);
  const [expanded, setExpanded] = useState(false);
  const told = useRef(new Set<string>());

  useEffect(() => {
    let alive = true;
    const poll = async () => {
      try {
        const list = await api('complaints.due', {});
        if (!alive) return;
        setDue(list);
        for (const c of list) {
          const key = `${c.id}@${c.nextReplyDue}`;
          if (told.current.has(key)) continue;
          told.current.add(key);
          void notify(
            t('due.notifyTitle', { number: c.number }),
            t('due.notifyBody', { customer: shown(c.customerName) || t('noName'), matter: shown(c.matter).slice(0, 120) }),
          );
        }
      } catch {
        // a failed poll is retried on the next tick; the banner keeps what it showed
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    const onChange = () => void poll();
    window.addEventListener(complaintsChangedEvent, onChange);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(complaintsChangedEvent, onChange);
    };
  }, [t, shown]);

  if (due.length === 0) return null;
  return (
    <section className="complaints-due" aria-labelledby="complaints-due-heading">
      {expanded && (
        <div className="complaints-due-list" id="complaints-due-list">
          <ul>
            {due.slice(0, 5).map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => navigate('complaints', { kind: 'complaint.open', complaintId: c.id })}>
                  <strong>{c.number}</strong> {shown(c.customerName)} · {shown(c.matter).slice(0, 60)} ·{' '}
                  {t('due.since', { time: formatDateTime(c.nextReplyDue, i18n.language) })}
                </button>
              </li>
            ))}
          </ul>
          {due.length > 5 && <p>{t('due.more', { count: due.length - 5 })}</p>}
        </div>
      )}
      <h2 id="complaints-due-heading">
        <button
          type="button"
          className="complaints-due-toggle"
          aria-expanded={expanded}
          aria-controls="complaints-due-list"
          onClick={() => setExpanded((x) => !x)}
        >
          {t('due.heading', { count: due.length })} <span aria-hidden="true">{expanded ? '▾' : '▴'}</span>
        </button>
      </h2>
    </section>
  );
}
