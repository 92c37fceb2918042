import type { AreaGrants } from './types.js';

// Single sign-on (issue 15 item 12, decision 040): a college's administrator keeps the college's
// OpenID Connect providers and links its people to their subjects; the regional administrator keeps
// the providers of the region (every college of it may use them) and reaches no college's people.
export const SSO_PERMISSIONS = ['sso:providers', 'sso:links'] as const;

export const SSO_GRANTS: AreaGrants<(typeof SSO_PERMISSIONS)[number]> = {
  admin: { 'sso:providers': 'org', 'sso:links': 'org' },
  regional_admin: { 'sso:providers': 'region' },
};
