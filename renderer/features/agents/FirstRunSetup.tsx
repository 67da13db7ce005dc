import { useEffect, useState } from 'react';
import { newLeadPin } from '../../../shared/schemas/agent';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorText } from '../../lib/errors';
import type { Agent, LeadState } from '../../../shared/schemas/agent';
import type { Settings } from '../../../shared/schemas/settings';

/**
 * The first start of a console nobody has used yet: the company name the greeting says (P2), the
 * team lead's name and PIN. What IT's managed configuration already sets is shown, not asked. Without
 * this, whoever first opened a PIN-protected screen became the lead.
 */
export function FirstRunSetup({ onSignedIn }: { onSignedIn: (agent: Agent) => void }) {
  const { t } = useTranslation('agents');
  const [settings, setSettings] = useState<Settings | undefined>();
  const [lead, setLead] = useState<LeadState | undefined>();
  const [v, setV] = useState({ company: '', name: '', pin: '', pin2: '' });
  const [problem, setProblem] = useState('');

  useEffect(() => {
    Promise.all([api('settings.get', {}), api('lead.state', {})]).then(
      ([s, l]) => {
        setSettings(s);
        setLead(l);
      },
      () => undefined,
    );
  }, []);

  if (!settings || !lead) return null;
  // a PIN already set (by IT or earlier) is not asked again, and the company name is then the lead's to set in Settings
  const askPin = !lead.pinSet;
  const companyManaged = settings.locked.includes('companyName');
  const askCompany = askPin && !companyManaged;
  const set = (name: keyof typeof v) => (e: { target: { value: string } }) => {
    setV((old) => ({ ...old, [name]: e.target.value }));
    setProblem('');
  };

  const submit = async () => {
    if (askCompany && !v.company.trim()) return setProblem(t('setup.companyNeeded'));
    if (!v.name.trim()) return setProblem(t('setup.nameNeeded'));
    if (askPin && !newLeadPin.safeParse(v.pin).success) return setProblem(t('setup.pinShort'));
    if (askPin && v.pin !== v.pin2) return setProblem(t('setup.pinMismatch'));
    try {
      const agent = await api('agents.add', { name: v.name.trim(), role: 'lead' });
      const signed = await api('session.signIn', { agentId: agent.id });
      if (askPin) await api('lead.setPin', { pin: v.pin });
      if (askCompany) await api('settings.update', { companyName: v.company.trim() });
      await api('lead.lock', {}).catch(() => undefined);
      onSignedIn(signed);
    } catch (err) {
      setProblem(errorText(t, err));
    }
  };

  return (
    <form
      className="first-run"
      aria-labelledby="first-run-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="first-run-heading">{t('setup.heading')}</h3>
      <p className="first-run-explain">{t('setup.explain')}</p>
      {companyManaged ? (
        <p>{t('setup.companyFromIt', { name: settings.companyName })}</p>
      ) : !askCompany ? null : (
        <label className="field">
          <span>{t('setup.company')}</span>
          <input value={v.company} onChange={set('company')} autoComplete="organization" />
        </label>
      )}
      <label className="field">
        <span>{t('setup.leadName')}</span>
        <input value={v.name} onChange={set('name')} />
      </label>
      {askPin ? (
        <>
          <label className="field">
            <span>{t('setup.pin')}</span>
            <input type="password" inputMode="numeric" value={v.pin} onChange={set('pin')} autoComplete="new-password" />
          </label>
          <label className="field">
            <span>{t('setup.pin2')}</span>
            <input type="password" inputMode="numeric" value={v.pin2} onChange={set('pin2')} autoComplete="new-password" />
          </label>
        </>
      ) : (
        <p>{t(lead.pinManaged ? 'setup.pinFromIt' : 'setup.pinSet')}</p>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary">
        {t('setup.submit')}
      </button>
    </form>
  );
}
