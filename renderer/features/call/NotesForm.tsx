import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAutosave, type SaveState } from '../../lib/use-autosave';
import { useShortcuts } from '../../lib/shortcuts';
import { errorText } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useNavigation } from '../../lib/navigation';
import type { Call, CallFields } from '../../../shared/schemas/call';

interface Props {
  call: Call;
  onSaved: (call: Call) => void;
}

const lines: { name: keyof CallFields; multiline?: boolean }[] = [
  { name: 'callerName' },
  { name: 'phone' },
  { name: 'region' },
  { name: 'address' },
  { name: 'subject' },
  { name: 'details', multiline: true },
];

export function NotesForm({ call, onSaved }: Props) {
  const { t, i18n } = useTranslation('call');
  const [fields, setFields] = useState<CallFields>(call);
  useEffect(() => setFields(call), [call.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const autosave = useAutosave<CallFields>(async (changes) => {
    onSaved(await api('calls.update', { id: call.id, fields: changes }));
  });
  useShortcuts({ save: () => void autosave.flush() });
  const { navigate } = useNavigation();

  const edit = (name: keyof CallFields, value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    autosave.change({ [name]: value });
  };

  return (
    <form
      className="notes-form"
      aria-label={t('form.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void autosave.flush();
      }}
    >
      {lines.map(({ name, multiline }) => (
        <label key={name} className={multiline ? 'field field-wide' : 'field'}>
          <span>{t(`field.${name}`)}</span>
          {multiline ? (
            <textarea name={name} rows={6} value={fields[name]} onChange={(e) => edit(name, e.target.value)} />
          ) : (
            <input
              name={name}
              type={name === 'phone' ? 'tel' : 'text'}
              autoFocus={name === 'callerName'}
              value={fields[name]}
              onChange={(e) => edit(name, e.target.value)}
            />
          )}
        </label>
      ))}
      <div className="form-actions">
        <button type="submit">{t('save')}</button>
        <button type="button" onClick={() => void autosave.flush().then(() => navigate('complaints', { kind: 'complaint.fromCall', callId: call.id }))}>
          {t('complaints:logComplaint')}
        </button>
        <SaveStatus state={autosave.state} language={i18n.language} />
      </div>
    </form>
  );
}

function SaveStatus({ state, language }: { state: SaveState; language: string }) {
  const { t } = useTranslation();
  const text =
    state.kind === 'saving'
      ? t('call:saving')
      : state.kind === 'saved'
        ? t('call:savedAt', { time: formatTime(state.at.toISOString(), language) })
        : state.kind === 'failed'
          ? t('call:saveFailed', { reason: errorText(t, state.error) })
          : '';
  return (
    <span role="status" className={state.kind === 'failed' ? 'save-status failed' : 'save-status'}>
      {text}
    </span>
  );
}
