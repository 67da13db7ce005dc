import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useReportError } from '../../lib/report-error';
import { formatDateTime } from '../../lib/format';
import { LeadGate } from '../../components/LeadGate';
import { placeholderNames, unknownPlaceholders, type PlaceholderValues } from '../../../shared/domain/script';
import {
  callCategories,
  type ScriptContent,
  type ScriptLanguage,
  type ScriptStep,
  type ScriptVersion,
  type ScriptVersionSummary,
} from '../../../shared/schemas/script';
import { ScriptLine } from '../../components/ScriptLine';

/** The team lead edits the call scripts; each save is a new version, old calls keep theirs. */
export function ScriptsScreen() {
  return (
    <LeadGate>
      <ScriptEditor />
    </LeadGate>
  );
}

const toText = (lines: string[]) => lines.join('\n');
// Kept as typed while editing (a new empty row, a trailing space); cleaned when saved.
const toLines = (text: string) => text.split('\n');
const clean = (lines: string[]) => lines.map((l) => l.trim()).filter(Boolean);
const cleanContent = (content: ScriptContent): ScriptContent => ({
  steps: content.steps.map((s) => ({
    ...s,
    title: s.title.trim(),
    lines: clean(s.lines),
    lateLines: clean(s.lateLines),
    hints: clean(s.hints),
    branches: Object.fromEntries(Object.entries(s.branches).map(([c, l]) => [c, clean(l ?? [])])),
    checklist: s.checklist.map((c) => ({ ...c, label: c.label.trim() })).filter((c) => c.label),
  })),
});

/** Sample values for the preview: the caller's address is left empty to show what a gap looks like. */
const previewValues = (language: ScriptLanguage): PlaceholderValues =>
  language === 'en'
    ? {
        company: 'Eastern Service Co.',
        agent: 'Maria',
        'caller.name': 'Li Na',
        'caller.phone': '138 0013 8000',
        'caller.region': 'Hangzhou',
        subject: 'October invoice',
        wants: 'an e-invoice',
      }
    : {
        company: '华东服务公司',
        agent: '王芳',
        'caller.name': '李娜',
        'caller.phone': '138 0013 8000',
        'caller.region': '杭州',
        subject: '十月份发票',
        wants: '改开电子发票',
      };

