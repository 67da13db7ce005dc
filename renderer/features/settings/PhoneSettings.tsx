// Team lead: which phone source feeds this workstation, its extension, the ring cadence (P1).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import type { PhoneSettingsView } from '../../../shared/contract/phone';
import type { PhoneSourceSetting } from '../../../shared/schemas/phone';

const sources: { value: PhoneSourceSetting; label: string }[] = [
  { value: 'none', label: 'settings.sourceNone' },
  { value: 'hooks', label: 'settings.sourceHooks' },
  { value: 'http', label: 'settings.sourceHttp' },
  { value: 'baresip', label: 'settings.sourceBaresip' },
];

export function PhoneSettings() {
  const { t } = useTranslation('phone');
  const reportError = useReportError();
  const [view, setView] = useState<PhoneSettingsView | undefined>();
  const [draft, setDraft] = useState({ source: 'none' as PhoneSourceSetting, extension: '', cadence: '5', baresip: '', port: '0' });
  const [saved, setSaved] = useState(false);

  const take = (v: PhoneSettingsView) => {
    setView(v);
    setDraft({ source: v.source, extension: v.extension, cadence: String(v.ringCadenceSeconds), baresip: v.baresipAddress, port: String(v.httpPort) });
  };
  useEffect(() => {
    api('phone.settings', {}).then(take, reportError);
  }, [reportError]);
  if (!view) return null;
  const locked = (name: string) => view.locked.includes(name);

  const save = async () => {
    setSaved(false);
    try {
      take(
        await api('phone.configure', {
          ...(locked('phoneSource') ? {} : { source: draft.source }),
          ...(locked('phoneExtension') ? {} : { extension: draft.extension }),
          ...(locked('ringCadenceSeconds') ? {} : { ringCadenceSeconds: Number(draft.cadence) }),
          ...(locked('baresipAddress') ? {} : { baresipAddress: draft.baresip }),
          ...(locked('phoneHttpPort') ? {} : { httpPort: Number(draft.port) }),
        }),
      );
      setSaved(true);
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <form
      className="phone-settings"
      aria-labelledby="phone-settings-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="phone-settings-heading">{t('settings.heading')}</h3>
      <p className="settings-help">{t('settings.help')}</p>
      <label className="field">
        <span>{t('settings.source')}</span>
        <select value={draft.source} disabled={locked('phoneSource')} onChange={(e) => setDraft({ ...draft, source: e.target.value as PhoneSourceSetting })}>
          {sources.map((s) => (
            <option key={s.value} value={s.value}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('settings.extension')}</span>
        <input value={draft.extension} disabled={locked('phoneExtension')} onChange={(e) => setDraft({ ...draft, extension: e.target.value })} />
        <small>{t('settings.extensionHelp')}</small>
      </label>
      <label className="field">
        <span>{t('settings.cadence')}</span>
        <input
          type="number"
          min={0.2}
          max={30}
          step={0.1}
          value={draft.cadence}
          disabled={locked('ringCadenceSeconds')}
          onChange={(e) => setDraft({ ...draft, cadence: e.target.value })}
        />
        <small>{t('settings.cadenceHelp')}</small>
      </label>
      {draft.source === 'baresip' && (
        <label className="field">
          <span>{t('settings.baresip')}</span>
          <input value={draft.baresip} disabled={locked('baresipAddress')} onChange={(e) => setDraft({ ...draft, baresip: e.target.value })} />
        </label>
      )}
      {(draft.source === 'http' || draft.source === 'hooks') && (
        <label className="field">
          <span>{t('settings.httpPort')}</span>
          <input
            type="number"
            min={0}
            max={65535}
            value={draft.port}
            disabled={locked('phoneHttpPort')}
            onChange={(e) => setDraft({ ...draft, port: e.target.value })}
          />
        </label>
      )}
      {draft.source === 'http' && view.endpoint && (
        <p className="settings-help">
          {t('settings.endpoint')}: <code>{view.endpoint.zammadUrl}</code>
        </p>
      )}
      <button type="submit">{t('settings.save')}</button> {saved && <span role="status">{t('settings.saved')}</span>}
    </form>
  );
}
