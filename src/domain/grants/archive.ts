import type { AreaGrants } from './types.js';

// The year-end archive (issue 13, п. 5.5): the administrator closes a year, reopens it with a
// reason, and downloads what closing made; the director and the deputy read the archive.
export const ARCHIVE_PERMISSIONS = ['archive:manage', 'archive:read'] as const;

export const ARCHIVE_GRANTS: AreaGrants<(typeof ARCHIVE_PERMISSIONS)[number]> = {
  admin: { 'archive:manage': 'org', 'archive:read': 'org' },
  director: { 'archive:read': 'org' },
  deputy: { 'archive:read': 'org' },
};
