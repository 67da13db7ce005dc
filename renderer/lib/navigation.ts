import { createContext, useContext } from 'react';

/**
 * Moving between screens with something to do there, e.g. "log a complaint pre-filled from this
 * call" or "start the outbound call for this callback". The target screen reads the intent once.
 */
export type Intent =
  | { kind: 'complaint.fromCall'; callId: string }
  | { kind: 'complaint.open'; complaintId: string }
  /** focus: the agent starts working on it now (the cursor goes to the first empty field) */
  | { kind: 'call.open'; callId: string; focus?: boolean }
  | { kind: 'call.outbound'; callbackId: string }
  | { kind: 'rows'; query: Record<string, string> }
  | { kind: 'phone.answer' };

export interface Navigation {
  navigate(screenId: string, intent?: Intent): void;
  /** the intent the current screen was opened with, if any */
  intent: Intent | undefined;
  /** the screen calls this once it has acted on the intent */
  consumeIntent(): void;
}

export const NavigationContext = createContext<Navigation>({
  navigate: () => undefined,
  intent: undefined,
  consumeIntent: () => undefined,
});
export const useNavigation = () => useContext(NavigationContext);
