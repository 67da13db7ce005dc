import type { privacyContract } from '../../../shared/contract/privacy';
import type { DomainHandlers, ServiceContext } from '../context';
import { requireLead } from '../lead/access';

import { findCustomer } from './erase';
import { eraseCustomerInTeam } from '../sync/erasure';
import { erasuresOfPhone, listErasures, phoneProofAsync } from './records';
import { normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';

// ─── handlers ──────────────────────────────────────────────────────────────────────────────
// All four are team-lead actions: they show or destroy a customer's personal data.
export function privacyHandlers(ctx: ServiceContext): DomainHandlers<typeof privacyContract> {
  const { db, clock } = ctx;
  return {
    'privacy.findCustomer': (input) => {
      requireLead(ctx);
      return findCustomer(db, input.phone);
    },
    'privacy.eraseCustomer': async (input) => {
      const lead = requireLead(ctx);
      const phoneNorm = normalisePhone(input.phone, phoneRegion(db));
      const proof = { phoneNorm, proof: await phoneProofAsync(phoneNorm) };
      // in team mode this also prepares the erasure of the team's copies (sync/erasure.ts)
      const record = eraseCustomerInTeam(db, clock, input, lead ?? ctx.session.agent, {
        dbFile: ctx.info.dbPath,
        proof,
        ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
        ...(ctx.scrubs ? { scrubs: ctx.scrubs } : {}),
      });
      // counts only, never the number or the reason
      ctx.runtime?.logger.info('privacy.erased', { rows: Object.values(record.counts).reduce((a, b) => a + b, 0), filesPending: record.files.pending });
      return record;
    },
    'privacy.checkErased': (input) => {
      requireLead(ctx);
      return erasuresOfPhone(db, input.phone, ctx.scrubs?.cleaningNow() ?? null);
    },
    'privacy.overview': () => {
      requireLead(ctx);
      return {
        retentionMonths: ctx.retentionMonths && ctx.retentionMonths > 0 ? ctx.retentionMonths : null,
        erasures: listErasures(db, 200, ctx.scrubs?.cleaningNow() ?? null),
      };
    },
  };
}
