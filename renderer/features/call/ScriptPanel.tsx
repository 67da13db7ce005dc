import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceholderValues } from '../../../shared/domain/script';
import type { CallCategory, ScriptContent } from '../../../shared/schemas/script';
import { callCategories } from '../../../shared/schemas/script';
import { ScriptLine } from '../../components/ScriptLine';

interface Props {
  script: ScriptContent;
  version: number | null;
  values: PlaceholderValues;
  late: boolean;
  category: string;
  checklist: Record<string, string>;
  current: number;
  readOnly: boolean;
  onStep: (index: number) => void;
  onCheck: (key: string, checked: boolean) => void;
}

const isCategory = (c: string): c is CallCategory => (callCategories as readonly string[]).includes(c);

/** The script beside the notes form: Greeting → Identify → Read back → Handle → Closing. */
export const ScriptPanel = memo(function ScriptPanel({ script, version, values, late, category, checklist, current, readOnly, onStep, onCheck }: Props) {
  const { t } = useTranslation('script');
  return (
    <section className="script-panel" aria-labelledby="script-heading">
      <h2 id="script-heading">
        {t('panel.heading')} {version !== null && <span className="script-version">{t('panel.version', { version })}</span>}
      </h2>
      <ol className="script-steps">
        {script.steps.map((step, index) => {
          const isCurrent = index === current;
          const done = step.checklist.every((c) => checklist[c.key]);
          const branch = step.key === 'handle' && isCategory(category) ? (step.branches[category] ?? []) : [];
          return (
            <li key={step.key} className={isCurrent ? 'script-step current' : 'script-step'} aria-current={isCurrent ? 'step' : undefined}>
              <h3>
                <button type="button" className="script-step-title" aria-expanded={isCurrent} onClick={() => onStep(index)}>
                  <span className="script-step-number">{index + 1}</span> {step.title}
                  {done && <span className="script-done"> ✓ {t('panel.done')}</span>}
                </button>
              </h3>
              {isCurrent && (
                <div className="script-step-body">
                  {step.key === 'greeting' && late && step.lateLines.length > 0 && (
                    <div className="script-apology" role="note" aria-label={t('panel.lateNote')}>
                      <span className="script-tag">{t('panel.lateTag')}</span>
                      {step.lateLines.map((line, i) => (
                        <ScriptLine key={i} line={line} values={values} />
                      ))}
                    </div>
                  )}
                  {step.lines.map((line, i) => (
                    <ScriptLine key={i} line={line} values={values} />
                  ))}
                  {step.key === 'handle' && (
                    <div className="script-branch">
                      {isCategory(category) ? (
                        <>
                          <span className="script-tag">{t('panel.branch', { category: t(`category.${category}`) })}</span>
                          {branch.map((line, i) => (
                            <ScriptLine key={i} line={line} values={values} />
                          ))}
                        </>
                      ) : (
                        <p className="script-hint">{t('panel.chooseCategory')}</p>
                      )}
                    </div>
                  )}
                  {step.hints.length > 0 && (
                    <ul className="script-hints" aria-label={t('panel.hints')}>
                      {step.hints.map((h, i) => (
                        <li key={i}>{h}</li>
                      ))}
                    </ul>
                  )}
                  <fieldset className="script-checklist">
                    <legend>{t('panel.checklist')}</legend>
                    {step.checklist.map((item) => (
                      <label key={item.key} className="check">
                        <input
                          type="checkbox"
                          checked={Boolean(checklist[item.key])}
                          disabled={readOnly}
                          onChange={(e) => onCheck(item.key, e.target.checked)}
                        />
                        <span>{item.label}</span>
                      </label>
                    ))}
                  </fieldset>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <p className="script-keys">{t('panel.keys')}</p>
    </section>
  );
});
