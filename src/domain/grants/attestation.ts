import type { AreaGrants } from './types.js';

// Term, exam and final grades, grade sheets and the objectivity overrides (п. 2.2, 4.1–4.2);
// the student's and guardian's own view of the journal (п. 2.3, 2.6).
export const ATTESTATION_PERMISSIONS = ['attestation:read', 'attestation:write', 'attestation:overrides:read', 'family:read'] as const;

export const ATTESTATION_GRANTS: AreaGrants<(typeof ATTESTATION_PERMISSIONS)[number]> = {
  admin: { 'attestation:read': 'org' },
  director: { 'attestation:read': 'org', 'attestation:overrides:read': 'org' },
  deputy: { 'attestation:read': 'org', 'attestation:overrides:read': 'org' },
  methodist: { 'attestation:read': 'org', 'attestation:overrides:read': 'org' },
  chair: { 'attestation:read': 'commission' },
  specialist: { 'attestation:read': 'direction' },
  curator: { 'attestation:read': 'group' },
  teacher: { 'attestation:read': 'assignment', 'attestation:write': 'assignment' },
  student: { 'family:read': 'self' },
  guardian: { 'family:read': 'linked' },
};
