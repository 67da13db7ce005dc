// Team lead: find a customer by phone number and erase their personal data on request; the record
// of every erasure (on request and automatic retention). Everything here is behind the team-lead PIN.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import { LeadGate } from '../../components/LeadGate';
import type { CustomerLookup, ErasureRecord, PrivacyOverview } from '../../../shared/contract/privacy';
import { Modal } from '../../components/Modal';
import { CardMerges } from './CardMerges';
import { useSyncStatus } from '../../components/SyncIndicator';

export function PrivacyScreen() {
  return (
    <LeadGate>
      <PrivacyWork />
    </LeadGate>
  );
}

function countsText(t: TFunction, record: ErasureRecord): string {
  const parts = Object.entries(record.counts)
    // copies that could not be cleaned are named with their paths below (FilesState), not counted here
    .filter(([name, n]) => n > 0 && name !== 'backupsFailed' && name !== 'damagedCopiesFailed')
    .map(([name, count]) => t(`privacy:location.${name}`, { count, defaultValue: `${name}: {{count}}` }));
  if (record.backups > 0) parts.push(t('privacy:location.backups', { count: record.backups }));
  return parts.join(t('privacy:listSeparator'));
}

/** The work still owed for one erasure (the live file's search index, then the files), or '' when all is clean. */
function filesText(t: TFunction, record: ErasureRecord): string {
  const { pending, index, cleaning } = record.files;
  const parts: string[] = [];
  if (index) parts.push(cleaning ? t('privacy:files.index') : t('privacy:files.indexWaiting'));
  if (pending > 0) parts.push(cleaning ? t('privacy:files.cleaning', { count: pending }) : t('privacy:files.waiting', { count: pending }));
  return parts.join(' ');
}

/** Cleaning state of an erasure's files, polled while any is still owed. */
function FilesState({ record, id }: { record: ErasureRecord; id?: string }) {
  const { t } = useTranslation('privacy');
  const text = filesText(t, record);
  return (
    <>
      {text && (
        <span id={id} className="privacy-files-pending">
          {text}
        </span>
      )}
      {record.files.failed.length > 0 && (
        <span role="alert" className="privacy-not-scrubbed">
          {t('notScrubbed', { files: record.files.failed.join(', '), interpolation: { escapeValue: false } })}
        </span>
      )}
    </>
  );
}

/** Team mode: the server's table files keep erased rows until IT's purge; the lead sees since when. */
function ServerPurgeNote() {
  const { t, i18n } = useTranslation('sync');
  const since = useSyncStatus()?.serverPurge?.pendingSince;
  if (!since) return null;
  return (
    <p className="privacy-files-pending" data-testid="privacy-server-purge">
      {t('purgePending', { since: formatDateTime(since, i18n.language) })}
    </p>
  );
}

/** How often the screen asks again while an erasure's files are being cleaned. */
const FILES_POLL_MS = 1000;

