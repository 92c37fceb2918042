import type { Me } from '../../src/contracts/auth.js';
import { can } from './auth.js';
import { ACTIVITY_NAV, CONTROL_NAV, PERFORMANCE_NAV } from './pages/control/index.js';
import { CURRICULUM_NAV } from './pages/curriculum/index.js';
import { JOURNAL_NAV } from './pages/journal/index.js';

/** The top menu: each area adds its entries, shown to those who may use them. */
export interface NavItem {
  to: string;
  label: string;
  visible(me: Me): boolean;
}

const staff = (me: Me) => me.roles.some((r) => r.role !== 'student' && r.role !== 'guardian');
const orgWide = (me: Me, p: keyof Me['abilities']) => !!me.abilities[p]?.includes('org');

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
  { to: '/groups', label: 'Группы', visible: (me) => !!me.abilities['structure:read'] && staff(me) },
  { to: '/students', label: 'Обучающиеся', visible: (me) => !!me.abilities['people:read'] && staff(me) },
  { to: '/staff', label: 'Сотрудники', visible: (me) => orgWide(me, 'people:read') },
  { to: '/structure', label: 'Структура', visible: (me) => orgWide(me, 'people:read') },
  { to: '/start-of-year', label: 'Начало года', visible: (me) => !!me.abilities['people:import'] },
  { to: '/usage', label: 'Вход в журнал', visible: (me) => !!me.abilities['usage:read'] },
  ...ACTIVITY_NAV,
];
