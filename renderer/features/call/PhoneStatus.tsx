// On the call screen: whether the phone is connected (baresip) and how many missed calls wait.
import { useTranslation } from 'react-i18next';
import { usePhone } from '../../lib/phone';

export function PhoneStatus() {
  const { t } = useTranslation('phone');
  const phone = usePhone();
  if (!phone || phone.source === 'none') return null;
  const { connection } = phone;
  return (
    <span className="phone-status">
      {phone.source === 'baresip' && (
        <span className={`phone-connection phone-${connection.state}`} role="status">
          {t(`status.${connection.state}`, { detail: connection.detail })}
        </span>
      )}
      <button
        type="button"
        className={phone.missedCount > 0 ? 'missed-count alert' : 'missed-count'}
        onClick={() => document.getElementById('missed-calls')?.focus()}
      >
        {t('missed.heading')} <span className="count">{phone.missedCount}</span>
      </button>
    </span>
  );
}
