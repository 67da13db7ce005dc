import { method } from './define';
import { customerLookupInput, customerMergesInput, customerUnmergeInput, type CardMerge, type PeopleLookup } from '../schemas/customer';

export const customersContract = {
  /** O4: people by name or phone number, each with their calls, complaints and callbacks counted */
  'customers.lookup': method<PeopleLookup>()(customerLookupInput),
  /** team lead: cards merged because they hold one number (newest first) */
  'customers.merges': method<CardMerge[]>()(customerMergesInput),
  /** team lead: undo one merge; the merged card and its records come back apart */
  'customers.unmerge': method<CardMerge>()(customerUnmergeInput),
};
