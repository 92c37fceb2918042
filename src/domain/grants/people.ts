import type { AreaGrants } from './types.js';

// People and structure beyond the foundation: import, movement, usage, approvals, the view log.
export const PEOPLE_PERMISSIONS = ['people:import', 'people:movement', 'usage:read', 'people:approve', 'people:view-log'] as const;

const CONTROL = { 'usage:read': 'org' } as const;

export const PEOPLE_GRANTS: AreaGrants<(typeof PEOPLE_PERMISSIONS)[number]> = {
  admin: {
    'people:import': 'org',
    'people:movement': 'org',
    'usage:read': 'org',
    'people:approve': 'org',
    'people:view-log': 'org',
  },
  director: CONTROL,
  deputy: CONTROL,
  methodist: CONTROL,
  specialist: { 'usage:read': 'direction' },
  curator: { 'usage:read': 'group' },
};
