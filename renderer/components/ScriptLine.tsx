import { useTranslation } from 'react-i18next';
import { placeholders, renderLine, type PlaceholderValues } from '../../shared/domain/script';

/**
 * One script line with its placeholders filled. P6: a placeholder with nothing typed yet shows as
 * a marked gap that says what to ask the caller for; an empty setting (company name) says it is not set.
 */
export function ScriptLine({ line, values, className = 'script-line' }: { line: string; values: PlaceholderValues; className?: string }) {
  const { t } = useTranslation('script');
  return (
    <p className={className}>
      {renderLine(line, values).map((s, i) =>
        s.kind === 'text' ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === 'value' ? (
          <strong key={i} className="script-value">
            {s.text}
          </strong>
        ) : s.kind === 'gap' ? (
          <mark key={i} className="script-gap">
            {/* a setting nobody has filled in is not something to ask the caller: it says what is missing */}
            {t(placeholders[s.placeholder].source === 'setting' ? 'gapNotSet' : 'gapAsk', { what: t(`gap.${s.placeholder}`) })}
          </mark>
        ) : (
          <mark key={i} className="script-unknown" title={t('unknownPlaceholder')}>
            {s.text}
          </mark>
        ),
      )}
    </p>
  );
}
