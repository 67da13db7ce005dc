// The console's screens, in tab order. A feature adds one line here; the shell does the rest
// (tab, Alt+<digit> shortcut, heading).
import type { ComponentType } from 'react';
import { CallScreen } from './features/call/CallScreen';
import { PrivacyScreen } from './features/privacy/PrivacyScreen';
import { ReportsScreen } from './features/reports/ReportsScreen';
import { AboutScreen } from './features/about/AboutScreen';
import { ComplaintsScreen } from './features/complaints/ComplaintsScreen';
import { CallbacksScreen } from './features/callbacks/CallbacksScreen';
import { ScriptsScreen } from './features/scripts/ScriptsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';

export interface Screen {
  id: string;
  /** i18n key of the tab label */
  label: string;
  component: ComponentType;
}

export const screens: Screen[] = [
  { id: 'calls', label: 'nav.calls', component: CallScreen },
  { id: 'complaints', label: 'complaints:nav', component: ComplaintsScreen },
  { id: 'callbacks', label: 'callbacks:nav', component: CallbacksScreen },
  { id: 'reports', label: 'reports:heading', component: ReportsScreen },
  { id: 'scripts', label: 'script:nav', component: ScriptsScreen },
  { id: 'settings', label: 'settings:nav', component: SettingsScreen },
  { id: 'privacy', label: 'privacy:tab', component: PrivacyScreen },
  { id: 'about', label: 'about:tab', component: AboutScreen },
];
