import type { AreaGrants } from './types.js';

// Performance reports (п. 2.8, 6.2): the administration sees the college, the ПЦК chair the
// commission's subjects, the curator their groups, the teacher their assignments, a specialist
// the groups and students of their direction.
export const PERFORMANCE_PERMISSIONS = ['performance:read'] as const;

export const PERFORMANCE_GRANTS: AreaGrants<(typeof PERFORMANCE_PERMISSIONS)[number]> = {
  admin: { 'performance:read': 'org' },
  director: { 'performance:read': 'org' },
  deputy: { 'performance:read': 'org' },
  methodist: { 'performance:read': 'org' },
  specialist: { 'performance:read': 'direction' },
  chair: { 'performance:read': 'commission' },
  curator: { 'performance:read': 'group' },
  teacher: { 'performance:read': 'assignment' },
};
