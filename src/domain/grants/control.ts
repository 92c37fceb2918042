import type { AreaGrants } from './types.js';

// Control of the journal (issue 12, п. 3.8, 3.11, 5.2–5.4): the daily fill control and the reports
// made by scheduled jobs or on demand.
// Remarks (п. 3.11, 5.4): written by control roles, read by them and by the teacher concerned; open
// remarks past their due date come to the deputy director (`remark:escalated`).
// The weekly check (п. 5.2) is signed off by the deputy director (`control:weekly:sign`).
// The end-of-term check (п. 5.3, 5.4): teachers and curators read their part and acknowledge it (`term-check:ack`).
// The plan of intra-college control (п. 2.12) is kept by the deputy director (`control:plan:write`) and
// read by the director and the methodologist, who mark their own checks done.
export const CONTROL_PERMISSIONS = [
  'control:fill:read',
  'control:reports:read',
  'control:reports:make',
  'remark:write',
  'remark:read',
  'remark:escalated',
  'control:weekly:sign',
  'term-check:ack',
  'control:plan:read',
  'control:plan:write',
] as const;

export const CONTROL_GRANTS: AreaGrants<(typeof CONTROL_PERMISSIONS)[number]> = {
  admin: { 'control:reports:read': 'org' },
  director: { 'control:fill:read': 'org', 'control:reports:read': 'org', 'remark:read': 'org', 'control:plan:read': 'org' },
  deputy: {
    'control:fill:read': 'org',
    'control:reports:read': 'org',
    'control:reports:make': 'org',
    'remark:write': 'org',
    'remark:read': 'org',
    'remark:escalated': 'org',
    'control:weekly:sign': 'org',
    'control:plan:read': 'org',
    'control:plan:write': 'org',
  },
  methodist: {
    'control:fill:read': 'org',
    'control:reports:read': 'org',
    'control:reports:make': 'org',
    'remark:write': 'org',
    'remark:read': 'org',
    'control:plan:read': 'org',
  },
  chair: { 'control:fill:read': 'commission', 'remark:write': 'commission', 'remark:read': 'commission' },
  teacher: { 'remark:read': 'assignment', 'term-check:ack': 'self' },
  curator: { 'term-check:ack': 'self' },
};
