import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  heading: string;
  /** "12 of 340" once the total is known */
  count: string | undefined;
  columns: string[];
  onBack: () => void;
  /** shown when more rows exist than are loaded */
  onMore: (() => void) | undefined;
  children: ReactNode;
}

/** The rows behind a dashboard figure: heading, back, count, a scrollable table and "more". */
export function RowsFrame({ id, heading, count, columns, onBack, onMore, children }: Props) {
  const { t } = useTranslation('reports');
  return (
    <section className="reports-rows" aria-labelledby={id}>
      <div className="section-head">
        <button type="button" onClick={onBack}>
          ← {t('rows.back')}
        </button>
        <h2 id={id}>{heading}</h2>
        {count !== undefined && <span className="reports-muted">{count}</span>}
      </div>
      <div className="reports-table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
        <table className="reports-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      {onMore && (
        <button type="button" onClick={onMore}>
          {t('rows.more')}
        </button>
      )}
    </section>
  );
}
