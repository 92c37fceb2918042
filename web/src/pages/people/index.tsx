import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import type { Scope } from '../../../../src/domain/permissions.js';
import { areaPages } from '../../lazy.js';

const people = areaPages(() => import('./pages.js'));

/** Whether a permission reaches the rows of a scope (me.abilities: permission → scopes). */
const reaches = (me: Me, p: keyof Me['abilities'], scope: Scope) => !!me.abilities[p]?.includes(scope);
/** Lists of people are for staff: a student or a guardian reads only themselves and their children. */
const readsOthers = (me: Me) => !!me.abilities['people:read']?.some((s) => s !== 'self' && s !== 'linked');

export const PEOPLE_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'groups/:id', element: people('GroupPage') },
  { path: 'students', element: people('StudentsPage') },
  { path: 'students/new', element: people('NewStudentPage') },
  { path: 'students/:id', element: people('StudentPage') },
  { path: 'guardians', element: people('GuardiansPage') },
  { path: 'guardians/:id', element: people('GuardianPage') },
  { path: 'staff', element: people('StaffPage') },
  { path: 'start-of-year', element: people('StartOfYearPage') },
  { path: 'usage', element: people('UsagePage') },
  { path: 'usage/:id', element: people('GroupUsagePage') },
  { path: 'contact-changes', element: people('ContactChangesPage') },
  { path: 'view-log', element: people('ViewLogPage') },
];

export const PEOPLE_NAV = [
  { to: '/students', label: 'Обучающиеся', visible: readsOthers },
  { to: '/staff', label: 'Сотрудники', visible: (me: Me) => reaches(me, 'people:read', 'org') },
  { to: '/start-of-year', label: 'Начало года', visible: (me: Me) => !!me.abilities['people:import'] },
  { to: '/usage', label: 'Вход в журнал', visible: (me: Me) => !!me.abilities['usage:read'] },
];

export const PEOPLE_HOME_PANELS = [
  { key: 'curator-group', visible: (me: Me) => reaches(me, 'people:read', 'group'), element: people('CuratorPanel') },
  { key: 'specialist-direction', visible: (me: Me) => reaches(me, 'people:read', 'direction'), element: people('SpecialistPanel') },
  { key: 'admin-people', visible: (me: Me) => !!me.abilities['people:import'], element: people('AdminPeoplePanel') },
];
