import type { DomainHandlers, ServiceContext } from '../context';
import type { appContract } from '../../../shared/contract/app';

export function appHandlers(ctx: ServiceContext): DomainHandlers<typeof appContract> {
  return { 'app.info': () => ctx.info };
}
