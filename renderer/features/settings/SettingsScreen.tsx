import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { setLanguage as setUiLanguage } from '../../lib/i18n';
import { LeadGate } from '../../components/LeadGate';
import { PhoneSettings } from './PhoneSettings';
import type { Disposition, Settings } from '../../../shared/schemas/settings';
import type { ScriptLanguage } from '../../../shared/schemas/script';

/** An agent picks their own language; the rest (company, late answer, outcomes) needs the team-lead PIN. */
export function SettingsScreen() {
  const { t, i18n } = useTranslation('settings');
  const reportError = useReportError();
  const [settings, setSettings] = useState<Settings | undefined>();

  useEffect(() => {
    api('settings.get', {}).then(setSettings, reportError);
  }, [reportError]);

  if (!settings) return null;
  const mine = settings.myLanguage ?? (i18n.language === 'en' ? 'en' : 'zh-CN');
  return (
    <div className="settings-screen">
      <section className="settings-card" aria-labelledby="my-settings-heading">
        <h2 id="my-settings-heading">{t('mine.heading')}</h2>
        <label className="field">
          <span>{t('mine.language')}</span>
          <select
            value={mine}
            disabled={settings.locked.includes('myLanguage')}
            aria-describedby={settings.locked.includes('myLanguage') ? 'settings-locked-note' : undefined}
            onChange={async (e) => {
              const language = e.target.value as ScriptLanguage;
              try {
                setSettings(await api('settings.setMyLanguage', { language }));
                setUiLanguage(language);
              } catch (err) {
                reportError(err);
              }
            }}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <p className="settings-help">{t('mine.languageHelp')}</p>
        {settings.locked.length > 0 && (
          <p id="settings-locked-note" className="settings-help">
            {t('lockedNote')}
          </p>
        )}
      </section>
      <section className="settings-card" aria-labelledby="team-settings-heading">
        <h2 id="team-settings-heading">{t('team.heading')}</h2>
        <LeadGate>
          <TeamSettings settings={settings} onSaved={setSettings} />
          <Outcomes />
          <PhoneSettings />
        </LeadGate>
      </section>
    </div>
  );
}

function TeamSettings({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation('settings');
  const reportError = useReportError();
  const [company, setCompany] = useState(settings.companyName);
  const [late, setLate] = useState(String(settings.lateAnswerSeconds));
  const [language, setLanguage] = useState<ScriptLanguage>(settings.defaultLanguage);
  const [region, setRegion] = useState(settings.phoneRegion);
  const [status, setStatus] = useState('');
  // P9: an ISO region code; the service checks it against the numbering plans
  const regionValid = /^[A-Za-z]{2}$/.test(region.trim());
  const lateNumber = Number(late);
  const lateValid = Number.isInteger(lateNumber) && lateNumber >= 3 && lateNumber <= 300;
  // What IT locked is shown but cannot be edited here.
  const lockedProps = (key: string) => (settings.locked.includes(key) ? { disabled: true, 'aria-describedby': 'settings-team-locked' } : {});

  return (
    <form
      className="settings-form"
      aria-label={t('team.formLabel')}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!lateValid || !regionValid) return;
        try {
          const saved = await api('settings.update', {
            companyName: company,
            lateAnswerSeconds: lateNumber,
            defaultLanguage: language,
            phoneRegion: region.trim().toUpperCase(),
          });
          setRegion(saved.phoneRegion);
          onSaved(saved);
          setStatus(t('saved'));
        } catch (err) {
          reportError(err);
        }
      }}
    >
      <label className="field">
        <span>{t('team.company')}</span>
        <input value={company} onChange={(e) => setCompany(e.target.value)} autoFocus {...lockedProps('companyName')} />
      </label>
      <label className="field">
        <span>{t('team.late')}</span>
        <input
          type="number"
          min={3}
          max={300}
          value={late}
          aria-invalid={!lateValid || undefined}
          aria-describedby="settings-late-help"
          disabled={settings.locked.includes('lateAnswerSeconds')}
          onChange={(e) => setLate(e.target.value)}
        />
      </label>
      <p id="settings-late-help" className={lateValid ? 'settings-help' : 'field-error'}>
        {t('team.lateHelp')}
      </p>
      <label className="field">
        <span>{t('team.defaultLanguage')}</span>
        <select value={language} onChange={(e) => setLanguage(e.target.value as ScriptLanguage)} {...lockedProps('defaultLanguage')}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label className="field">
        <span>{t('team.phoneRegion')}</span>
        <input
          value={region}
          maxLength={2}
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={!regionValid || undefined}
          aria-describedby="settings-region-help"
          disabled={settings.locked.includes('phoneRegion')}
          onChange={(e) => setRegion(e.target.value)}
        />
      </label>
      <p id="settings-region-help" className={regionValid ? 'settings-help' : 'field-error'}>
        {t('team.phoneRegionHelp')}
      </p>
      {settings.locked.length > 0 && (
        <p id="settings-team-locked" className="settings-help">
          {t('lockedNote')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('save')}
        </button>
        <span role="status" className="save-status">
          {status}
        </span>
      </div>
    </form>
  );
}

type Row = { id?: string; labelZh: string; labelEn: string; active: boolean };

function Outcomes() {
  const { t } = useTranslation('settings');
  const reportError = useReportError();
  const [rows, setRows] = useState<Row[] | undefined>();
  const [status, setStatus] = useState('');

  useEffect(() => {
    api('dispositions.list', { includeRetired: true }).then(
      (list: Disposition[]) => setRows(list.map(({ id, labelZh, labelEn, active }) => ({ id, labelZh, labelEn, active }))),
      reportError,
    );
  }, [reportError]);

  if (!rows) return null;
  const edit = (index: number, change: Partial<Row>) => {
    setStatus('');
    setRows(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  };
  const complete = rows.every((r) => r.labelZh.trim() && r.labelEn.trim());

  return (
    <form
      className="settings-outcomes"
      aria-label={t('outcomes.heading')}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!complete) return;
        try {
          const saved = await api('dispositions.save', { items: rows });
          setRows(saved.map(({ id, labelZh, labelEn, active }) => ({ id, labelZh, labelEn, active })));
          setStatus(t('saved'));
        } catch (err) {
          reportError(err);
        }
      }}
    >
      <h3>{t('outcomes.heading')}</h3>
      <p className="settings-help">{t('outcomes.help')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('outcomes.zh')}</th>
            <th scope="col">{t('outcomes.en')}</th>
            <th scope="col">{t('outcomes.active')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id ?? `new-${i}`}>
              <td>
                <input aria-label={t('outcomes.zhRow', { n: i + 1 })} value={r.labelZh} onChange={(e) => edit(i, { labelZh: e.target.value })} />
              </td>
              <td>
                <input aria-label={t('outcomes.enRow', { n: i + 1 })} value={r.labelEn} onChange={(e) => edit(i, { labelEn: e.target.value })} />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('outcomes.activeRow', { n: i + 1 })}
                  checked={r.active}
                  onChange={(e) => edit(i, { active: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!complete && <p className="field-error">{t('outcomes.incomplete')}</p>}
      <div className="form-actions">
        <button type="button" onClick={() => setRows([...rows, { labelZh: '', labelEn: '', active: true }])}>
          {t('outcomes.add')}
        </button>
        <button type="submit" className="primary">
          {t('outcomes.save')}
        </button>
        <span role="status" className="save-status">
          {status}
        </span>
      </div>
    </form>
  );
}
