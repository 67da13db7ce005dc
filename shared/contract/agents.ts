import { method } from './define';
import { empty } from '../schemas/common';
import { agentAddInput, type Agent } from '../schemas/agent';

export const agentsContract = {
  'agents.list': method<Agent[]>()(empty),
  'agents.add': method<Agent>()(agentAddInput),
};
