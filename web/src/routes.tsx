import type { ReactElement } from 'react';
import { attestationArea as attestation, familyArea as family, peopleArea as people, structureArea as structure } from './areas.js';
import { CONTROL_ROUTES } from './pages/control/index.js';
import { CURRICULUM_ROUTES } from './pages/curriculum/index.js';
import { HELP_ROUTES } from './pages/help/index.js';
import { JOURNAL_ROUTES } from './pages/journal/index.js';
import { TIMETABLE_ROUTES } from './pages/timetable/index.js';

/** The pages of the signed-in app beyond the home page: each area adds its own. */
export const ROUTES: { path: string; element: ReactElement }[] = [
  ...CURRICULUM_ROUTES,
  { path: 'attestation', element: attestation('SheetsPage') },
  { path: 'attestation/overrides', element: attestation('OverridesPage') },
  { path: 'attestation/:id', element: attestation('SheetPage') },
  { path: 'family', element: family('FamilyPage') },
  ...JOURNAL_ROUTES,
  ...TIMETABLE_ROUTES,
  ...CONTROL_ROUTES,
  { path: 'structure', element: structure('StructurePage') },
  { path: 'groups', element: structure('GroupsPage') },
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
  ...HELP_ROUTES,
];
