import type { AreaGrants } from './types.js';

// Service accounts with API tokens (issue 15 item 11, decision 039): a college's administrator keeps
// its college's accounts, the regional administrator the region's and any college's of the region.
export const INTEGRATIONS_PERMISSIONS = ['integrations:manage'] as const;

export const INTEGRATIONS_GRANTS: AreaGrants<(typeof INTEGRATIONS_PERMISSIONS)[number]> = {
  admin: { 'integrations:manage': 'org' },
  regional_admin: { 'integrations:manage': 'region' },
};
