import { method } from './define';
import { scriptCurrentInput, scriptGetInput, scriptSaveInput, scriptVersionsInput, type ScriptVersion, type ScriptVersionSummary } from '../schemas/script';

export const scriptsContract = {
  /** the newest version of a language's script */
  'scripts.current': method<ScriptVersion>()(scriptCurrentInput),
  'scripts.get': method<ScriptVersion>()(scriptGetInput),
  'scripts.versions': method<ScriptVersionSummary[]>()(scriptVersionsInput),
  /** team lead: an edit is saved as the next version */
  'scripts.save': method<ScriptVersion>()(scriptSaveInput),
};
