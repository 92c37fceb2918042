import { sql, type Db } from '../platform/db.js';
import type { BackupTables } from './tables.js';

// SQL of backups (decision 037). Backups belong to the installation, not to a college, as sessions
// do: no statement here filters by organization (the routes are the administrator's).

type BackupRow = BackupTables['backups'];

/** Every migration applied to the database (Kysely's bookkeeping table, in the connection's schema). */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** The schema a PostgreSQL connection works in (a test run's own, else public). */
export async function currentSchema(db: Db): Promise<string> {
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return r.rows[0].s;
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** The colleges of the installation (the regional office is not one): who may keep its backups depends on it (decision 042). */
export async function collegeCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'college')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const SCHEDULE = 'backup';

/**
 * Takes the lease of the backup for a slot in one atomic update (as the scheduler's claim,
 * decision 021): only when that slot has not been made and no live lease is held. With a null
 * slot (made on demand) only the lease is taken. Exactly one of several processes gets true.
 */
export async function claimBackup(db: Db, slot: string | null, owner: string, at: string, leaseUntil: string): Promise<boolean> {
  let q = db
    .updateTable('backup_schedule')
    .set({ lease_owner: owner, lease_until: leaseUntil })
    .where('name', '=', SCHEDULE)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]));
  if (slot !== null) q = q.where((eb) => eb.or([eb('last_slot', 'is', null), eb('last_slot', '<', slot)]));
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends the lease: a slot made is stored; a failed one keeps the lease until `retryAt` (no retry every minute). */
export async function releaseBackup(db: Db, owner: string, done: { slot: string } | { manual: true } | { retryAt: string }): Promise<void> {
  await db
    .updateTable('backup_schedule')
    .set(
      'slot' in done
        ? { last_slot: done.slot, lease_owner: null, lease_until: null }
        : 'retryAt' in done
          ? { lease_owner: null, lease_until: done.retryAt }
          : { lease_owner: null, lease_until: null },
    )
    .where('name', '=', SCHEDULE)
    .where('lease_owner', '=', owner)
    .execute();
}

export const scheduleRow = (db: Db) => db.selectFrom('backup_schedule').selectAll().where('name', '=', SCHEDULE).executeTakeFirst();

export async function insertBackup(
  db: Db,
  b: Pick<BackupRow, 'trigger' | 'slot' | 'started_at' | 'engine' | 'file_name' | 'product_version' | 'made_by_user_id'>,
): Promise<number> {
  const r = await db
    .insertInto('backups')
    .values({ ...b, status: 'running', destinations: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function finishBackup(
  db: Db,
  id: number,
  r: Pick<BackupRow, 'status' | 'finished_at' | 'size' | 'sha256' | 'schema_version' | 'destinations' | 'error'>,
): Promise<void> {
  await db.updateTable('backups').set(r).where('id', '=', id).execute();
}

const COLUMNS = [
  'id',
  'trigger',
  'slot',
  'status',
  'started_at',
  'finished_at',
  'engine',
  'file_name',
  'size',
  'sha256',
  'schema_version',
  'product_version',
  'destinations',
  'error',
  'pruned_at',
] as const;

export const backupById = (db: Db, id: number) => db.selectFrom('backups').select(COLUMNS).where('id', '=', id).executeTakeFirst();

export const latestBackups = (db: Db, limit: number) =>
  db.selectFrom('backups').select(COLUMNS).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

/** The newest backup made whole (every destination written). */
export const lastOkBackup = (db: Db) =>
  db
    .selectFrom('backups')
    .select(['id', 'started_at', 'finished_at', 'file_name'])
    .where('status', '=', 'ok')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Successful backups whose files are still kept: what retention chooses from. */
export const keptBackups = (db: Db) =>
  db.selectFrom('backups').select(['id', 'started_at', 'file_name']).where('status', '=', 'ok').where('pruned_at', 'is', null).execute();

export async function markPruned(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('backups').set({ pruned_at: at }).where('id', '=', id).execute();
}

/** When the installation began (its first college), for the alert of a new one with no backup yet. */
export async function installedAt(db: Db): Promise<string | null> {
  const r = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.min('created_at').as('at'))
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/** After a restore: the backup restored from was made whole; any other left running never finished. */
export async function settleRestored(db: Db, fileName: string, sha256: string, size: number, at: string): Promise<void> {
  await db
    .updateTable('backups')
    .set({ status: 'ok', finished_at: at, sha256, size })
    .where('file_name', '=', fileName)
    .where('status', '=', 'running')
    .execute();
  await db
    .updateTable('backups')
    .set({ status: 'failed', finished_at: at, error: 'прервана: база восстановлена из более ранней копии' })
    .where('status', '=', 'running')
    .execute();
  await db.updateTable('backup_schedule').set({ lease_owner: null, lease_until: null }).where('name', '=', SCHEDULE).execute();
}

/** The tables of the database (SQLite) or of a schema (PostgreSQL), but Kysely's bookkeeping. */
export async function tableNames(db: Db, engine: 'sqlite' | 'pg', schema = 'public'): Promise<string[]> {
  const r =
    engine === 'pg'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          db,
        );
  return r.rows.map((x) => x.name);
}
