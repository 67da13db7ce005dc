import { useTranslation } from 'react-i18next';
import { shortcuts } from '../lib/shortcuts';
import { Modal } from './Modal';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal labelledBy="shortcut-heading" className="shortcut-help" onClose={onClose}>
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
    </Modal>
  );
}
