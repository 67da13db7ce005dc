import { method } from './define';
import { dispositionsListInput, dispositionsSaveInput, type Disposition } from '../schemas/settings';

/** the outcomes an agent picks at wrap-up; retired ones stay on old calls */
export const dispositionsContract = {
  'dispositions.list': method<Disposition[]>()(dispositionsListInput),
  /** team lead */
  'dispositions.save': method<Disposition[]>()(dispositionsSaveInput),
};
