import type { ReactElement } from 'react';
import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { areaPages } from '../../lazy.js';
import { reaches } from '../../scope.js';

// The control area: the daily fill control and remarks on keeping the journal, performance
// reports and user activity; each is a chunk of its own (decision 019).
const fill = areaPages(() => import('./fill-pages.js'));
const remarks = areaPages(() => import('./remarks-pages.js'));
const performance = areaPages(() => import('./performance-pages.js'));
const activity = areaPages(() => import('./activity-page.js'));
const weekly = areaPages(() => import('./weekly-pages.js'));
const termCheck = areaPages(() => import('./term-check-pages.js'));
const home = areaPages(() => import('./home-pages.js'));
const plan = areaPages(() => import('./plan-pages.js'));

export const CONTROL_ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'control/fill', element: fill('FillPage') },
  { path: 'control/remarks', element: remarks('RemarksPage') },
  { path: 'control/weekly', element: weekly('WeeklyPage') },
  { path: 'control/weekly/:id', element: weekly('WeeklyCheckPage') },
  { path: 'performance', element: performance('PerformancePage') },
  { path: 'performance/groups/:id', element: performance('GroupSheetPage') },
  { path: 'activity', element: activity('ActivityPage') },
  { path: 'control/term-checks', element: termCheck('TermChecksPage') },
  { path: 'control/term-checks/mine', element: termCheck('MyTermChecksPage') },
  { path: 'control/term-checks/:id', element: termCheck('TermCheckPage') },
  { path: 'control/plan', element: plan('PlanPage') },
];

export const CONTROL_NAV = [
  { to: '/control/fill', label: 'Контроль заполнения', visible: (me: Me) => can(me, 'control:fill:read') },
  { to: '/control/remarks', label: 'Замечания', visible: (me: Me) => can(me, 'remark:read') },
  { to: '/control/weekly', label: 'Еженедельный контроль', visible: (me: Me) => can(me, 'control:reports:read') },
  { to: '/control/term-checks', label: 'Итоги семестра', visible: (me: Me) => can(me, 'control:reports:read') },
  { to: '/control/term-checks/mine', label: 'Итоги проверки', visible: (me: Me) => can(me, 'term-check:ack') },
  { to: '/control/plan', label: 'План ВКК', visible: (me: Me) => can(me, 'control:plan:read') },
];
export const PERFORMANCE_NAV = [{ to: '/performance', label: 'Успеваемость', visible: (me: Me) => can(me, 'performance:read') }];
export const ACTIVITY_NAV = [{ to: '/activity', label: 'Активность', visible: (me: Me) => can(me, 'activity:read') }];

const readsCollegeControl = (me: Me) =>
  reaches(me, 'control:fill:read', 'org') && reaches(me, 'performance:read', 'org') && !can(me, 'control:reports:make');

export const CONTROL_HOME_PANELS = [
  // Yesterday's fill for those who make the control reports from it.
  {
    key: 'control-fill',
    visible: (me: Me) => can(me, 'control:reports:make') && can(me, 'control:fill:read'),
    element: fill('FillHomePanel'),
  },
  { key: 'control-fill-mine', visible: (me: Me) => can(me, 'journal:write'), element: fill('MyUnrecordedPanel') },
  {
    key: 'remarks-mine',
    visible: (me: Me) => !!me.abilities['remark:read']?.includes('assignment'),
    element: remarks('TeacherRemarksPanel'),
  },
  // Remarks past due go to the deputy director (п. 5.4); no permission says so yet.
  { key: 'remarks-escalated', visible: (me: Me) => can(me, 'remark:escalated'), element: remarks('EscalatedRemarksPanel') },
  // The deputy director's weekly check (п. 5.2): the latest one and whether it is signed.
  { key: 'weekly-check', visible: (me: Me) => can(me, 'control:weekly:sign'), element: weekly('WeeklyHomePanel') },
  { key: 'term-checks-mine', visible: (me: Me) => can(me, 'term-check:ack'), element: termCheck('MyTermChecksPanel') },
  // Each role's duty (issue 12 item 7). The college's figures and latest reports are for those who read
  // the whole college's control without making it (the director).
  { key: 'home-college', visible: readsCollegeControl, element: home('CollegeFiguresPanel') },
  { key: 'home-reports', visible: readsCollegeControl, element: home('LatestReportsPanel') },
  { key: 'home-corrections', visible: (me: Me) => can(me, 'correction:approve'), element: home('CorrectionsHomePanel') },
  { key: 'home-behind', visible: (me: Me) => reaches(me, 'control:fill:read', 'commission'), element: home('BehindHomePanel') },
  {
    key: 'home-absences',
    visible: (me: Me) => reaches(me, 'journal:read', 'group', 'direction'),
    element: home('AbsencesHomePanel'),
  },
  { key: 'home-debtors', visible: (me: Me) => reaches(me, 'performance:read', 'group'), element: home('DebtorsHomePanel') },
  // The plan of intra-college control (п. 2.12): overdue checks for whoever keeps the plan.
  { key: 'control-plan', visible: (me: Me) => can(me, 'control:plan:write'), element: plan('PlanHomePanel') },
];
// The administrator's home; no permission tells the administrator from the others who read activity.
export const ACTIVITY_HOME_PANELS = [
  { key: 'activity', visible: (me: Me) => can(me, 'activity:watch'), element: activity('ActivityHomePanel') },
];
