// Composes the per-domain handler factories into the one service both transports dispatch to.
// Each domain lives in electron/core/<prefix>/handlers.ts and exports <prefix>Handlers, serving the
// methods `<prefix>.*` of shared/contract/<prefix>.ts (contract-wide.test.ts holds that rule).
import type { Handlers, ServiceContext } from './context';
import { aboutHandlers } from './about/handlers';
import { appHandlers } from './app/handlers';
import { agentsHandlers } from './agents/handlers';
import { callbacksHandlers } from './callbacks/handlers';
import { callsHandlers } from './calls/handlers';
import { complaintsHandlers } from './complaints/handlers';
import { customersHandlers } from './customers/handlers';
import { dispositionsHandlers } from './dispositions/handlers';
import { exportsHandlers } from './exports/handlers';
import { leadHandlers } from './lead/handlers';
import { privacyHandlers } from './privacy/handlers';
import { reportsHandlers } from './reports/handlers';
import { scriptsHandlers } from './scripts/handlers';
import { searchHandlers } from './search/handlers';
import { sessionHandlers } from './session/handlers';
import { settingsHandlers } from './settings/handlers';
import { requireSignInForPersonalData } from './privacy/access';
import { phoneHandlers } from './phone/handlers';
import { syncHandlers } from './sync/handlers';

/** Joins the per-domain handler maps, refusing a method registered twice. */
export function compose(...parts: Partial<Handlers>[]): Handlers {
  const all: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (name in all) throw new Error(`method ${name} is registered twice`);
      all[name] = handler;
    }
  }
  return all as Handlers;
}

export function createService(ctx: ServiceContext): Handlers {
  // personal data is read and written by a signed-in agent only (privacy/access.ts)
  return requireSignInForPersonalData(
    ctx,
    compose(
      appHandlers(ctx),
      aboutHandlers(ctx),
      agentsHandlers(ctx),
      callbacksHandlers(ctx),
      callsHandlers(ctx),
      complaintsHandlers(ctx),
      customersHandlers(ctx),
      dispositionsHandlers(ctx),
      exportsHandlers(ctx),
      leadHandlers(ctx),
      privacyHandlers(ctx),
      reportsHandlers(ctx),
      scriptsHandlers(ctx),
      searchHandlers(ctx),
      sessionHandlers(ctx),
      settingsHandlers(ctx),
      phoneHandlers(ctx),
      syncHandlers(ctx),
    ),
  );
}
