// The phone domain's part of the service: one runtime per service context, and its handlers.
import type { DomainHandlers, ServiceContext } from '../context';
import type { phoneContract, PhoneSettingsView } from '../../../shared/contract/phone';
import { requireLead } from '../lead/access';
import { managedConfigDefaults } from '../../../shared/schemas/managed-config';
import { PhoneRuntime } from './runtime';
import { listMissed } from './store';
import { phoneToken, updatePhoneSettings } from './settings';

const runtimes = new WeakMap<ServiceContext, PhoneRuntime>();

/** The phone runtime of this service (made on first use; startCore stops it on close). */
export function phoneOf(ctx: ServiceContext): PhoneRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) runtimes.set(ctx, (runtime = new PhoneRuntime(ctx)));
  return runtime;
}

function isLead(ctx: ServiceContext): boolean {
  return ctx.session.leadUntil > ctx.clock.now().getTime();
}

function settingsView(ctx: ServiceContext): PhoneSettingsView {
  const settings = phoneOf(ctx).settings();
  const endpoint = ctx.phoneEndpoint;
  return {
    ...settings,
    endpoint:
      endpoint && isLead(ctx)
        ? {
            url: `http://127.0.0.1:${endpoint.port}/phone/cti`,
            zammadUrl: `http://127.0.0.1:${endpoint.port}/api/v1/cti/${phoneToken(ctx.db)}`,
          }
        : null,
  };
}

export function phoneHandlers(ctx: ServiceContext): DomainHandlers<typeof phoneContract> {
  const runtime = phoneOf(ctx);
  return {
    'phone.state': async (input) => {
      if (input.after !== undefined) await runtime.intake.waitForChange(input.after, input.waitMs);
      return runtime.state();
    },
    'phone.answer': (input) => runtime.answer(input.language, input.callId),
    'phone.missed': (input) => listMissed(ctx.db, input.includeDone, input.limit),
    'phone.callBack': (input) => runtime.callBack(input.id, input.language),
    'phone.settings': () => settingsView(ctx),
    'phone.configure': (input) => {
      requireLead(ctx);
      updatePhoneSettings(ctx.db, input, ctx.runtime?.managed.config ?? managedConfigDefaults);
      runtime.applySettings();
      return settingsView(ctx);
    },
  };
}
