import type { AreaGrants } from './types.js';

// The monthly activity report (п. 6.1, 3.7): logins and actions per role, lessons recorded on
// time, students and guardians who use the journal. The administration reads it; the administrator
// watches it (`activity:watch`: the month's activity on the home page, п. 3.7).
export const ACTIVITY_PERMISSIONS = ['activity:read', 'activity:watch'] as const;

export const ACTIVITY_GRANTS: AreaGrants<(typeof ACTIVITY_PERMISSIONS)[number]> = {
  admin: { 'activity:read': 'org', 'activity:watch': 'org' },
  director: { 'activity:read': 'org' },
  deputy: { 'activity:read': 'org' },
};
