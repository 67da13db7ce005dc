import type { DomainHandlers, ServiceContext } from '../context';
import type { scriptsContract } from '../../../shared/contract/scripts';
import { requireLead } from '../lead/access';

import { currentScript, getScript, listScriptVersions, saveScript } from './store';

export function scriptsHandlers(ctx: ServiceContext): DomainHandlers<typeof scriptsContract> {
  const { db, clock } = ctx;
  return {
    'scripts.current': (input) => currentScript(db, input.language),
    'scripts.get': (input) => getScript(db, input.id),
    'scripts.versions': (input) => listScriptVersions(db, input.language),
    'scripts.save': (input) => {
      requireLead(ctx);
      return saveScript(db, clock, input, ctx.session.agent?.name ?? '');
    },
  };
}
