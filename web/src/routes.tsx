import type { ReactElement } from 'react';
import { activityArea as activity, attestationArea as attestation, curriculumArea as curriculum, familyArea as family, helpArea as help } from './areas.js';
import { performanceArea as performance } from './areas.js';
import { FILL_ROUTES } from './pages/control/fill-index.js';
import { REMARKS_ROUTES } from './pages/control/remarks-index.js';
import { JOURNAL_ROUTES } from './pages/journal/index.js';
import { PEOPLE_ROUTES } from './pages/people/index.js';
import { STRUCTURE_ROUTES } from './pages/structure/index.js';
import { TIMETABLE_ROUTES } from './pages/timetable/index.js';

/** The pages of the signed-in app beyond the home page: each area adds its own. */
export const ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'curriculum', element: curriculum('CurriculaPage') },
  { path: 'curriculum/import-plx', element: curriculum('PlxImportPage') },
  { path: 'curriculum/:id', element: curriculum('CurriculumPage') },
  { path: 'load', element: curriculum('LoadPage') },
  { path: 'plans', element: curriculum('PlansPage') },
  { path: 'plans/:id', element: curriculum('PlanPage') },
  { path: 'attestation', element: attestation('SheetsPage') },
  { path: 'attestation/overrides', element: attestation('OverridesPage') },
  { path: 'attestation/:id', element: attestation('SheetPage') },
  { path: 'family', element: family('FamilyPage') },
  { path: 'performance', element: performance('PerformancePage') },
  { path: 'performance/groups/:id', element: performance('GroupSheetPage') },
  ...JOURNAL_ROUTES,
  ...TIMETABLE_ROUTES,
  ...FILL_ROUTES,
  ...REMARKS_ROUTES,
  ...STRUCTURE_ROUTES,
  ...PEOPLE_ROUTES,
  { path: 'activity', element: activity('ActivityPage') },
  { path: 'help', element: help('HelpPage') },
];
