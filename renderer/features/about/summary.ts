// The diagnostic summary IT support asks for: stable English `key: value` lines whatever the UI
// language (support searches and compares them), built only from about.diagnostics, which carries
// no customer data.
import type { Diagnostics } from '../../../shared/contract/about';

export function formatBytes(bytes: number | null, language = 'en'): string {
  if (bytes === null) return '–';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

export function diagnosticSummary(d: Diagnostics): string {
  const c = d.managedConfig;
  const e = c.effective;
  const lines: [string, string | number | boolean | null][] = [
    ['app', `Call Console ${d.version} (${d.transport})`],
    ['platform', `${d.platform} ${d.arch}`],
    [
      'runtime',
      [`node ${d.runtime.node}`, d.runtime.electron && `electron ${d.runtime.electron}`, d.runtime.chrome && `chrome ${d.runtime.chrome}`]
        .filter(Boolean)
        .join(', '),
    ],
    ['database.path', d.database.path],
    ['database.size', `${formatBytes(d.database.sizeBytes)} (${d.database.sizeBytes ?? '–'} bytes)`],
    ['database.wal', `${formatBytes(d.database.walBytes)} (${d.database.walBytes ?? '–'} bytes)`],
    ['database.schemaVersion', d.database.schemaVersion],
    ['backup.last', d.backups.last ? `${d.backups.last.at} ${d.backups.last.file}` : 'none'],
    ['backup.folder', d.backups.folder ?? '–'],
    ['backup.keep', d.backups.keep],
    ['config.file', `${c.file} (${c.found ? 'found' : 'not present'})`],
    ['config.problems', c.problems.length],
    ...c.problems.map((p, i): [string, string] => [`config.problem.${i + 1}`, `${p.field || '(file)'}: ${p.code}: ${p.detail}`]),
    ['config.companyName', e.companyName ?? '–'],
    ['config.defaultLanguage', e.defaultLanguage ?? '–'],
    ['config.dataFolder', e.dataFolder ?? '–'],
    ['config.exportFolder', e.exportFolder ?? '–'],
    ['config.backupCount', e.backupCount],
    ['config.retentionMonths', e.retentionMonths ?? '–'],
    ['config.leadPinSet', e.leadPinSet],
    ['config.locked', e.locked.join(', ') || '–'],
    ['logs.folder', d.logs.folder ?? '–'],
    ['logs.failedWrites', d.logs.failedWrites],
    ['generatedAt', d.generatedAt],
  ];
  return ['Call Console diagnostics', ...lines.map(([k, v]) => `${k}: ${String(v)}`)].join('\n');
}
