import { backupScopes, BACKUPS_ARE_REGIONAL } from '../../domain/backup.js';
import { BACKUP_PERMISSIONS } from '../../domain/grants/backup.js';
import type { Permission, Scope } from '../../domain/permissions.js';
import type { Db } from '../platform/db.js';
import { forbidden } from '../platform/errors.js';
import { collegeCount } from './queries.js';

// Who keeps the installation's backups (decision 042): the regional administrator; a college's
// administrator only while the installation has one college. Read per request, not kept with the
// principal: a college created by the region takes them from its first administrator at once, in
// every process.

/** The caller's scopes over backups (the route's, narrowed by the installation); 403 when none is left. */
export async function backupAccess(db: Db, scopes: readonly Scope[]): Promise<Scope[]> {
  const held = backupScopes(scopes, await collegeCount(db));
  if (!held.length) throw forbidden(BACKUPS_ARE_REGIONAL);
  return held;
}

/** The abilities sent to the web app, narrowed the same way (the menu item and the home page's alert follow them). */
export async function withBackupAbilities(
  db: Db,
  abilities: Partial<Record<Permission, Scope[]>>,
): Promise<Partial<Record<Permission, Scope[]>>> {
  if (!BACKUP_PERMISSIONS.some((p) => abilities[p])) return abilities;
  const colleges = await collegeCount(db);
  const out = { ...abilities };
  for (const p of BACKUP_PERMISSIONS) {
    const held = out[p] ? backupScopes(out[p], colleges) : [];
    if (held.length) out[p] = held;
    else delete out[p];
  }
  return out;
}
