import type { DomainHandlers, ServiceContext } from '../context';
import type { settingsContract } from '../../../shared/contract/settings';
import { requireAgent } from '../agents/store';
import { requireLead } from '../lead/access';
import { managedConfigDefaults } from '../../../shared/schemas/managed-config';
import { usePhoneRegionConfig } from './phone-region';
import { ensureNormalisedRegion } from '../customers/merges';

import { agentLanguageKey, getSettings, refuseLockedChanges, updateSettings, write } from './store';

export function settingsHandlers(ctx: ServiceContext): DomainHandlers<typeof settingsContract> {
  const { db } = ctx;
  const config = () => ctx.runtime?.managed.config ?? managedConfigDefaults;
  // P9: IT's managed region applies to every number this service reads; a region other than the
  // one the stored keys were computed with (IT changed it) re-keys them now
  usePhoneRegionConfig(db, config());
  ensureNormalisedRegion(db, ctx.clock.now().toISOString());
  return {
    'settings.get': () => getSettings(db, ctx.session.agent?.id ?? null, config()),
    'settings.update': (input) => {
      requireLead(ctx);
      refuseLockedChanges(db, input, config(), ctx.session.agent?.id ?? null);
      db.transaction(() => {
        updateSettings(db, input);
        ensureNormalisedRegion(db, ctx.clock.now().toISOString());
      })();
      return getSettings(db, ctx.session.agent?.id ?? null, config());
    },
    'settings.setMyLanguage': (input) => {
      const agent = requireAgent(ctx);
      refuseLockedChanges(db, { myLanguage: input.language }, config(), agent.id);
      write(db, agentLanguageKey(agent.id), input.language);
      return getSettings(db, agent.id, config());
    },
  };
}
