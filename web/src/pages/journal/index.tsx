import type { Me } from '../../../../src/contracts/auth.js';
import { can, hasRole } from '../../auth.js';
import { CorrectionsPage } from './corrections.js';
import { ExcusesPage } from './excuses.js';
import { GridPage } from './grid.js';
import { JournalsPage } from './journals.js';
import { LessonPage } from './lesson.js';
import { TeacherDayPanel } from './today-panel.js';
import { CuratorExcusesPanel } from './curator-panel.js';

export const JOURNAL_ROUTES = [
  { path: 'journals', element: <JournalsPage /> },
  { path: 'journal/grid/:assignmentId', element: <GridPage /> },
  { path: 'journal/lessons/:id', element: <LessonPage /> },
  { path: 'journal/corrections', element: <CorrectionsPage /> },
  { path: 'journal/excuses', element: <ExcusesPage /> },
];

const readsJournals = (me: Me) => can(me, 'journal:read') && hasRole(me, 'admin', 'director', 'deputy', 'methodist', 'specialist', 'chair', 'curator', 'teacher');

export const JOURNAL_NAV = [
  { to: '/journals', label: 'Журналы', visible: readsJournals },
  { to: '/journal/corrections', label: 'Исправления', visible: (me: Me) => can(me, 'correction:approve') || hasRole(me, 'teacher') || !!me.abilities['journal:read']?.includes('org') },
  { to: '/journal/excuses', label: 'Справки', visible: (me: Me) => can(me, 'absence:excuse') },
];

export const JOURNAL_HOME_PANELS = [
  { key: 'teacher-day', visible: (me: Me) => hasRole(me, 'teacher'), element: <TeacherDayPanel /> },
  { key: 'curator-excuses', visible: (me: Me) => can(me, 'absence:excuse'), element: <CuratorExcusesPanel /> },
];