function PrivacyWork() {
  const { t, i18n } = useTranslation('privacy');
  const reportError = useReportError();
  const [phone, setPhone] = useState('');
  const [searched, setSearched] = useState('');
  const [lookup, setLookup] = useState<CustomerLookup | undefined>();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ErasureRecord | undefined>();
  const [overview, setOverview] = useState<PrivacyOverview | undefined>();
  /** when nothing is held for the number: the erasures that match it (proof it was erased) */
  const [erasedBefore, setErasedBefore] = useState<ErasureRecord[]>([]);

  const refresh = useCallback(() => api('privacy.overview', {}).then(setOverview, reportError), [reportError]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // the search index, backups, damaged copies and the database file are cleaned after the answer: ask again until done
  const owed = overview?.erasures.some((r) => r.files.pending > 0 || r.files.index) ?? false;
  useEffect(() => {
    if (!owed) return;
    const timer = setTimeout(() => void refresh(), FILES_POLL_MS);
    return () => clearTimeout(timer);
  }, [owed, overview, refresh]);
  // the answer to the erasure follows the record as its files are cleaned
  const doneNow = done ? (overview?.erasures.find((r) => r.id === done.id) ?? done) : undefined;

  const find = async () => {
    setProblem('');
    setDone(undefined);
    try {
      const result = await api('privacy.findCustomer', { phone });
      setErasedBefore(result.customer === null && result.calls + result.complaints + result.callbacks === 0 ? await api('privacy.checkErased', { phone }) : []);
      setLookup(result);
      setSearched(phone);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation') setProblem(t('phoneProblem'));
      else reportError(err);
    }
  };

  const erase = async () => {
    setBusy(true);
    try {
      const record = await api('privacy.eraseCustomer', { phone: searched, reason });
      setDone(record);
      setLookup(undefined);
      setReason('');
      setPhone('');
      await refresh();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const found = lookup && (lookup.customer !== null || lookup.calls > 0 || lookup.complaints > 0 || lookup.callbacks > 0);

  return (
    <div className="privacy">
      <section className="privacy-panel" aria-labelledby="privacy-erase-heading">
        <h2 id="privacy-erase-heading">{t('heading')}</h2>
        <p className="privacy-explain">{t('explain')}</p>
        <form
          className="privacy-find"
          aria-label={t('findLabel')}
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <label className="field">
            <span>{t('phone')}</span>
            <input
              type="tel"
              autoFocus
              value={phone}
              aria-invalid={problem !== ''}
              aria-describedby={problem ? 'privacy-phone-problem' : undefined}
              onChange={(e) => {
                setPhone(e.target.value);
                setProblem('');
              }}
            />
          </label>
          <button type="submit" className="primary">
            {t('find')}
          </button>
          {problem && (
            <p id="privacy-phone-problem" className="field-error" role="alert">
              {problem}
            </p>
          )}
        </form>

        {doneNow && (
          <p role="status" className="privacy-done">
            {t('done', { what: countsText(t, doneNow) })} <FilesState record={doneNow} />
          </p>
        )}

        {lookup && !found && (
          <p role="status" className="empty">
            {t('nothingFound', { phone: searched })}
            {erasedBefore.map((r) => (
              <span key={r.id} className="privacy-erased-before">
                {' '}
                {t('erasedBefore', { when: formatDateTime(r.at, i18n.language), who: r.agentName || t('automatic') })}
              </span>
            ))}
          </p>
        )}

        {lookup && found && (
          <div className="privacy-card" role="group" aria-labelledby="privacy-card-heading">
            <h3 id="privacy-card-heading">{t('foundHeading', { phone: searched })}</h3>
            <dl>
              <dt>{t('name')}</dt>
              <dd>{lookup.customer?.name || lookup.names.join(t('listSeparator')) || '—'}</dd>
              <dt>{t('phone')}</dt>
              <dd>{lookup.customer?.phone || searched}</dd>
              <dt>{t('region')}</dt>
              <dd>{lookup.customer?.region || '—'}</dd>
              <dt>{t('address')}</dt>
              <dd>{lookup.customer?.address || '—'}</dd>
              <dt>{t('calls')}</dt>
              <dd>{t('callCount', { count: lookup.calls })}</dd>
              <dt>{t('complaints')}</dt>
              <dd>{t('complaintCount', { count: lookup.complaints })}</dd>
              <dt>{t('callbacks')}</dt>
              <dd>{t('callbackCount', { count: lookup.callbacks })}</dd>
              <dt>{t('lastCall')}</dt>
              <dd>{lookup.lastCallAt ? formatDateTime(lookup.lastCallAt, i18n.language) : '—'}</dd>
            </dl>
            <form
              className="privacy-erase"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) setConfirming(true);
              }}
            >
              <label className="field field-wide">
                <span>{t('reason')}</span>
                <input value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} aria-describedby="privacy-reason-hint" />
              </label>
              <p id="privacy-reason-hint" className="privacy-hint">
                {t('reasonHint')}
              </p>
              <button type="submit" className="privacy-danger" disabled={!reason.trim()}>
                {t('erase')}
              </button>
            </form>
          </div>
        )}
      </section>

      <section className="privacy-panel" aria-labelledby="privacy-log-heading">
        <h2 id="privacy-log-heading">{t('logHeading')}</h2>
        <p className="privacy-explain">{overview?.retentionMonths ? t('retentionOn', { count: overview.retentionMonths }) : t('retentionOff')}</p>
        <ServerPurgeNote />
        {overview && overview.erasures.length === 0 ? (
          <p className="empty">{t('logEmpty')}</p>
        ) : (
          <table className="privacy-log">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('kindHeading')}</th>
                <th scope="col">{t('by')}</th>
                <th scope="col">{t('why')}</th>
                <th scope="col">{t('what')}</th>
              </tr>
            </thead>
            <tbody>
              {overview?.erasures.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at, i18n.language)}</td>
                  <td>{t(`kind.${r.kind}`)}</td>
                  <td>{r.agentName || t('automatic')}</td>
                  <td>{r.kind === 'retention' ? t('retentionReason') : r.reason}</td>
                  <td>
                    {countsText(t, r)} <FilesState record={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <CardMerges />

      {confirming && lookup && (
        <Modal
          role="alertdialog"
          labelledBy="privacy-confirm-heading"
          describedBy="privacy-confirm-text"
          className="privacy-confirm"
          keepOnBackdrop
          onClose={() => setConfirming(false)}
        >
          <h2 id="privacy-confirm-heading">{t('confirmHeading')}</h2>
          <p id="privacy-confirm-text">
            {t('confirmText', { phone: searched, calls: lookup.calls, complaints: lookup.complaints, callbacks: lookup.callbacks })}
          </p>
          <div className="privacy-actions">
            <button type="button" className="privacy-danger" disabled={busy} onClick={() => void erase()}>
              {t('confirmErase')}
            </button>
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
