import { method } from './define';
import { settingsGetInput, settingsMyLanguageInput, settingsUpdateInput, type Settings } from '../schemas/settings';

export const settingsContract = {
  'settings.get': method<Settings>()(settingsGetInput),
  /** team lead */
  'settings.update': method<Settings>()(settingsUpdateInput),
  /** the signed-in agent's own language: no PIN */
  'settings.setMyLanguage': method<Settings>()(settingsMyLanguageInput),
};
