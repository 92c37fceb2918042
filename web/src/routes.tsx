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
import { HelpPage } from './pages/help/help-page.js';
import { JOURNAL_ROUTES } from './pages/journal/index.js';
import { TIMETABLE_ROUTES } from './pages/timetable/index.js';
import { ContactChangesPage } from './pages/people/contact-changes-page.js';
import { GroupPage } from './pages/people/group-page.js';
import { GuardianPage, GuardiansPage } from './pages/people/guardians-page.js';
import { StaffPage } from './pages/people/staff-page.js';
import { StartOfYearPage } from './pages/people/start-of-year-page.js';
import { NewStudentPage, StudentPage } from './pages/people/student-page.js';
import { StudentsPage } from './pages/people/students-page.js';
import { GroupUsagePage, UsagePage } from './pages/people/usage-page.js';
import { ViewLogPage } from './pages/people/view-log-page.js';
import { GroupsPage } from './pages/structure/groups-page.js';
import { StructurePage } from './pages/structure/structure-page.js';

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
  { path: 'structure', element: <StructurePage /> },
  { path: 'groups', element: <GroupsPage /> },
  { path: 'groups/:id', element: <GroupPage /> },
  { path: 'students', element: <StudentsPage /> },
  { path: 'students/new', element: <NewStudentPage /> },
  { path: 'students/:id', element: <StudentPage /> },
  { path: 'guardians', element: <GuardiansPage /> },
  { path: 'guardians/:id', element: <GuardianPage /> },
  { path: 'staff', element: <StaffPage /> },
  { path: 'start-of-year', element: <StartOfYearPage /> },
  { path: 'usage', element: <UsagePage /> },
  { path: 'usage/:id', element: <GroupUsagePage /> },
  { path: 'contact-changes', element: <ContactChangesPage /> },
  { path: 'view-log', element: <ViewLogPage /> },
  { path: 'help', element: <HelpPage /> },
];
