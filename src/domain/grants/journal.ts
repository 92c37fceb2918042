import type { AreaGrants } from './types.js';

// The journal (issue: journal, п. 3.10–3.13, 2.3, 2.6): who reads which journals, who writes
// them, who approves late corrections and who excuses absences; who prints the journal as a document
// (п. 2.5, 3.10, issue 13): the director, the deputy and the methodist every journal, the curator
// their group's, the teacher their own subject's.
export const JOURNAL_PERMISSIONS = ['journal:read', 'journal:write', 'correction:approve', 'absence:excuse', 'journal:print'] as const;

export const JOURNAL_GRANTS: AreaGrants<(typeof JOURNAL_PERMISSIONS)[number]> = {
  admin: { 'journal:read': 'org' },
  director: { 'journal:read': 'org', 'journal:print': 'org' },
  deputy: { 'journal:read': 'org', 'correction:approve': 'org', 'journal:print': 'org' },
  methodist: { 'journal:read': 'org', 'correction:approve': 'org', 'journal:print': 'org' },
  specialist: { 'journal:read': 'direction' },
  chair: { 'journal:read': 'commission' },
  curator: { 'journal:read': 'group', 'absence:excuse': 'group', 'journal:print': 'group' },
  teacher: { 'journal:read': 'assignment', 'journal:write': 'assignment', 'journal:print': 'assignment' },
  student: { 'journal:read': 'self' },
  guardian: { 'journal:read': 'linked' },
};
