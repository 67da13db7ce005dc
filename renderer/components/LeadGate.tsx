import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../lib/api';
import { useReportError } from '../lib/report-error';
import type { LeadState } from '../../shared/schemas/agent';

/**
 * Shows its children only in team-lead mode; otherwise asks for the team-lead PIN (or, on a
 * workstation where none is set yet, for a new one).
 */
export function LeadGate({ children, explain }: { children: ReactNode; /** why the PIN is asked here, when not for a whole screen */ explain?: string }) {
  const { t } = useTranslation('lead');
  const reportError = useReportError();
  const [state, setState] = useState<LeadState | undefined>();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api('lead.state', {}).then(setState, reportError);
  }, [reportError]);

  if (!state) return null;
  if (state.unlocked) return <>{children}</>;

  const submit = async () => {
    try {
      setState(await api(state.pinSet ? 'lead.unlock' : 'lead.setPin', { pin }));
      setPin('');
    } catch (err) {
      if (err instanceof ApiError && (err.rule || err.code === 'validation')) setProblem(t(`problem.${err.rule ?? 'short'}`));
      else reportError(err);
    }
  };

  return (
    <form
      className="lead-gate"
      aria-labelledby="lead-gate-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="lead-gate-heading">{t(state.pinSet ? 'heading' : 'setHeading')}</h2>
      <p>{state.pinSet && explain ? explain : t(state.pinSet ? 'explain' : 'setExplain')}</p>
      <label className="field">
        <span>{t(state.pinSet ? 'pin' : 'newPin')}</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          value={pin}
          aria-invalid={problem !== ''}
          aria-describedby={problem ? 'lead-gate-problem' : undefined}
          onChange={(e) => {
            setPin(e.target.value);
            setProblem('');
          }}
        />
      </label>
      {problem && (
        <p id="lead-gate-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary">
        {t(state.pinSet ? 'unlock' : 'setPin')}
      </button>
    </form>
  );
}
