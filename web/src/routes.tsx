import type { ReactElement } from 'react';
import { attestationArea as attestation, familyArea as family } from './areas.js';
import { CONTROL_ROUTES } from './pages/control/index.js';
import { CURRICULUM_ROUTES } from './pages/curriculum/index.js';
import { FORECAST_ROUTES } from './pages/forecast/index.js';
import { GIA_ROUTES } from './pages/gia/index.js';
import { HELP_ROUTES } from './pages/help/index.js';
import { JOURNAL_ROUTES } from './pages/journal/index.js';
import { NOTIFY_ROUTES } from './pages/notify/index.js';
import { MESSAGES_ROUTES } from './pages/messages/index.js';
import { PEOPLE_ROUTES } from './pages/people/index.js';
import { REGION_ROUTES } from './pages/region/index.js';
import { INTEGRATIONS_ROUTES } from './pages/integrations/index.js';
import { STRUCTURE_ROUTES } from './pages/structure/index.js';
import { TIMETABLE_ROUTES } from './pages/timetable/index.js';
import { GUARDIAN_ROUTES } from './pages/notify/guardian-index.js';
import { BACKUP_ROUTES } from './pages/backup/index.js';
import { SSO_ROUTES } from './pages/sso/index.js';

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
  ...FORECAST_ROUTES,
  ...GIA_ROUTES,
  ...STRUCTURE_ROUTES,
  ...PEOPLE_ROUTES,
  ...REGION_ROUTES,
  ...INTEGRATIONS_ROUTES,
  ...MESSAGES_ROUTES,
  ...HELP_ROUTES,
  ...NOTIFY_ROUTES,
  ...GUARDIAN_ROUTES,
  ...BACKUP_ROUTES,
  ...SSO_ROUTES,
];
