import type { AreaGrants } from './types.js';

// Bells, timetable, changes and substitutions (issue: timetable). The methodology head enters
// the timetable (п. 3.11); teachers, students and guardians see their own (п. 3.13).
export const TIMETABLE_PERMISSIONS = ['timetable:read', 'timetable:write', 'lessons:unscheduled', 'substitutions:read'] as const;

export const TIMETABLE_GRANTS: AreaGrants<(typeof TIMETABLE_PERMISSIONS)[number]> = {
  admin: { 'timetable:read': 'org', 'timetable:write': 'org', 'lessons:unscheduled': 'org', 'substitutions:read': 'org' },
  methodist: { 'timetable:read': 'org', 'timetable:write': 'org', 'lessons:unscheduled': 'org', 'substitutions:read': 'org' },
  director: { 'timetable:read': 'org', 'substitutions:read': 'org' },
  deputy: { 'timetable:read': 'org', 'substitutions:read': 'org' },
  chair: { 'timetable:read': 'org' },
  specialist: { 'timetable:read': 'direction' },
  curator: { 'timetable:read': 'group' },
  teacher: { 'timetable:read': 'assignment', 'lessons:unscheduled': 'assignment', 'substitutions:read': 'assignment' },
  student: { 'timetable:read': 'self' },
  guardian: { 'timetable:read': 'linked' },
};
