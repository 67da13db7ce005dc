import { useTranslation } from 'react-i18next';
import { shortcuts } from '../lib/shortcuts';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-heading"
        className="dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="shortcut-heading">{t('shortcuts.heading')}</h2>
        <table>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.id}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{t(s.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" autoFocus onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
