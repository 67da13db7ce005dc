// The console's screens, in tab order. A feature adds one line here; the shell does the rest
// (tab, Alt+<digit> shortcut, heading).
import type { ComponentType } from 'react';
import { CallScreen } from './features/call/CallScreen';
import { ReportsScreen } from './features/reports/ReportsScreen';
import { AboutScreen } from './features/about/AboutScreen';

export interface Screen {
  id: string;
  /** i18n key of the tab label */
  label: string;
  component: ComponentType;
}

export const screens: Screen[] = [
  { id: 'calls', label: 'nav.calls', component: CallScreen },
  { id: 'reports', label: 'reports:heading', component: ReportsScreen },
  { id: 'about', label: 'about:tab', component: AboutScreen },
];
