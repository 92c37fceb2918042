import type { AreaGrants } from '../permissions.js';

// Control of the journal (issue 12, п. 3.8, 3.11, 5.2–5.4): the daily fill control and the reports
// made by scheduled jobs or on demand.
export const CONTROL_PERMISSIONS = ['control:fill', 'control:reports'] as const;

export const CONTROL_GRANTS: AreaGrants<(typeof CONTROL_PERMISSIONS)[number]> = {
  admin: { 'control:reports': 'org' },
  director: { 'control:fill': 'org', 'control:reports': 'org' },
  deputy: { 'control:fill': 'org', 'control:reports': 'org' },
  methodist: { 'control:fill': 'org', 'control:reports': 'org' },
  chair: { 'control:fill': 'commission' },
};
