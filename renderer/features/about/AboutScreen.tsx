// About / diagnostics: the facts IT support asks for, and one button that copies them as text.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useReportError } from '../../lib/report-error';
import type { Diagnostics } from '../../../shared/contract/about';
import { diagnosticSummary, formatBytes } from './summary';
import { SyncDetails } from '../../components/SyncIndicator';

type CopyState = 'idle' | 'copied' | 'manual';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function AboutScreen() {
  const { t, i18n } = useTranslation('about');
  const reportError = useReportError();
  const [d, setD] = useState<Diagnostics>();
  const [copy, setCopy] = useState<CopyState>('idle');
  const summaryRef = useRef<HTMLTextAreaElement>(null);

  const load = useCallback(async () => {
    try {
      setD(await api('about.diagnostics', {}));
      setCopy('idle');
    } catch (err) {
      reportError(err);
    }
  }, [reportError]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!d) return <p className="about-loading">{t('loading')}</p>;
  const summary = diagnosticSummary(d);
  const c = d.managedConfig;
  const none = t('none');

  const copySummary = async () => {
    try {
      await navigator.clipboard.writeText(summary);
      setCopy('copied');
      return;
    } catch {
      // Electron denies clipboard permissions (security.ts): select the text and copy it the old way
    }
    const box = summaryRef.current;
    box?.focus();
    box?.select();
    setCopy(box && document.execCommand('copy') ? 'copied' : 'manual');
  };

  return (
    <div className="about">
      <div className="about-head">
        <h2>{t('heading')}</h2>
        <button type="button" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>

      {c.problems.length > 0 && (
        <section className="about-problems" aria-labelledby="about-problems-heading">
          <h3 id="about-problems-heading">{t('config.problemsHeading', { count: c.problems.length })}</h3>
          <p>{t('config.problemsIntro', { file: c.file })}</p>
          <ul>
            {c.problems.map((p, i) => (
              <li key={i}>
                {t(`config.problem.${p.code}`, { field: p.field })} <code>{p.detail}</code>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="about-grid">
        <section className="about-card" aria-labelledby="about-app">
          <h3 id="about-app">{t('app.heading')}</h3>
          <dl>
            <Row label={t('app.version')}>{d.version}</Row>
            <Row label={t('app.mode')}>{t(`app.transport.${d.transport}`)}</Row>
            <Row label={t('app.platform')}>{`${d.platform} ${d.arch}`}</Row>
            <Row label={t('logs.folder')}>
              <code>{d.logs.folder ?? none}</code>
            </Row>
            {d.logs.failedWrites > 0 && <Row label={t('logs.failedWrites')}>{d.logs.failedWrites}</Row>}
          </dl>
        </section>

        <section className="about-card" aria-labelledby="about-db">
          <h3 id="about-db">{t('db.heading')}</h3>
          <dl>
            <Row label={t('db.path')}>
              <code>{d.database.path}</code>
            </Row>
            <Row label={t('db.size')}>{formatBytes(d.database.sizeBytes, i18n.language)}</Row>
            <Row label={t('db.wal')}>{formatBytes(d.database.walBytes, i18n.language)}</Row>
            <Row label={t('db.schema')}>{d.database.schemaVersion}</Row>
            <Row label={t('backup.last')}>
              {d.backups.last ? (
                <>
                  <time dateTime={d.backups.last.at}>{formatDateTime(d.backups.last.at, i18n.language)}</time>
                  <br />
                  <code>{d.backups.last.file}</code>
                </>
              ) : (
                t('backup.never')
              )}
            </Row>
            <Row label={t('backup.keep')}>{t('backup.keepCount', { count: d.backups.keep })}</Row>
          </dl>
        </section>

        <section className="about-card" aria-labelledby="about-config">
          <h3 id="about-config">{t('config.heading')}</h3>
          <dl>
            <Row label={t('config.file')}>
              <code>{c.file}</code>
              <br />
              {c.found ? t('config.found') : t('config.notFound')}
            </Row>
            <Row label={t('config.companyName')}>{c.effective.companyName ?? none}</Row>
            <Row label={t('config.defaultLanguage')}>{c.effective.defaultLanguage ?? none}</Row>
            <Row label={t('config.dataFolder')}>{c.effective.dataFolder ? <code>{c.effective.dataFolder}</code> : none}</Row>
            <Row label={t('config.exportFolder')}>{c.effective.exportFolder ? <code>{c.effective.exportFolder}</code> : none}</Row>
            <Row label={t('config.retentionMonths')}>
              {c.effective.retentionMonths === null ? t('config.keptForever') : t('config.months', { count: c.effective.retentionMonths })}
            </Row>
            <Row label={t('config.leadPin')}>{c.effective.leadPinSet ? t('config.leadPinByIt') : t('config.leadPinInApp')}</Row>
            <Row label={t('config.locked')}>{c.effective.locked.length ? c.effective.locked.join(', ') : none}</Row>
          </dl>
        </section>

        <SyncDetails />
      </div>

      <section className="about-summary" aria-labelledby="about-summary-heading">
        <div className="about-head">
          <h3 id="about-summary-heading">{t('summary.heading')}</h3>
          <button type="button" className="primary" onClick={() => void copySummary()}>
            {t('summary.copy')}
          </button>
          <span role="status" className="about-copy-status">
            {copy === 'copied' ? t('summary.copied') : copy === 'manual' ? t('summary.manual') : ''}
          </span>
        </div>
        <p className="about-note">{t('summary.note')}</p>
        <textarea ref={summaryRef} readOnly aria-label={t('summary.label')} value={summary} rows={10} />
      </section>
    </div>
  );
}
