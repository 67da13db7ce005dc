import { createContext, useContext } from 'react';
import type { Agent } from '../../shared/schemas/agent';

/** The signed-in agent; screens render only after sign-in, so this is never empty inside them. */
export const AgentContext = createContext<Agent | null>(null);
export function useAgent(): Agent {
  const agent = useContext(AgentContext);
  if (!agent) throw new Error('useAgent outside a signed-in screen');
  return agent;
}
