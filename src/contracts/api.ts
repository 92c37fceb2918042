import { ARCHIVE_ROUTES } from './routes/archive.js';
import { ACTIVITY_ROUTES } from './routes/activity.js';
import { ATTESTATION_ROUTES } from './routes/attestation.js';
import { AUTH_ROUTES } from './routes/auth.js';
import { BACKUP_ROUTES } from './routes/backup.js';
import { CONTROL_ROUTES } from './routes/control.js';
import { CURRICULUM_ROUTES } from './routes/curriculum.js';
import { FAMILY_ROUTES } from './routes/family.js';
import { FORECAST_ROUTES } from './routes/forecast.js';
import { GIA_ROUTES } from './routes/gia.js';
import { JOURNAL_ROUTES } from './routes/journal.js';
import { NOTIFY_ROUTES } from './routes/notify.js';
import { MESSAGES_ROUTES } from './routes/messages.js';
import { PEOPLE_ROUTES } from './routes/people.js';
import { PERFORMANCE_ROUTES } from './routes/performance.js';
import { PRINT_ROUTES } from './routes/print.js';
import { REGION_ROUTES } from './routes/region.js';
import { STRUCTURE_ROUTES } from './routes/structure.js';
import { TIMETABLE_ROUTES } from './routes/timetable.js';
import { GUARDIAN_ROUTES } from './routes/guardian.js';
import { SSO_ROUTES } from './routes/sso.js';
import { INTEGRATIONS_ROUTES } from './routes/integrations.js';
import type { RequestOf, ResponseOf } from './route.js';

/** Every route of the API, by «METHOD /path» (decision 023). The web app imports only its type. */
export const API = {
  ...AUTH_ROUTES,
  ...STRUCTURE_ROUTES,
  ...PEOPLE_ROUTES,
  ...CURRICULUM_ROUTES,
  ...TIMETABLE_ROUTES,
  ...JOURNAL_ROUTES,
  ...ATTESTATION_ROUTES,
  ...FAMILY_ROUTES,
  ...CONTROL_ROUTES,
  ...PERFORMANCE_ROUTES,
  ...ACTIVITY_ROUTES,
  ...PRINT_ROUTES,
  ...ARCHIVE_ROUTES,
  ...NOTIFY_ROUTES,
  ...REGION_ROUTES,
  ...MESSAGES_ROUTES,
  ...FORECAST_ROUTES,
  ...GIA_ROUTES,
  ...GUARDIAN_ROUTES,
  ...BACKUP_ROUTES,
  ...SSO_ROUTES,
  ...INTEGRATIONS_ROUTES,
};
export type Api = typeof API;
export type ApiKey = keyof Api;
export type ApiRequest<K extends ApiKey> = RequestOf<Api[K]>;
export type ApiResponse<K extends ApiKey> = ResponseOf<Api[K]>;
