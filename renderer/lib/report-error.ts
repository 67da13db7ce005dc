import { createContext, useContext } from 'react';

/** Any screen reports a failure here; the app shell shows it as one translated banner. */
export const ReportErrorContext = createContext<(err: unknown) => void>(() => undefined);
export const useReportError = () => useContext(ReportErrorContext);
