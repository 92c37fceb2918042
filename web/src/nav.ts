import type { Me } from '../../src/contracts/auth.js';
import { can, hasRole } from './auth.js';
import { FILL_NAV } from './pages/control/fill-index.js';
import { REMARKS_NAV } from './pages/control/remarks-index.js';
import { JOURNAL_NAV } from './pages/journal/index.js';
import { PEOPLE_NAV } from './pages/people/index.js';
import { STRUCTURE_NAV } from './pages/structure/index.js';

/** The top menu: each area adds its entries, shown to those who may use them. */
export interface NavItem {
  to: string;
  label: string;
  visible(me: Me): boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Главная', visible: () => true },
  ...JOURNAL_NAV,
  ...FILL_NAV,
  ...REMARKS_NAV,
  { to: '/family', label: 'Дневник', visible: (me) => can(me, 'family:read') },
  { to: '/attestation', label: 'Ведомости', visible: (me) => can(me, 'attestation:read') },
  { to: '/performance', label: 'Успеваемость', visible: (me) => can(me, 'performance:read') },
  { to: '/plans', label: 'КТП', visible: (me) => can(me, 'plans:read') },
  { to: '/load', label: 'Нагрузка', visible: (me) => can(me, 'load:read') },
  { to: '/curriculum', label: 'Учебные планы', visible: (me) => can(me, 'curriculum:write') || hasRole(me, 'admin', 'director', 'deputy', 'chair') },
  { to: '/timetable', label: 'Расписание', visible: (me) => can(me, 'timetable:read') },
  { to: '/timetable/changes', label: 'Замены', visible: (me) => can(me, 'timetable:write') },
  ...STRUCTURE_NAV,
  ...PEOPLE_NAV,
  { to: '/activity', label: 'Активность', visible: (me) => can(me, 'activity:read') },
];
