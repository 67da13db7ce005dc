import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { useShortcuts } from '../../lib/shortcuts';
import { useAgent } from '../../lib/agent';
import { useNavigation } from '../../lib/navigation';
import { i18next, setLanguage } from '../../lib/i18n';
import { TodayCalls } from './TodayCalls';
import { UnfinishedCalls } from './UnfinishedCalls';
import { CallWorkspace } from './CallWorkspace';
import type { Call, CallDirection, CallView } from '../../../shared/schemas/call';
import type { Disposition, Settings } from '../../../shared/schemas/settings';
import { phoneNow, usePhoneValue } from '../../lib/phone';
import { MissedCalls } from './MissedCalls';
import { PhoneStatus } from './PhoneStatus';

export function CallScreen() {
  const { t, i18n } = useTranslation('call');
  const reportError = useReportError();
  const agent = useAgent();
  const { intent, consumeIntent } = useNavigation();
  const [calls, setCalls] = useState<Call[]>([]);
  const [unfinished, setUnfinished] = useState<Call[]>([]);
  // mine by default; a team lead may look at everyone's. Paged: a busy team has thousands.
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [unfinishedTotal, setUnfinishedTotal] = useState(0);
  const [view, setView] = useState<CallView | undefined>();
  const [fresh, setFresh] = useState(false);
  const [settings, setSettings] = useState<Settings | undefined>();
  const [dispositions, setDispositions] = useState<Disposition[]>([]);
  const openedByIntent = useRef(intent?.kind === 'call.open' || intent?.kind === 'phone.answer');

  const open = useCallback(
    async (id: string, focus = false) => {
      try {
        setView(await api('calls.open', { id }));
        setFresh(focus);
      } catch (err) {
        reportError(err);
      }
    },
    [reportError],
  );

  // First load. A call left unfinished (the app was closed or killed mid-call) reopens by itself.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [s, d, day, left] = await Promise.all([
          api('settings.get', {}),
          api('dispositions.list', {}),
          api('calls.listDay', {}),
          api('calls.listUnfinished', { scope: 'mine' }),
        ]);
        if (cancelled) return;
        setSettings(s);
        // the agent's own language follows them to any workstation sharing this database; read from
        // i18next itself so a language change does not reload the lists (this runs once per sign-in)
        if (s.myLanguage && s.myLanguage !== i18next.language) setLanguage(s.myLanguage);
        setDispositions(d);
        // a call started (or opened) while this was loading stays in the lists and on screen
        const merge = (loaded: Call[]) => (list: Call[]) => [...list.filter((c) => !loaded.some((l) => l.id === c.id)), ...loaded];
        setCalls(merge(day));
        setUnfinished(merge(left.calls));
        setUnfinishedTotal(left.total);
        const mine = left.calls[0];
        if (mine && !openedByIntent.current) {
          const reopened = await api('calls.open', { id: mine.id });
          if (!cancelled && !openedByIntent.current) setView(reopened); // unless the agent started or opened one meanwhile
        }
      } catch (err) {
        reportError(err);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [agent.id, reportError]);

  // Another screen asked for a call: the caller history, a complaint, a callback.
  useEffect(() => {
    if (intent?.kind !== 'call.open') return;
    openedByIntent.current = true;
    consumeIntent();
    void open(intent.callId, intent.focus === true);
  }, [intent, consumeIntent, open]);

  const changed = useCallback((call: Call) => {
    setCalls((list) => (list.some((c) => c.id === call.id) ? list.map((c) => (c.id === call.id ? call : c)) : list));
    setUnfinished((list) => {
      if (call.status === 'open') return list.map((c) => (c.id === call.id ? call : c));
      if (list.some((c) => c.id === call.id)) setUnfinishedTotal((n) => Math.max(0, n - 1));
      return list.filter((c) => c.id !== call.id);
    });
    setView((v) => (v && v.call.id === call.id ? { ...v, call } : v));
  }, []);

  const start = async (direction: CallDirection) => {
    openedByIntent.current = true; // the agent chose: no automatic reopening on top of it
    const language = i18n.language === 'en' ? 'en' : 'zh-CN';
    const p = phoneNow();
    // with a phone source, F2 answers the ringing call (P1: its ring and answer times are real);
    // without one, or with nothing ringing, it starts a call answered now, as it always did
    const fromPhone =
      direction === 'inbound' && p !== null && p.source !== 'none' && (p.ringing.length > 0 || (p.active !== null && p.active.consoleCallId === null));
    try {
      const call = fromPhone ? await api('phone.answer', { language }) : await api('calls.start', { direction, language });
      // settings too: the lead may have changed the company name since this screen opened
      const [next, s] = await Promise.all([api('calls.open', { id: call.id }), api('settings.get', {})]);
      setSettings(s);
      setView(next);
      setFresh(true);
      setCalls((list) => [call, ...list.filter((c) => c.id !== call.id)]);
      setUnfinished((list) => [call, ...list.filter((c) => c.id !== call.id)]);
      setUnfinishedTotal((n) => n + 1);
    } catch (err) {
      reportError(err);
    }
  };

  /** A call started elsewhere (the softphone's own answer, a missed call called back) comes on screen. */
  const show = useCallback(
    async (id: string, focus: boolean) => {
      openedByIntent.current = true;
      try {
        const next = await api('calls.open', { id });
        setView(next);
        setFresh(focus);
        setCalls((list) => [next.call, ...list.filter((c) => c.id !== id)]);
        setUnfinished((list) => {
          if (!list.some((c) => c.id === id)) setUnfinishedTotal((n) => n + 1);
          return [next.call, ...list.filter((c) => c.id !== id)];
        });
      } catch (err) {
        reportError(err);
      }
    },
    [reportError],
  );

  // The phone answered by itself: open its call. The caller hung up: the call shows it (wrap-up time runs).
  const lastActive = useRef<string | null>(null);
  const activeCallId = usePhoneValue((p) => p?.active?.consoleCallId ?? null);
  useEffect(() => {
    const previous = lastActive.current;
    lastActive.current = activeCallId;
    if (activeCallId && activeCallId !== previous && view?.call.id !== activeCallId) void show(activeCallId, true);
    if (previous && previous !== activeCallId) api('calls.get', { id: previous }).then((c) => changed(c), reportError);
  }, [activeCallId]); // eslint-disable-line react-hooks/exhaustive-deps -- only when the active call changes

  // the ringing banner's Answer button on this screen, or F2 pressed on another screen
  const startRef = useRef(start);
  startRef.current = start;
  useEffect(() => {
    const onAnswer = () => void startRef.current('inbound');
    window.addEventListener('phone:answer', onAnswer);
    return () => window.removeEventListener('phone:answer', onAnswer);
  }, []);
  useEffect(() => {
    if (intent?.kind !== 'phone.answer') return;
    consumeIntent();
    void startRef.current('inbound');
  }, [intent, consumeIntent]);

  const loadUnfinished = async (nextScope: 'mine' | 'all', offset: number) => {
    try {
      const page = await api('calls.listUnfinished', { scope: nextScope, offset });
      setScope(nextScope);
      setUnfinishedTotal(page.total);
      setUnfinished((list) => (offset === 0 ? page.calls : [...list, ...page.calls.filter((c) => !list.some((l) => l.id === c.id))]));
    } catch (err) {
      reportError(err);
    }
  };

  useShortcuts({ newCall: () => void start('inbound'), outboundCall: () => void start('outbound') });

  const side = (
    <>
      <MissedCalls onCallBack={(call) => void show(call.id, true)} />
      <UnfinishedCalls
        calls={unfinished}
        total={unfinishedTotal}
        scope={scope}
        canSeeAll={agent.role === 'lead'}
        onScope={(next) => void loadUnfinished(next, 0)}
        onMore={() => void loadUnfinished(scope, unfinished.length)}
        activeId={view?.call.id}
        onOpen={(id) => void open(id)}
      />
      <TodayCalls calls={calls} activeId={view?.call.id} onOpen={(c) => void open(c.id)} />
    </>
  );

  return (
    <div className="call-screen">
      <div className="section-head call-start">
        <button type="button" id="new-call" className="primary" onClick={() => void start('inbound')} aria-keyshortcuts="F2">
          {t('newCall')} <kbd>F2</kbd>
        </button>
        <button type="button" onClick={() => void start('outbound')} aria-keyshortcuts="Shift+F2">
          {t('newOutbound')} <kbd>Shift+F2</kbd>
        </button>
        <PhoneStatus />
      </div>
      {view && settings ? (
        <CallWorkspace
          key={view.call.id}
          view={view}
          settings={settings}
          dispositions={dispositions}
          agentName={agent.name}
          autoFocus={fresh}
          onChanged={changed}
          onEvent={(e) => setView((v) => (v && v.call.id === e.callId ? { ...v, events: [...v.events, e] } : v))}
          onReload={() => void open(view.call.id)}
          side={side}
        />
      ) : (
        <div className="call-grid">
          <p className="empty call-none">{t('noActiveCall')}</p>
          <div />
          <div className="call-side">{side}</div>
        </div>
      )}
    </div>
  );
}
