import type { ReactElement } from 'react';
import { CurriculaPage } from './pages/curriculum/curricula.js';
import { CurriculumPage } from './pages/curriculum/curriculum.js';
import { LoadPage } from './pages/curriculum/load.js';
import { PlanPage } from './pages/curriculum/plan.js';
import { PlansPage } from './pages/curriculum/plans.js';
import { SheetsPage } from './pages/attestation/list.js';
import { OverridesPage } from './pages/attestation/overrides.js';
import { SheetPage } from './pages/attestation/sheet.js';
import { FamilyPage } from './pages/family/family.js';
import { JOURNAL_ROUTES } from './pages/journal/index.js';
import { TIMETABLE_ROUTES } from './pages/timetable/index.js';

/** The pages of the signed-in app beyond the home page: each area adds its own. */
export const ROUTES: { path: string; element: ReactElement }[] = [
  { path: 'curriculum', element: <CurriculaPage /> },
  { path: 'curriculum/:id', element: <CurriculumPage /> },
  { path: 'load', element: <LoadPage /> },
  { path: 'plans', element: <PlansPage /> },
  { path: 'plans/:id', element: <PlanPage /> },
  { path: 'attestation', element: <SheetsPage /> },
  { path: 'attestation/overrides', element: <OverridesPage /> },
  { path: 'attestation/:id', element: <SheetPage /> },
  { path: 'family', element: <FamilyPage /> },
  ...JOURNAL_ROUTES,
  ...TIMETABLE_ROUTES,
];
