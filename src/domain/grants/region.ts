import type { AreaGrants } from './types.js';

// The region on one installation (issue 15): the regional administrator keeps the colleges of their
// region (create, suspend, appoint the first administrator) and reaches no college's people; a
// college's administrator keeps the college's own settings.
export const REGION_PERMISSIONS = ['region:colleges', 'college:settings'] as const;

export const REGION_GRANTS: AreaGrants<(typeof REGION_PERMISSIONS)[number]> = {
  admin: { 'college:settings': 'org' },
  regional_admin: { 'region:colleges': 'region' },
};
