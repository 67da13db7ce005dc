import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { errorText } from './errors';
import { useReportError } from './report-error';

/**
 * Shows a refusal of the service policy (or a field the service rejected) next to the form that
 * caused it, translated; anything else goes to the app's error banner. What was typed stays.
 */
export function useProblem() {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [problem, setProblem] = useState('');
  const fail = (err: unknown) => {
    if (err instanceof ApiError && (err.code === 'rule' || err.code === 'validation' || err.code === 'conflict')) setProblem(errorText(t, err));
    else reportError(err);
  };
  const shown = problem ? (
    <p className="field-error form-problem" role="alert">
      {problem}
    </p>
  ) : null;
  return { fail, shown, clear: () => setProblem('') };
}
