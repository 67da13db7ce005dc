import { method } from './define';
import { empty } from '../schemas/common';

export interface AppInfo {
  version: string;
  dbPath: string;
  transport: 'electron' | 'browser';
}

export const appContract = {
  'app.info': method<AppInfo>()(empty),
};
