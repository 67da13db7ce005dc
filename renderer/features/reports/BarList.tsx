import { useTranslation } from 'react-i18next';

export interface BarItem {
  key: string;
  label: string;
  count: number;
}

/** A horizontal bar chart whose bars are buttons: each figure opens the rows behind it. */
export function BarList({
  title,
  items,
  onPick,
  describe,
}: {
  title: string;
  items: BarItem[];
  onPick: (item: BarItem) => void;
  describe?: (item: BarItem) => string;
}) {
  const { t } = useTranslation('reports');
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul className="reports-bars" aria-label={title}>
      {items.map((item) => (
        <li key={item.key}>
          <button type="button" onClick={() => onPick(item)}>
            <span className="visually-hidden">{describe ? describe(item) : t('chartBar', { label: item.label, count: item.count })}</span>
            <span className="reports-bar-label" aria-hidden="true">
              {item.label}
            </span>
            <span className="reports-bar-track" aria-hidden="true">
              <span className="reports-bar-fill" style={{ width: `${(item.count / max) * 100}%` }} />
            </span>
            <span className="reports-bar-count" aria-hidden="true">
              {item.count}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Calls per day as columns; each column is a button. */
export function DayColumns({ title, items, onPick }: { title: string; items: BarItem[]; onPick: (item: BarItem) => void }) {
  const { t } = useTranslation('reports');
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul className="reports-days" aria-label={title}>
      {items.map((item) => (
        <li key={item.key}>
          <button type="button" onClick={() => onPick(item)} title={t('chartBar', { label: item.label, count: item.count })}>
            <span className="visually-hidden">{t('chartBar', { label: item.label, count: item.count })}</span>
            <span className="reports-day-count" aria-hidden="true">
              {item.count}
            </span>
            <span className="reports-day-col" aria-hidden="true">
              <span className="reports-day-fill" style={{ height: `${(item.count / max) * 100}%` }} />
            </span>
            <span className="reports-day-label" aria-hidden="true">
              {item.label.slice(8)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
