import type { AreaGrants } from './types.js';

// The region on one installation (issue 15): the regional administrator keeps the colleges of their
// region (create, suspend, appoint the first administrator) and reaches no college's people; a
// college's administrator keeps the college's own settings. The regional reports (decision 041)
// are aggregates of the region's colleges, read by the observer and the regional administrator.
export const REGION_PERMISSIONS = ['region:colleges', 'college:settings', 'region:reports'] as const;

export const REGION_GRANTS: AreaGrants<(typeof REGION_PERMISSIONS)[number]> = {
  admin: { 'college:settings': 'org' },
  regional_admin: { 'region:colleges': 'region', 'region:reports': 'region' },
  observer: { 'region:reports': 'region' },
};
