import type { TFunction } from 'i18next';
import { ApiError } from './api';

/** A failure as the agent should read it: translated from its code, never a raw stack or English-only text. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.rule) return t(`errors:rule.${err.rule}`, { defaultValue: t(`errors:code.${err.code}`) });
    return t(`errors:code.${err.code}`, { defaultValue: t('errors:code.internal') });
  }
  return t('errors:code.internal');
}
