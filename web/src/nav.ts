import type { Me } from '../../src/contracts/auth.js';
import { can, hasRole } from './auth.js';
import { JOURNAL_NAV } from './pages/journal/index.js';

/** The top menu: each area adds its entries, shown to those who may use them. */
export interface NavItem {
  to: string;
  label: string;
  visible(me: Me): boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Главная', visible: () => true },
  ...JOURNAL_NAV,
  { to: '/family', label: 'Дневник', visible: (me) => can(me, 'family:read') },
  { to: '/attestation', label: 'Ведомости', visible: (me) => can(me, 'attestation:read') },
  { to: '/plans', label: 'КТП', visible: (me) => can(me, 'plans:read') },
  { to: '/load', label: 'Нагрузка', visible: (me) => can(me, 'load:read') },
  { to: '/curriculum', label: 'Учебные планы', visible: (me) => can(me, 'curriculum:write') || hasRole(me, 'admin', 'director', 'deputy', 'chair') },
  { to: '/timetable', label: 'Расписание', visible: (me) => can(me, 'timetable:read') },
  { to: '/timetable/changes', label: 'Замены', visible: (me) => can(me, 'timetable:write') },
];
