import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';

/** A small modal form: Escape or Cancel closes it, Enter in a field (or the button) submits. */
export function CallDialog({
  title,
  submitLabel,
  danger,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  submitLabel: string;
  danger?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal labelledBy="call-dialog-heading" className="call-dialog" onClose={onClose}>
      <h2 id="call-dialog-heading">{title}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <div className="form-actions">
          <button type="submit" className={danger ? 'danger' : 'primary'}>
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            {t('call:dialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
