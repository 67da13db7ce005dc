import { useTranslation } from 'react-i18next';

/**
 * Team mode: who took a row and at which workstation, compactly ("Li Na · desk_07"). Rows of a
 * workstation without team mode carry no desk and show the name alone.
 */
export function WhoWhere({ name, desk }: { name: string; desk?: string | undefined }) {
  const { t } = useTranslation('common');
  if (!desk) return <>{name}</>;
  return (
    <span className="who-where" title={t('desk.title', { desk })}>
      {t('desk.whoWhere', { name, desk })}
    </span>
  );
}
