import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useReportError } from '../../lib/report-error';
import type { ExportFormat, ExportLogEntry, ExportProgress } from '../../../shared/contract/exports';
import type { PeriodSpec } from '../../../shared/domain/period';
import type { ErrorShape } from '../../../shared/errors';

const POLL_MS = 200;

/** R1/R4: the team lead's export (inside LeadGate): format, folder, progress with cancel, counts. */
export function ExportPanel({ period }: { period: PeriodSpec | null }) {
  const { t, i18n } = useTranslation('exports');
  const reportError = useReportError();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [folder, setFolder] = useState('');
  // PDF only where the transport can print (the desktop app); browser mode offers the printable page
  const [formats, setFormats] = useState<ExportFormat[]>(['xlsx', 'csv', 'report']);
  const [job, setJob] = useState<ExportProgress | undefined>();
  const [problem, setProblem] = useState('');
  const [log, setLog] = useState<ExportLogEntry[]>([]);

  useEffect(() => {
    api('exports.defaults', {}).then((d) => {
      setFolder((f) => f || d.folder);
      setFormats(d.formats);
    }, reportError);
    api('exports.log', {}).then(setLog, reportError);
  }, [reportError]);

  const running = job?.state === 'running';
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      api('exports.progress', { jobId: job.jobId }).then((next) => {
        setJob(next);
        if (next.state !== 'running') api('exports.log', {}).then(setLog, reportError);
      }, reportError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, reportError]);

  const failure = (err: ErrorShape | ApiError | null | undefined, where: string): string => {
    if (!err) return '';
    if (err.code === 'io') return t('failed', { reason: t('ioFailed', { folder: where }) });
    return t('failed', { reason: errorText(t, err instanceof ApiError ? err : new ApiError(err.code, err.message, err.rule)) });
  };

  const start = async () => {
    if (!period) return;
    setProblem('');
    setJob(undefined);
    try {
      setJob(await api('exports.start', { period, format, folder, language: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'io') setProblem(failure(err, folder));
      else reportError(err);
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      setJob(await api('exports.cancel', { jobId: job.jobId }));
    } catch (err) {
      reportError(err);
    }
  };

  const tableName = (id: string) => t(`tables.${id}`, { defaultValue: id });

  return (
    <section className="reports-export" aria-labelledby="reports-export-heading">
      <h2 id="reports-export-heading">{t('heading')}</h2>
      <p className="reports-muted">{t('explain')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="reports-formats">
          <legend>{t('format.legend')}</legend>
          {formats.map((f) => (
            <label key={f}>
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} disabled={running} />
              {t(`format.${f}`)}
            </label>
          ))}
          {/* which format is for people and which for other systems */}
          <p className="reports-muted" id="reports-format-note">
            {t(`formatNote.${format}`)}
          </p>
          {format === 'report' && !formats.includes('pdf') && <p className="reports-muted">{t('pdfNote')}</p>}
        </fieldset>
        <label className="field">
          <span>{t('folder')}</span>
          <input
            type="text"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            aria-describedby="reports-folder-hint"
            disabled={running}
            spellCheck={false}
          />
        </label>
        <p id="reports-folder-hint" className="reports-muted">
          {t('folderHint')}
        </p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!period || !folder.trim() || running}>
            {t('start')}
          </button>
          {running && (
            <button type="button" onClick={() => void cancel()}>
              {t('cancel')}
            </button>
          )}
        </div>
      </form>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {job && (
        <div className="reports-job">
          <progress aria-label={t('progressLabel')} max={Math.max(1, job.total)} value={job.state === 'done' ? Math.max(1, job.total) : job.done} />
          <p role="status">
            {job.state === 'running' && t('progress', { done: job.done, total: job.total })}
            {job.state === 'done' && t('done', { total: job.total, folder: job.folder })}
            {job.state === 'cancelled' && t('cancelled')}
            {job.state === 'failed' && failure(job.error, job.folder)}
          </p>
          {job.state === 'done' && (
            <>
              <ul aria-label={t('summary.rows')} className="reports-counts">
                {Object.entries(job.counts).map(([id, count]) => (
                  <li key={id}>{t('rowsOf', { table: tableName(id), count })}</li>
                ))}
              </ul>
              <ul aria-label={t('files')} className="reports-files">
                {job.files.map((f) => (
                  <li key={f}>
                    <code>{f}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <h3 id="reports-log-heading">{t('log.heading')}</h3>
      {log.length === 0 ? (
        <p className="reports-muted">{t('log.empty')}</p>
      ) : (
        <div className="reports-table-wrap" tabIndex={0} role="region" aria-labelledby="reports-log-heading">
          <table className="reports-table">
            <thead>
              <tr>
                <th scope="col">{t('log.when')}</th>
                <th scope="col">{t('log.who')}</th>
                <th scope="col">{t('log.period')}</th>
                <th scope="col">{t('log.format')}</th>
                <th scope="col">{t('log.rows')}</th>
                <th scope="col" className="nowrap">
                  {t('log.status')}
                </th>
              </tr>
            </thead>
            <tbody>
              {log.slice(0, 10).map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, i18n.language)}</td>
                  <td>{e.actor}</td>
                  <td className="nowrap">{e.periodLabel}</td>
                  <td>{t(`log.formats.${e.format}`)}</td>
                  <td>{Object.values(e.counts).reduce((a, b) => a + b, 0)}</td>
                  <td className="nowrap">{t(`state.${e.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
