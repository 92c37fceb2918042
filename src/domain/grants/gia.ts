import type { AreaGrants } from './types.js';

// State final attestation and module exams (issue 16, decision 034). `gia:write` over the whole
// college is the deputy director's; a college grants it to others here. A secretary of the state
// examination commission (ГЭК) is appointed per group and writes that group's records with the
// reading right alone (the appointment is the scope; gia/access.ts).
export const GIA_PERMISSIONS = ['gia:read', 'gia:write'] as const;

export const GIA_GRANTS: AreaGrants<(typeof GIA_PERMISSIONS)[number]> = {
  director: { 'gia:read': 'org' },
  deputy: { 'gia:read': 'org', 'gia:write': 'org' },
  methodist: { 'gia:read': 'org' },
  curator: { 'gia:read': 'group' },
  teacher: { 'gia:read': 'assignment' },
  student: { 'gia:read': 'self' },
  guardian: { 'gia:read': 'linked' },
};
