import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import type { Agent } from '../../../shared/schemas/agent';
import { FirstRunSetup } from './FirstRunSetup';

const LAST_AGENT_KEY = 'call-console-last-agent';

/** Agents sign in by picking their name; the last one at this workstation is offered first. */
export function SignIn({ onSignedIn }: { onSignedIn: (agent: Agent) => void }) {
  const { t } = useTranslation('agents');
  const reportError = useReportError();
  const [agents, setAgents] = useState<Agent[] | undefined>();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState('');
  const last = localStorage.getItem(LAST_AGENT_KEY);

  useEffect(() => {
    api('agents.list', {}).then(setAgents, reportError);
  }, [reportError]);

  const signIn = async (agent: Agent) => {
    try {
      const signed = await api('session.signIn', { agentId: agent.id });
      localStorage.setItem(LAST_AGENT_KEY, signed.id);
      onSignedIn(signed);
    } catch (err) {
      reportError(err);
    }
  };

  const add = async () => {
    try {
      const agent = await api('agents.add', { name });
      await signIn(agent);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'conflict' || err.code === 'validation')) setNameError(t(`nameError.${err.code}`));
      else reportError(err);
    }
  };

  if (!agents) return null;
  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('heading')}</h2>
      {agents.length > 0 && (
        <ul aria-label={t('agents')} className="agent-list">
          {agents.map((a) => (
            <li key={a.id}>
              <button type="button" autoFocus={a.id === last} onClick={() => void signIn(a)}>
                {a.name}
                {a.role === 'lead' && <span className="badge">{t('lead')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {agents.length === 0 && <FirstRunSetup onSignedIn={onSignedIn} />}
      <form
        className="add-agent"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="field">
          <span>{agents.length > 0 ? t('newName') : t('firstName')}</span>
          <input
            value={name}
            autoFocus={agents.length === 0}
            aria-invalid={nameError !== ''}
            aria-describedby={nameError ? 'agent-name-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setNameError('');
            }}
          />
        </label>
        {nameError && (
          <p id="agent-name-error" className="field-error">
            {nameError}
          </p>
        )}
        <button type="submit" className="primary">
          {t('add')}
        </button>
      </form>
    </section>
  );
}
