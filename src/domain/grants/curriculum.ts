import type { AreaGrants } from './types.js';

// Curricula, teaching load, lesson plans (КТП) and their fulfilment (п. 2.4, 2.12, 3.13).
export const CURRICULUM_PERMISSIONS = [
  'curriculum:read',
  'curriculum:write',
  'load:read',
  'load:write',
  'plans:read',
  'plans:write',
  'plans:approve',
] as const;

const CONTROL = { 'curriculum:read': 'org', 'load:read': 'org', 'plans:read': 'org' } as const;

export const CURRICULUM_GRANTS: AreaGrants<(typeof CURRICULUM_PERMISSIONS)[number]> = {
  admin: { 'curriculum:read': 'org', 'load:read': 'org' },
  director: CONTROL,
  deputy: { ...CONTROL, 'curriculum:write': 'org', 'load:write': 'org', 'plans:approve': 'org' },
  methodist: { ...CONTROL, 'curriculum:write': 'org', 'load:write': 'org', 'plans:write': 'org', 'plans:approve': 'org' },
  chair: { 'curriculum:read': 'org', 'load:read': 'commission', 'plans:read': 'commission', 'plans:approve': 'commission' },
  specialist: { 'curriculum:read': 'org' },
  curator: { 'curriculum:read': 'org', 'load:read': 'group', 'plans:read': 'group' },
  teacher: { 'curriculum:read': 'org', 'load:read': 'assignment', 'plans:read': 'assignment', 'plans:write': 'assignment' },
};
