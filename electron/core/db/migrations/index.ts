// Numbered steps, applied in order. Never edit one that has shipped: add the next number.
// Numbers leave gaps so parallel work can claim a range (0020s calls, 0030s complaints, …).
import { sql as initial } from './0010-initial';
import { sql as callWorkspace } from './0020-call-workspace';
import { sql as defaultScripts } from './0021-default-scripts';
import { sql as complaints } from './0030-complaints';
import { sql as search } from './0031-search';
import { sql as callbacks } from './0032-callbacks';
import { sql as searchDeferredCalls } from './0033-search-deferred-calls';
import { sql as exportsLog } from './0050-exports-log';
import { sql as erasures } from './0070-erasures';
import { sql as erasureMarks } from './0071-erasure-marks';
import { sql as exportsLogPdf } from './0072-exports-log-pdf';
import { sql as applicationId } from './0080-application-id';
import { sql as accessLog } from './0081-access-log';
import { sql as phoneCalls } from './0100-phone-calls';
import { sql as syncOutbox } from './0090-sync-outbox';
import { sql as readbackRegionWhy } from './0110-readback-region-why';
import { sql as callLookups } from './0111-call-lookups';
import { sql as phoneE164, run as phoneE164Run } from './0120-phone-e164';
import { sql as erasureScrubs } from './0130-erasure-scrubs';
import { sql as teamErasureLabels } from './0140-team-erasure-labels';
import { sql as searchTimelineDocs } from './0150-search-timeline-docs';
import { sql as searchDeferredIndex } from './0151-search-deferred-index';
import { sql as complaintTimelineRewrites } from './0190-complaint-timeline-rewrites';
import { sql as searchLongDocsDeferred } from './0200-search-long-docs-deferred';
import { sql as historyCovering } from './0160-history-covering';
import { sql as erasureLiveJobs } from './0170-erasure-live-jobs';
import type { Db } from '../open';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** a step SQL cannot express (numbering plans), run after `sql` in the same transaction */
  run?: (db: Db) => void;
}

export const migrations: Migration[] = [
  { version: 10, name: 'initial', sql: initial },
  { version: 20, name: 'call-workspace', sql: callWorkspace },
  { version: 21, name: 'default-scripts', sql: defaultScripts },
  { version: 30, name: 'complaints', sql: complaints },
  { version: 31, name: 'search', sql: search },
  { version: 32, name: 'callbacks', sql: callbacks },
  { version: 33, name: 'search-deferred-calls', sql: searchDeferredCalls },
  { version: 50, name: 'exports-log', sql: exportsLog },
  { version: 70, name: 'erasures', sql: erasures },
  { version: 71, name: 'erasure-marks', sql: erasureMarks },
  { version: 72, name: 'exports-log-pdf', sql: exportsLogPdf },
  { version: 80, name: 'application-id', sql: applicationId },
  { version: 81, name: 'access-log', sql: accessLog },
  { version: 90, name: 'sync-outbox', sql: syncOutbox },
  { version: 100, name: 'phone-calls', sql: phoneCalls },
  { version: 110, name: 'readback-region-why', sql: readbackRegionWhy },
  { version: 111, name: 'call-lookups', sql: callLookups },
  { version: 120, name: 'phone-e164', sql: phoneE164, run: phoneE164Run },
  { version: 130, name: 'erasure-scrubs', sql: erasureScrubs },
  { version: 140, name: 'team-erasure-labels', sql: teamErasureLabels },
  { version: 150, name: 'search-timeline-docs', sql: searchTimelineDocs },
  { version: 151, name: 'search-deferred-index', sql: searchDeferredIndex },
  { version: 160, name: 'history-covering', sql: historyCovering },
  { version: 170, name: 'erasure-live-jobs', sql: erasureLiveJobs },
  { version: 190, name: 'complaint-timeline-rewrites', sql: complaintTimelineRewrites },
  { version: 200, name: 'search-long-docs-deferred', sql: searchLongDocsDeferred },
];
