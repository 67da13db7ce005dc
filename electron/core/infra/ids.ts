import { v7 } from 'uuid';

/** Time-ordered and globally unique, so records from many workstations can be merged later. */
export const newId = (): string => v7();
