import { useTranslation } from 'react-i18next';
import { usePersonal } from '../../lib/personal';
import type { Call } from '../../../shared/schemas/call';
import { formatTime } from '../../lib/format';

interface Props {
  calls: Call[];
  activeId: string | undefined;
  onOpen: (call: Call) => void;
}

export function TodayCalls({ calls, activeId, onOpen }: Props) {
  const { t, i18n } = useTranslation('call');
  const shown = usePersonal();
  return (
    <section className="today" aria-labelledby="today-heading">
      <h2 id="today-heading">
        {t('today.heading')} <span className="count">{calls.length}</span>
      </h2>
      {calls.length === 0 ? (
        <p className="empty">{t('today.empty')}</p>
      ) : (
        <ul aria-label={t('today.heading')}>
          {calls.map((c) => (
            <li key={c.id}>
              <button type="button" aria-current={c.id === activeId} onClick={() => onOpen(c)}>
                <time dateTime={c.createdAt}>{formatTime(c.createdAt, i18n.language)}</time>
                <span className="who">{shown(c.callerName) || t('today.unnamed')}</span>
                <span className="phone">{shown(c.phone)}</span>
                <span className="subject">{shown(c.subject)}</span>
                <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
