import type { Me } from '../../../../src/contracts/auth.js';
import { can, hasRole } from '../../auth.js';
import { areaPages } from '../../lazy.js';

const journal = areaPages(() => import('./pages.js'));

export const JOURNAL_ROUTES = [
  { path: 'journals', element: journal('JournalsPage') },
  { path: 'journal/grid/:assignmentId', element: journal('GridPage') },
  { path: 'journal/lessons/:id', element: journal('LessonPage') },
  { path: 'journal/corrections', element: journal('CorrectionsPage') },
  { path: 'journal/excuses', element: journal('ExcusesPage') },
];

const readsJournals = (me: Me) => can(me, 'journal:read') && hasRole(me, 'admin', 'director', 'deputy', 'methodist', 'specialist', 'chair', 'curator', 'teacher');

export const JOURNAL_NAV = [
  { to: '/journals', label: 'Журналы', visible: readsJournals },
  { to: '/journal/corrections', label: 'Исправления', visible: (me: Me) => can(me, 'correction:approve') || hasRole(me, 'teacher') || !!me.abilities['journal:read']?.includes('org') },
  { to: '/journal/excuses', label: 'Справки', visible: (me: Me) => can(me, 'absence:excuse') },
];

export const JOURNAL_HOME_PANELS = [
  { key: 'teacher-day', visible: (me: Me) => hasRole(me, 'teacher'), element: journal('TeacherDayPanel') },
  { key: 'curator-excuses', visible: (me: Me) => can(me, 'absence:excuse'), element: journal('CuratorExcusesPanel') },
];
