// The people area as one lazily loaded chunk (web/src/lazy.tsx).
export { ContactChangesPage } from './contact-changes-page.js';
export { GroupPage } from './group-page.js';
export { GuardianPage, GuardiansPage } from './guardians-page.js';
export { AdminPeoplePanel, CuratorPanel } from './home-panels.js';
export { SpecialistPanel } from './direction.js';
export { StaffPage } from './staff-page.js';
export { StartOfYearPage } from './start-of-year-page.js';
export { NewStudentPage, StudentPage } from './student-page.js';
export { StudentsPage } from './students-page.js';
export { GroupUsagePage, UsagePage } from './usage-page.js';
export { ViewLogPage } from './view-log-page.js';
