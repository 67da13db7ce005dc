// Headers, sheet names and the printed report speak the UI language. The texts live in the
// renderer's locale files (one place for translators); the core reads them as data only.
import enExports from '../../../renderer/locales/en/exports.json';
import zhExports from '../../../renderer/locales/zh-CN/exports.json';
import enReports from '../../../renderer/locales/en/reports.json';
import zhReports from '../../../renderer/locales/zh-CN/reports.json';
import type { ExportLanguage } from '../../../shared/contract/exports';

const resources: Record<ExportLanguage, Record<string, unknown>> = {
  en: { exports: enExports, reports: enReports },
  'zh-CN': { exports: zhExports, reports: zhReports },
};

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** t('exports:columns.calls.phone'), with {{name}} interpolation; a missing key shows the key. */
export function translator(language: ExportLanguage): Translate {
  const root = resources[language];
  return (key, values) => {
    const [ns, path] = key.split(':') as [string, string];
    let node: unknown = root[ns];
    for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    const text = typeof node === 'string' ? node : key;
    return values ? text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? '')) : text;
  };
}
