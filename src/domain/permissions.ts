import { ARCHIVE_GRANTS, ARCHIVE_PERMISSIONS } from './grants/archive.js';
import { ACTIVITY_GRANTS, ACTIVITY_PERMISSIONS } from './grants/activity.js';
import { BACKUP_GRANTS, BACKUP_PERMISSIONS } from './grants/backup.js';
import { ATTESTATION_GRANTS, ATTESTATION_PERMISSIONS } from './grants/attestation.js';
import { CONTROL_GRANTS, CONTROL_PERMISSIONS } from './grants/control.js';
import { CURRICULUM_GRANTS, CURRICULUM_PERMISSIONS } from './grants/curriculum.js';
import { FORECAST_GRANTS, FORECAST_PERMISSIONS } from './grants/forecast.js';
import { FOUNDATION_GRANTS, FOUNDATION_PERMISSIONS } from './grants/foundation.js';
import { GIA_GRANTS, GIA_PERMISSIONS } from './grants/gia.js';
import { JOURNAL_GRANTS, JOURNAL_PERMISSIONS } from './grants/journal.js';
import { NOTIFY_GRANTS, NOTIFY_PERMISSIONS } from './grants/notify.js';
import { TIMETABLE_GRANTS, TIMETABLE_PERMISSIONS } from './grants/timetable.js';
import { GUARDIAN_GRANTS, GUARDIAN_PERMISSIONS } from './grants/guardian.js';
import { PEOPLE_GRANTS, PEOPLE_PERMISSIONS } from './grants/people.js';
import { PERFORMANCE_GRANTS, PERFORMANCE_PERMISSIONS } from './grants/performance.js';
import { REGION_GRANTS, REGION_PERMISSIONS } from './grants/region.js';
import { INTEGRATIONS_GRANTS, INTEGRATIONS_PERMISSIONS } from './grants/integrations.js';
import { MESSAGES_GRANTS, MESSAGES_PERMISSIONS } from './grants/messages.js';
import { SSO_GRANTS, SSO_PERMISSIONS } from './grants/sso.js';
import { ROLES, type Role } from './roles.js';
import type { AreaGrants, Scope } from './grants/types.js';

/**
 * Permissions are data: each role grants actions, each with a scope that the service then
 * applies to rows. `org` — the whole organization; `group` — the curator's groups;
 * `assignment` — the teacher's own assignments and the lessons they substitute;
 * `commission` — the subjects of the chair's commission; `self` — the student;
 * `linked` — the guardian's children; `region` — every organization of the observer's region;
 * `direction` — the groups and students of a specialist's direction of work (п. 2.6).
 * Each area keeps its permissions and grants in `grants/<area>.ts`.
 */
export { SCOPES, type AreaGrants, type Scope } from './grants/types.js';

export const PERMISSIONS = [
  ...FOUNDATION_PERMISSIONS,
  ...CURRICULUM_PERMISSIONS,
  ...ATTESTATION_PERMISSIONS,
  ...JOURNAL_PERMISSIONS,
  ...TIMETABLE_PERMISSIONS,
  ...PEOPLE_PERMISSIONS,
  ...ACTIVITY_PERMISSIONS,
  ...PERFORMANCE_PERMISSIONS,
  ...CONTROL_PERMISSIONS,
  ...ARCHIVE_PERMISSIONS,
  ...NOTIFY_PERMISSIONS,
  ...REGION_PERMISSIONS,
  ...MESSAGES_PERMISSIONS,
  ...FORECAST_PERMISSIONS,
  ...GIA_PERMISSIONS,
  ...GUARDIAN_PERMISSIONS,
  ...BACKUP_PERMISSIONS,
  ...SSO_PERMISSIONS,
  ...INTEGRATIONS_PERMISSIONS,
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const AREAS: AreaGrants<Permission>[] = [
  FOUNDATION_GRANTS,
  CURRICULUM_GRANTS,
  ATTESTATION_GRANTS,
  JOURNAL_GRANTS,
  TIMETABLE_GRANTS,
  PEOPLE_GRANTS,
  ACTIVITY_GRANTS,
  PERFORMANCE_GRANTS,
  CONTROL_GRANTS,
  ARCHIVE_GRANTS,
  NOTIFY_GRANTS,
  REGION_GRANTS,
  MESSAGES_GRANTS,
  FORECAST_GRANTS,
  GIA_GRANTS,
  GUARDIAN_GRANTS,
  BACKUP_GRANTS,
  SSO_GRANTS,
  INTEGRATIONS_GRANTS,
];

/** role → permission → scope, all areas together. */
export const ROLE_PERMISSIONS: Record<Role, Partial<Record<Permission, Scope>>> = Object.fromEntries(
  ROLES.map((role) => [role, Object.assign({}, ...AREAS.map((a) => a[role] ?? {}))]),
) as Record<Role, Partial<Record<Permission, Scope>>>;

/** The scopes a set of roles grants for one permission (empty: not allowed). */
export function scopesFor(roles: readonly Role[], permission: Permission): Scope[] {
  const out = new Set<Scope>();
  for (const role of roles) {
    const scope = ROLE_PERMISSIONS[role][permission];
    if (scope) out.add(scope);
  }
  return [...out];
}

/** Every permission a set of roles holds, with its scopes: sent to the web app as abilities. */
export function abilitiesOf(roles: readonly Role[]): Partial<Record<Permission, Scope[]>> {
  const out: Partial<Record<Permission, Scope[]>> = {};
  for (const p of PERMISSIONS) {
    const s = scopesFor(roles, p);
    if (s.length) out[p] = s;
  }
  return out;
}
