// Headers, sheet names, code words and the printed report speak the UI language. The texts live in
// the renderer's locale files (one place for translators); the core reads them as data only.
import enExports from '../../../renderer/locales/en/exports.json';
import zhExports from '../../../renderer/locales/zh-CN/exports.json';
import enReports from '../../../renderer/locales/en/reports.json';
import zhReports from '../../../renderer/locales/zh-CN/reports.json';
import enPhone from '../../../renderer/locales/en/phone.json';
import zhPhone from '../../../renderer/locales/zh-CN/phone.json';
import enCall from '../../../renderer/locales/en/call.json';
import zhCall from '../../../renderer/locales/zh-CN/call.json';
import enScript from '../../../renderer/locales/en/script.json';
import zhScript from '../../../renderer/locales/zh-CN/script.json';
import enComplaints from '../../../renderer/locales/en/complaints.json';
import zhComplaints from '../../../renderer/locales/zh-CN/complaints.json';
import type { ExportLanguage } from '../../../shared/contract/exports';
import { labelOf, type CodeGroup } from '../../../shared/domain/code-labels';

const resources: Record<ExportLanguage, Record<string, unknown>> = {
  en: { exports: enExports, reports: enReports, call: enCall, script: enScript, complaints: enComplaints, phone: enPhone },
  'zh-CN': { exports: zhExports, reports: zhReports, call: zhCall, script: zhScript, complaints: zhComplaints, phone: zhPhone },
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

/** The UI word for a stored code (an unknown code, e.g. a category typed by hand, stays as it is). */
export function codeLabel(t: Translate, group: CodeGroup, code: string): string {
  return labelOf(t, group, code);
}
