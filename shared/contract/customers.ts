import { method } from './define';
import { customerLookupInput, type PeopleLookup } from '../schemas/customer';

export const customersContract = {
  /** O4: people by name or phone number, each with their calls, complaints and callbacks counted */
  'customers.lookup': method<PeopleLookup>()(customerLookupInput),
};
