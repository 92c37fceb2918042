import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

// The region on one installation (decision 038): the regional administrator's colleges and the
// college administrator's settings, the regional reports (decision 041), one lazily loaded chunk.
const region = areaPages(() => import('./pages.js'));

export const REGION_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'region/colleges', element: region('CollegesPage') },
  { path: 'college/settings', element: region('CollegeSettingsPage') },
  { path: 'region/reports', element: region('RegionReportsPage') },
  { path: 'region/reports/colleges/:id', element: region('CollegeFiguresPage') },
];

export const REGION_NAV = [
  { to: '/region/colleges', label: 'Колледжи', visible: (me: Me) => can(me, 'region:colleges') },
  { to: '/college/settings', label: 'Настройки колледжа', visible: (me: Me) => can(me, 'college:settings') },
  { to: '/region/reports', label: 'Отчёты региона', visible: (me: Me) => can(me, 'region:reports') },
];

/** The observer's home: the region's key figures (decision 041). */
export const REGION_HOME_PANELS = [
  { key: 'region-figures', visible: (me: Me) => can(me, 'region:reports'), element: region('RegionFiguresHomePanel') },
];
