import { method } from './define';
import {
  dispositionsListInput,
  dispositionsSaveInput,
  settingsGetInput,
  settingsMyLanguageInput,
  settingsUpdateInput,
  type Disposition,
  type Settings,
} from '../schemas/settings';

export const settingsContract = {
  'settings.get': method<Settings>()(settingsGetInput),
  /** team lead */
  'settings.update': method<Settings>()(settingsUpdateInput),
  /** the signed-in agent's own language: no PIN */
  'settings.setMyLanguage': method<Settings>()(settingsMyLanguageInput),
  'dispositions.list': method<Disposition[]>()(dispositionsListInput),
  /** team lead */
  'dispositions.save': method<Disposition[]>()(dispositionsSaveInput),
};
