// Live talk time while the caller is on the line, then the after-call work (wrap-up) time until
// the call is completed; the final figures stay on a finished call.
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../shared/schemas/call';
import { formatDuration, useTicker } from '../../lib/phone';

export function CallTimers({ call }: { call: Call }) {
  const { t } = useTranslation('phone');
  const talking = call.status === 'open' && call.answeredAt !== null && call.endedAt === null;
  const wrapping = call.status === 'open' && call.endedAt !== null;
  const now = useTicker(talking || wrapping, 500);
  if (!call.answeredAt) return null;
  const answered = Date.parse(call.answeredAt);
  const ended = call.endedAt ? Date.parse(call.endedAt) : null;
  const wrapped = call.wrappedAt ? Date.parse(call.wrappedAt) : null;
  const talk = (ended ?? now) - answered;
  const acw = ended === null ? null : (wrapped ?? (call.status === 'open' ? now : ended)) - ended;
  return (
    <p className="call-timers" aria-label={t('timers.label')}>
      <span className={talking ? 'timer running' : 'timer'}>
        {t('timers.talk')} <time data-timer="talk">{formatDuration(talk)}</time>
      </span>
      {acw !== null && (
        <span className={wrapping ? 'timer running' : 'timer'}>
          {t('timers.afterCallWork')} <time data-timer="acw">{formatDuration(acw)}</time>
        </span>
      )}
    </p>
  );
}
