import type { Me } from '../../../../src/contracts/auth.js';
import { can } from '../../auth.js';
import { reaches, reachesBeyond } from '../../scope.js';
import { areaPages } from '../../lazy.js';

const journal = areaPages(() => import('./pages.js'));

export const JOURNAL_ROUTES = [
  { path: 'journals', element: journal('JournalsPage') },
  { path: 'journal/grid/:assignmentId', element: journal('GridPage') },
  { path: 'journal/lessons/:id', element: journal('LessonPage') },
  { path: 'journal/corrections', element: journal('CorrectionsPage') },
  { path: 'journal/excuses', element: journal('ExcusesPage') },
];

/** Journals of groups (a student's or guardian's own marks are read in the diary instead). */
const readsJournals = (me: Me) => reachesBeyond(me, 'journal:read', 'self', 'linked');

export const JOURNAL_NAV = [
  { to: '/journals', label: 'Журналы', visible: readsJournals },
  {
    to: '/journal/corrections',
    label: 'Исправления',
    visible: (me: Me) => can(me, 'correction:approve') || can(me, 'journal:write') || reaches(me, 'journal:read', 'org'),
  },
  { to: '/journal/excuses', label: 'Справки', visible: (me: Me) => can(me, 'absence:excuse') },
];

export const JOURNAL_HOME_PANELS = [
  { key: 'teacher-day', visible: (me: Me) => can(me, 'journal:write'), element: journal('TeacherDayPanel') },
  { key: 'curator-excuses', visible: (me: Me) => can(me, 'absence:excuse'), element: journal('CuratorExcusesPanel') },
];
