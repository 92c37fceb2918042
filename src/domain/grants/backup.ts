import type { AreaGrants } from './types.js';

// Backups of the installation (п. 3.1, 3.3: the administrator keeps the software working and
// archives the database on several media). The administrator sees the backups and their state,
// and makes one on demand (decision 037).
export const BACKUP_PERMISSIONS = ['backup:read', 'backup:make'] as const;

export const BACKUP_GRANTS: AreaGrants<(typeof BACKUP_PERMISSIONS)[number]> = {
  admin: { 'backup:read': 'org', 'backup:make': 'org' },
};
