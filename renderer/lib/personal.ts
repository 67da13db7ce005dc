import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ERASED } from '../../shared/domain/erasure';

/**
 * Personal data as people read it: erased text is stored as one marker in every language (and
 * phone numbers inside free text are replaced by it), so it is shown in the reader's language.
 */
export function usePersonal(): (value: string | null | undefined) => string {
  const { t } = useTranslation('common');
  const label = t('erased');
  return useCallback((value) => (value ? value.split(ERASED).join(label) : ''), [label]);
}
