import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// What guardians and students are told and their reports for a period (issue 14 items 6, 7).
const pages = areaPages(() => import('./guardian-pages.js'));

export const GUARDIAN_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'notify/settings', element: pages('GuardianSettingsPage') },
  { path: 'notify/alerts', element: pages('GuardianCuratorPage') },
];
export const GUARDIAN_NAV = [
  { to: '/notify/settings', label: 'Уведомления', visible: (me: Me) => can(me, 'notify:prefs') },
  { to: '/notify/alerts', label: 'Родители и оповещения', visible: (me: Me) => can(me, 'notify:alerts') },
];
// The curator's and the specialist's home: new absence alerts (issue 14 item 8).
export const GUARDIAN_HOME_PANELS = [
  { key: 'absence-alerts', visible: (me: Me) => can(me, 'notify:alerts'), element: pages('AbsenceAlertsHomePanel') },
];
