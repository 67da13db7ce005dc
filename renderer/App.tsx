import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './lib/errors';
import { languages, setLanguage, type Language } from './lib/i18n';
import { useScreenKeys, useShortcuts } from './lib/shortcuts';
import { ReportErrorContext } from './lib/report-error';
import { ShortcutHelp } from './components/ShortcutHelp';
import { screens } from './screens';
import { api } from './lib/api';
import { SignIn } from './features/agents/SignIn';
import { AgentContext } from './lib/agent';
import { NavigationContext, type Intent } from './lib/navigation';
import type { Agent } from '../shared/schemas/agent';
import { DueBanner } from './features/complaints/DueBanner';
import { PhoneProvider } from './lib/phone';
import { PhoneBanner } from './features/call/PhoneBanner';
import { SyncIndicator } from './components/SyncIndicator';

export function App() {
  const { t, i18n } = useTranslation();
  const [screenId, setScreenId] = useState(screens[0]!.id);
  const [error, setError] = useState('');
  const [help, setHelp] = useState(false);
  const [intent, setIntent] = useState<Intent | undefined>();
  const navigation = useMemo(
    () => ({
      navigate: (id: string, next?: Intent) => {
        setScreenId(id);
        setIntent(next);
      },
      intent,
      consumeIntent: () => setIntent(undefined),
    }),
    [intent],
  );
  const reportError = useCallback((err: unknown) => setError(errorText(t, err)), [t]);
  // undefined: still asking the service; null: nobody signed in at this workstation
  const [agent, setAgent] = useState<Agent | null | undefined>();

  useEffect(() => {
    api('session.current', {}).then(setAgent, (err: unknown) => {
      setAgent(null);
      reportError(err);
    });
  }, [reportError]);

  // a refusal that arrived while nobody was signed in (a request in flight at the sign-out) is moot
  // once someone is: the banner must not tell the new agent to sign in
  const signedIn = useCallback((next: Agent) => {
    setError('');
    setAgent(next);
  }, []);

  const signOut = async () => {
    try {
      await api('session.signOut', {});
      setAgent(null);
      setError('');
    } catch (err) {
      reportError(err);
    }
  };

  useShortcuts({ help: () => setHelp(true) });
  useScreenKeys(screens.length, (i) => navigation.navigate(screens[i]!.id));
  const screen = screens.find((s) => s.id === screenId) ?? screens[0]!;
  const Screen = screen.component;

  return (
    <ReportErrorContext.Provider value={reportError}>
      <div className="app">
        <header className="topbar">
          <h1>{t('appName')}</h1>
          {agent && (
            <nav aria-label={t('nav.label')} className="tabs">
              {screens.map((s, i) => (
                <button
                  key={s.id}
                  type="button"
                  aria-current={s.id === screen.id ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${i + 1}`}
                  onClick={() => navigation.navigate(s.id)}
                >
                  {t(s.label)}
                </button>
              ))}
            </nav>
          )}
          <div className="spacer" />
          <SyncIndicator />
          {agent && (
            <span className="agent">
              {t('agents:signedInAs', { name: agent.name })}{' '}
              <button type="button" onClick={() => void signOut()}>
                {t('agents:signOut')}
              </button>
            </span>
          )}
          <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="F1">
            {t('shortcuts.button')} <kbd>F1</kbd>
          </button>
          <label className="language">
            <span>{t('language')}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {t(`languageName.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </header>
        {error && (
          <div role="alert" className="banner error">
            {error}
            <button type="button" onClick={() => setError('')}>
              {t('dismiss')}
            </button>
          </div>
        )}
        <main>
          {agent === undefined ? null : agent === null ? (
            <SignIn onSignedIn={signedIn} />
          ) : (
            <AgentContext.Provider value={agent}>
              <NavigationContext.Provider value={navigation}>
                <PhoneProvider>
                  <DueBanner />
                  <PhoneBanner current={screen.id} />
                  <Screen />
                </PhoneProvider>
              </NavigationContext.Provider>
            </AgentContext.Provider>
          )}
        </main>
        {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      </div>
    </ReportErrorContext.Provider>
  );
}
