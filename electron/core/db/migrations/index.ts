// Numbered steps, applied in order. Never edit one that has shipped: add the next number.
// Numbers leave gaps so parallel work can claim a range (0020s calls, 0030s complaints, …).
import { sql as initial } from './0010-initial';
import { sql as erasures } from './0070-erasures';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 10, name: 'initial', sql: initial },
  { version: 70, name: 'erasures', sql: erasures },
];
