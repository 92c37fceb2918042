import type { Me } from '../../src/contracts/auth.js';
import { can } from './auth.js';
import { ACTIVITY_NAV, CONTROL_NAV, PERFORMANCE_NAV } from './pages/control/index.js';
import { CURRICULUM_NAV } from './pages/curriculum/index.js';
import { JOURNAL_NAV } from './pages/journal/index.js';
import { PEOPLE_NAV } from './pages/people/index.js';
import { STRUCTURE_NAV } from './pages/structure/index.js';
import { BACKUP_NAV } from './pages/backup/index.js';

/** The top menu: each area adds its entries, shown to those who may use them. */
export interface NavItem {
  to: string;
  label: string;
  visible(me: Me): boolean;
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Главная', visible: () => true },
  ...JOURNAL_NAV,
  ...CONTROL_NAV,
  { to: '/family', label: 'Дневник', visible: (me) => can(me, 'family:read') },
  { to: '/attestation', label: 'Ведомости', visible: (me) => can(me, 'attestation:read') },
  ...PERFORMANCE_NAV,
  ...CURRICULUM_NAV,
  { to: '/timetable', label: 'Расписание', visible: (me) => can(me, 'timetable:read') },
  { to: '/timetable/changes', label: 'Замены', visible: (me) => can(me, 'timetable:write') },
  ...STRUCTURE_NAV,
  ...PEOPLE_NAV,
  ...ACTIVITY_NAV,
  ...BACKUP_NAV,
];
