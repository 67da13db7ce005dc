// Numbered steps, applied in order. Never edit one that has shipped: add the next number.
// Numbers leave gaps so parallel work can claim a range (0020s calls, 0030s complaints, …).
import { sql as initial } from './0010-initial';
import { sql as exportsLog } from './0050-exports-log';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 10, name: 'initial', sql: initial },
  { version: 50, name: 'exports-log', sql: exportsLog },
];
