import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';

const curriculum = areaPages(() => import('./pages.js'));

export const CURRICULUM_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'curriculum', element: curriculum('CurriculaPage') },
  { path: 'curriculum/import-plx', element: curriculum('PlxImportPage') },
  { path: 'curriculum/:id', element: curriculum('CurriculumPage') },
  { path: 'load', element: curriculum('LoadPage') },
  { path: 'plans', element: curriculum('PlansPage') },
  { path: 'plans/:id', element: curriculum('PlanPage') },
];

// Curricula are a place of work for those who write them and for those who see the load they feed
// beyond their own groups and lessons (the college's or a commission's).
const seesCurricula = (me: Me) =>
  can(me, 'curriculum:write') || (['org', 'commission'] as const).some((s) => me.abilities['load:read']?.includes(s));

export const CURRICULUM_NAV = [
  { to: '/plans', label: 'КТП', visible: (me: Me) => can(me, 'plans:read') },
  { to: '/load', label: 'Нагрузка', visible: (me: Me) => can(me, 'load:read') },
  { to: '/curriculum', label: 'Учебные планы', visible: seesCurricula },
];

export const CURRICULUM_HOME_PANELS = [
  {
    key: 'curriculum-plans',
    visible: (me: Me) => can(me, 'plans:approve') || !!me.abilities['plans:write']?.includes('assignment'),
    element: curriculum('PlansHomePanel'),
  },
  { key: 'curriculum-fulfilment', visible: (me: Me) => can(me, 'load:write'), element: curriculum('FulfilmentHomePanel') },
];
