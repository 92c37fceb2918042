import type { AreaGrants } from './types.js';

// Structure and people of the college (issue: foundation).
export const FOUNDATION_PERMISSIONS = [
  'organization:read',
  'structure:read',
  'structure:write',
  'people:read',
  'people:write',
  'people:contacts',
  'people:credentials',
  'audit:read',
  'region:read',
] as const;

const CONTROL_READ = { 'organization:read': 'org', 'structure:read': 'org', 'people:read': 'org' } as const;

export const FOUNDATION_GRANTS: AreaGrants<(typeof FOUNDATION_PERMISSIONS)[number]> = {
  admin: {
    ...CONTROL_READ,
    'structure:write': 'org',
    'people:write': 'org',
    'people:contacts': 'org',
    'people:credentials': 'org',
    'audit:read': 'org',
  },
  director: CONTROL_READ,
  deputy: CONTROL_READ,
  methodist: CONTROL_READ,
  chair: CONTROL_READ,
  specialist: { ...CONTROL_READ, 'people:read': 'direction' },
  curator: {
    'organization:read': 'org',
    'structure:read': 'org',
    'people:read': 'group',
    'people:contacts': 'group',
    'people:credentials': 'group',
  },
  teacher: { 'organization:read': 'org', 'structure:read': 'org', 'people:read': 'assignment' },
  student: { 'organization:read': 'org', 'people:read': 'self' },
  guardian: { 'organization:read': 'org', 'people:read': 'linked' },
  observer: { 'region:read': 'region' },
};
