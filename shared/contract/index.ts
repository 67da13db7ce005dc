// The one list of what the renderer may ask of the service. Both transports (Electron IPC and
// browser mode) are generated from it, so a method cannot exist in one transport only.
import type { z } from 'zod';
import { agentsContract } from './agents';
import { sessionContract } from './session';
import { leadContract } from './lead';
import { dispositionsContract } from './dispositions';
import { appContract } from './app';
import { callsContract } from './calls';
import { privacyContract } from './privacy';
import { exportsContract } from './exports';
import { reportsContract } from './reports';
import { aboutContract } from './about';
import { complaintsContract } from './complaints';
import { callbacksContract } from './callbacks';
import { searchContract } from './search';
import { customersContract } from './customers';
import { scriptsContract } from './scripts';
import { settingsContract } from './settings';
import { phoneContract } from './phone';
import { syncContract } from './sync';

export const contract = {
  ...appContract,
  ...agentsContract,
  ...sessionContract,
  ...leadContract,
  ...callsContract,
  ...privacyContract,
  ...exportsContract,
  ...reportsContract,
  ...aboutContract,
  ...complaintsContract,
  ...callbacksContract,
  ...searchContract,
  ...customersContract,
  ...scriptsContract,
  ...settingsContract,
  ...dispositionsContract,
  ...phoneContract,
  ...syncContract,
};

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.output<Contract[M]['input']>;
/** what the caller passes (before defaults are applied) */
export type RawInput<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = ReturnType<NonNullable<Contract[M]['output']>>;

export const methodNames = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
