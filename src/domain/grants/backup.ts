import type { AreaGrants } from './types.js';

// Backups of the installation (п. 3.1, 3.3: the administrator keeps the software working and
// archives the database on several media). They belong to the installation, not to a college
// (decision 042): the regional administrator sees them and makes one on demand; a college's
// administrator holds the same only while the installation has one college (`backupScopes` in
// domain/backup.ts drops the `org` scope otherwise), so one college of a region never sees or
// starts the copy of every college's data.
export const BACKUP_PERMISSIONS = ['backup:read', 'backup:make'] as const;

export const BACKUP_GRANTS: AreaGrants<(typeof BACKUP_PERMISSIONS)[number]> = {
  admin: { 'backup:read': 'org', 'backup:make': 'org' },
  regional_admin: { 'backup:read': 'region', 'backup:make': 'region' },
};
