import type { DomainHandlers, ServiceContext } from '../context';
import type { leadContract } from '../../../shared/contract/lead';
import { AppError } from '../../../shared/errors';
import { checkPin, hashPin, LEAD_UNLOCK_MS, savePinHash, storedPinHash } from './lead-pin';
import { effectivePinHash, leadState, managedPinHash, requireLead } from './access';

export function leadHandlers(ctx: ServiceContext): DomainHandlers<typeof leadContract> {
  const { db, clock, session } = ctx;
  return {
    'lead.state': () => leadState(ctx),
    'lead.unlock': (input) => {
      checkPin(db, clock, session.leadLock, input.pin, effectivePinHash(ctx));
      session.leadUntil = clock.now().getTime() + LEAD_UNLOCK_MS;
      session.leadAgent = session.agent;
      return leadState(ctx);
    },
    'lead.lock': () => {
      session.leadUntil = 0;
      session.leadAgent = null;
      return leadState(ctx);
    },
    'lead.setPin': (input) => {
      if (managedPinHash(ctx) !== undefined) {
        throw new AppError('rule', 'The team-lead PIN is set by IT for this workstation', { rule: 'lead_pin_managed' });
      }
      if (storedPinHash(db) !== undefined) requireLead(ctx);
      savePinHash(db, hashPin(input.pin));
      session.leadUntil = clock.now().getTime() + LEAD_UNLOCK_MS;
      session.leadAgent = session.agent;
      return leadState(ctx);
    },
  };
}