function ScriptEditor() {
  const { t, i18n } = useTranslation('script');
  const reportError = useReportError();
  const [language, setLanguage] = useState<ScriptLanguage>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [current, setCurrent] = useState<ScriptVersion | undefined>();
  const [draft, setDraft] = useState<ScriptContent | undefined>();
  const [versions, setVersions] = useState<ScriptVersionSummary[]>([]);
  const [saved, setSaved] = useState('');

  const load = useCallback(async () => {
    try {
      const [c, v] = await Promise.all([api('scripts.current', { language }), api('scripts.versions', { language })]);
      setCurrent(c);
      setDraft(c.content);
      setVersions(v);
    } catch (err) {
      reportError(err);
    }
  }, [language, reportError]);

  useEffect(() => {
    void load();
  }, [load]);

  const problems = useMemo(() => {
    if (!draft) return [];
    const out: string[] = [];
    for (const step of draft.steps) {
      const all = [...step.lines, ...step.lateLines, ...Object.values(step.branches).flat()];
      for (const line of all) for (const name of unknownPlaceholders(line)) out.push(t('editor.unknown', { step: step.title, name: `{${name}}` }));
      if (!step.title.trim()) out.push(t('editor.noTitle'));
      if (!step.checklist.some((c) => c.label.trim())) out.push(t('editor.noChecklist', { step: step.title }));
    }
    return out;
  }, [draft, t]);

  if (!draft || !current) return null;

  const setStep = (index: number, change: Partial<ScriptStep>) => {
    setSaved('');
    setDraft((d) => d && { steps: d.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  };

  const save = async () => {
    try {
      const next = await api('scripts.save', { language, basedOn: current.id, content: cleanContent(draft) });
      setSaved(t('editor.saved', { version: next.version }));
      await load();
    } catch (err) {
      reportError(err);
    }
  };

  const values = previewValues(language);
  return (
    <div className="scripts-screen">
      <section className="scripts-edit" aria-labelledby="scripts-heading">
        <div className="section-head">
          <h2 id="scripts-heading">{t('editor.heading')}</h2>
          <label className="field scripts-language">
            <span>{t('editor.language')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value as ScriptLanguage)}>
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <span className="scripts-based">{t('editor.editing', { version: current.version })}</span>
        </div>
        <p className="scripts-help">{t('editor.help', { names: placeholderNames.map((n) => `{${n}}`).join(' ') })}</p>
        {draft.steps.map((step, index) => (
          <fieldset key={step.key} className="scripts-step">
            <legend>
              {index + 1}. {step.title || step.key}
            </legend>
            <label className="field">
              <span>{t('editor.title')}</span>
              <input value={step.title} onChange={(e) => setStep(index, { title: e.target.value })} />
            </label>
            {step.key === 'greeting' && (
              <label className="field">
                <span>{t('editor.lateLines')}</span>
                <textarea rows={2} value={toText(step.lateLines)} onChange={(e) => setStep(index, { lateLines: toLines(e.target.value) })} />
              </label>
            )}
            <label className="field">
              <span>{t('editor.lines')}</span>
              <textarea rows={3} value={toText(step.lines)} onChange={(e) => setStep(index, { lines: toLines(e.target.value) })} />
            </label>
            {step.key === 'handle' &&
              callCategories.map((c) => (
                <label key={c} className="field">
                  <span>{t('editor.branch', { category: t(`category.${c}`) })}</span>
                  <textarea
                    rows={2}
                    value={toText(step.branches[c] ?? [])}
                    onChange={(e) => setStep(index, { branches: { ...step.branches, [c]: toLines(e.target.value) } })}
                  />
                </label>
              ))}
            <label className="field">
              <span>{t('editor.hints')}</span>
              <textarea rows={2} value={toText(step.hints)} onChange={(e) => setStep(index, { hints: toLines(e.target.value) })} />
            </label>
            <label className="field">
              <span>{t('editor.checklist')}</span>
              <textarea
                rows={2}
                value={toText(step.checklist.map((c) => c.label))}
                onChange={(e) =>
                  setStep(index, {
                    // a label keeps its key by position, so ticks on old calls still mean the same item
                    checklist: toLines(e.target.value).map((label, i) => ({ key: step.checklist[i]?.key ?? `${step.key}-${i + 1}`, label })),
                  })
                }
              />
            </label>
          </fieldset>
        ))}
        {problems.length > 0 && (
          <div role="alert" className="scripts-problems">
            <ul aria-label={t('editor.problems')}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="primary" disabled={problems.length > 0} onClick={() => void save()}>
            {t('editor.save')}
          </button>
          <button type="button" onClick={() => setDraft(current.content)}>
            {t('editor.reset')}
          </button>
          <span role="status" className="save-status">
            {saved}
          </span>
        </div>
      </section>
      <div className="scripts-side">
        <section className="scripts-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('editor.preview')}</h2>
          <p className="scripts-help">{t('editor.previewNote')}</p>
          {draft.steps.map((step, index) => (
            <div key={step.key} className="scripts-preview-step">
              <h3>
                {index + 1}. {step.title}
              </h3>
              {step.lateLines.map((line, i) => (
                <ScriptLine key={`late-${i}`} line={line} values={values} className="script-line script-late-preview" />
              ))}
              {step.lines.map((line, i) => (
                <ScriptLine key={i} line={line} values={values} />
              ))}
              {Object.entries(step.branches).map(([c, lines]) =>
                (lines ?? []).map((line, i) => (
                  <div key={`${c}-${i}`}>
                    <span className="script-tag">{t(`category.${c}`)}</span>
                    <ScriptLine line={line} values={values} />
                  </div>
                )),
              )}
              <ul className="scripts-checks">
                {step.checklist.map((c) => (
                  <li key={c.key}>☐ {c.label}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section className="scripts-versions" aria-labelledby="versions-heading">
          <h2 id="versions-heading">{t('editor.versions')}</h2>
          <ul>
            {versions.map((v) => (
              <li key={v.id}>
                {t('editor.versionLine', {
                  version: v.version,
                  when: formatDateTime(v.createdAt, i18n.language),
                  by: v.createdBy || t('editor.shipped'),
                  count: v.calls,
                })}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
