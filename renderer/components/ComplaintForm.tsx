import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useProblem } from '../lib/use-problem';
import { fromLocalInput, nowLocal, tomorrow } from '../lib/local-time';
import { Field } from './Field';
import { Options } from './Options';
import { complaintCategory, complaintSeverity, type ComplaintCategory, type ComplaintSeverity } from '../../shared/schemas/complaint';

export interface Prefill {
  callId?: string;
  customerName?: string;
  phone?: string;
  matter?: string;
  wants?: string;
}

/** Registering a complaint (C2, C3, C6, O1, O6); pre-filled when it comes from a call. */
export function ComplaintForm({ prefill, onCreated, onCancel }: { prefill: Prefill; onCreated: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('complaints');
  const problem = useProblem();
  const [f, setF] = useState({
    customerName: prefill.customerName ?? '',
    phone: prefill.phone ?? '',
    matter: prefill.matter ?? '',
    wants: prefill.wants ?? '',
    category: 'service' as ComplaintCategory,
    severity: 'normal' as ComplaintSeverity,
    faultTime: '',
    faultPlace: '',
    faultSymptom: '',
    faultPlan: '',
    nextReplyDue: tomorrow(),
    escalationTo: '',
    escalationAt: nowLocal(),
    escalationNote: '',
  });
  const set = (name: keyof typeof f) => (e: { target: { value: string } }) => {
    setF((old) => ({ ...old, [name]: e.target.value }));
    problem.clear();
  };

  const submit = async () => {
    try {
      const detail = await api('complaints.create', {
        ...(prefill.callId ? { callId: prefill.callId } : {}),
        customerName: f.customerName,
        phone: f.phone,
        matter: f.matter,
        wants: f.wants,
        category: f.category,
        severity: f.severity,
        ...(f.category === 'fault' ? { faultTime: f.faultTime, faultPlace: f.faultPlace, faultSymptom: f.faultSymptom, faultPlan: f.faultPlan } : {}),
        nextReplyDue: fromLocalInput(f.nextReplyDue),
        ...(f.severity === 'major'
          ? { escalation: { to: f.escalationTo, at: fromLocalInput(f.escalationAt) ?? new Date().toISOString(), note: f.escalationNote } }
          : {}),
      });
      onCreated(detail.complaint.id);
    } catch (err) {
      problem.fail(err);
    }
  };

  return (
    <form
      className="complaints-form"
      aria-labelledby="complaint-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="complaint-form-heading">{prefill.callId ? t('form.fromCall') : t('form.heading')}</h2>
      <p className="complaints-hint">{t('form.listen')}</p>
      <Field label={t('field.customerName')}>
        <input value={f.customerName} onChange={set('customerName')} />
      </Field>
      <Field label={t('field.phone')}>
        <input type="tel" value={f.phone} onChange={set('phone')} />
      </Field>
      <Field label={t('field.matter')} wide>
        <textarea rows={3} value={f.matter} onChange={set('matter')} required autoFocus />
      </Field>
      <Field label={t('field.wants')} wide>
        <textarea rows={2} value={f.wants} onChange={set('wants')} />
      </Field>
      <Field label={t('field.category')}>
        <select value={f.category} onChange={set('category')}>
          <Options values={complaintCategory.options} label={(c) => t(`category.${c}`)} />
        </select>
      </Field>
      <Field label={t('field.severity')}>
        <select value={f.severity} onChange={set('severity')}>
          <Options values={complaintSeverity.options} label={(s) => t(`severity.${s}`)} />
        </select>
      </Field>
      {f.category === 'fault' && (
        <fieldset className="complaints-group field-wide">
          <legend>{t('form.faultLegend')}</legend>
          <Field label={t('field.faultTime')}>
            <input value={f.faultTime} onChange={set('faultTime')} />
          </Field>
          <Field label={t('field.faultPlace')}>
            <input value={f.faultPlace} onChange={set('faultPlace')} />
          </Field>
          <Field label={t('field.faultSymptom')} wide>
            <textarea rows={2} value={f.faultSymptom} onChange={set('faultSymptom')} />
          </Field>
          <Field label={t('field.faultPlan')} wide>
            <textarea rows={2} value={f.faultPlan} onChange={set('faultPlan')} />
          </Field>
        </fieldset>
      )}
      {f.severity === 'major' && (
        <fieldset className="complaints-group complaints-major field-wide">
          <legend>{t('form.majorLegend')}</legend>
          <Field label={t('field.escalationTo')}>
            <input value={f.escalationTo} onChange={set('escalationTo')} />
          </Field>
          <Field label={t('field.escalationAt')}>
            <input type="datetime-local" value={f.escalationAt} onChange={set('escalationAt')} />
          </Field>
          <Field label={t('field.escalationNote')} wide>
            <input value={f.escalationNote} onChange={set('escalationNote')} />
          </Field>
        </fieldset>
      )}
      <Field label={t('field.nextReplyDue')}>
        <input type="datetime-local" value={f.nextReplyDue} onChange={set('nextReplyDue')} />
      </Field>
      {problem.shown}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('form.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
