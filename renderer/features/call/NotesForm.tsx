import { useTranslation } from 'react-i18next';
import type { SaveState } from '../../lib/use-autosave';
import { errorText } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { requiredForCompletion, type CallFields } from '../../../shared/schemas/call';
import { callCategories } from '../../../shared/schemas/script';

interface Props {
  fields: CallFields;
  onEdit: (name: keyof CallFields, value: string) => void;
  /** completed or discarded calls are shown, not edited (until "Edit record") */
  readOnly: boolean;
  /** fields the last completion attempt said were missing (P5) */
  missing: (keyof CallFields)[];
  /** the workspace puts the cursor in the first field still to type */
  autoFocus: boolean;
  saveState: SaveState | null;
  onSave: () => void;
  saveLabel?: string;
}

// Keyboard-first: the order an agent asks in (P5 name, region, what, why), Tab moves down the list.
const lines: { name: keyof CallFields; multiline?: boolean; wide?: boolean }[] = [
  { name: 'callerName' },
  { name: 'phone' },
  { name: 'region' },
  { name: 'address' },
  { name: 'subject' },
  { name: 'wants', wide: true },
  // after "why": the category is decided once the agent has heard what the call is about
  { name: 'category' },
  { name: 'details', multiline: true },
  { name: 'nextStep', wide: true },
];

const required = new Set<keyof CallFields>(requiredForCompletion);

export function NotesForm({ fields, onEdit, readOnly, missing, saveState, onSave, saveLabel }: Props) {
  const { t, i18n } = useTranslation('call');
  return (
    <form
      className="notes-form"
      aria-label={t('form.label')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={(e) => {
        // Enter in a one-line field goes on to the next field, as Tab does (it never submits mid-call)
        const el = e.target as HTMLElement;
        if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || el.tagName !== 'INPUT') return;
        e.preventDefault();
        const all = [...e.currentTarget.querySelectorAll<HTMLElement>('input:not([readonly]), select:not([disabled]), textarea:not([readonly])')];
        all[all.indexOf(el) + 1]?.focus();
      }}
    >
      {lines.map(({ name, multiline, wide }) => {
        const isMissing = missing.includes(name);
        const errorId = `field-${name}-missing`;
        const common = {
          name,
          value: fields[name],
          readOnly,
          'aria-required': required.has(name) || undefined,
          'aria-invalid': isMissing || undefined,
          'aria-describedby': isMissing ? errorId : undefined,
        };
        return (
          <label key={name} className={`field${multiline || wide ? ' field-wide' : ''}${isMissing ? ' missing' : ''}`}>
            <span>
              {t(`field.${name}`)}
              {required.has(name) && <abbr title={t('form.requiredTitle')}> *</abbr>}
            </span>
            {name === 'category' ? (
              <select {...common} disabled={readOnly} onChange={(e) => onEdit(name, e.target.value)}>
                <option value="">{t('form.chooseCategory')}</option>
                {callCategories.map((c) => (
                  <option key={c} value={c}>
                    {t(`script:category.${c}`)}
                  </option>
                ))}
              </select>
            ) : multiline ? (
              <textarea {...common} rows={5} onChange={(e) => onEdit(name, e.target.value)} />
            ) : (
              <input {...common} type={name === 'phone' ? 'tel' : 'text'} onChange={(e) => onEdit(name, e.target.value)} />
            )}
            {isMissing && (
              <span id={errorId} className="field-error">
                {t('wrap.required')}
              </span>
            )}
          </label>
        );
      })}
      <div className="form-actions">
        {!readOnly && <button type="submit">{saveLabel ?? t('save')}</button>}
        {saveState && <SaveStatus state={saveState} language={i18n.language} />}
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
