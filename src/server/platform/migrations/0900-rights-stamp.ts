import { sql } from 'kysely';
import { isPg, type MigrationDb } from './helpers.js';

/**
 * What the caller's principal and reach are made of, by table: a change to any of these rows
 * bumps the organization's `rights_stamp` (decision 029). Updates count only for the columns that
 * matter (a login's time or a phone number changes no rights).
 */
export const RIGHTS_TABLES: Record<string, readonly string[] | 'all'> = {
  users: ['organization_id', 'person_id', 'login', 'must_change_password', 'is_active'],
  persons: ['organization_id', 'last_name', 'first_name', 'middle_name'],
  staff_roles: 'all',
  groups: ['organization_id', 'curator_person_id', 'status'],
  students: ['organization_id', 'person_id'],
  guardian_links: 'all',
  specialist_directions: 'all',
  group_memberships: 'all',
  subgroup_memberships: 'all',
  assignments: 'all',
};

// The counter is bumped by the database itself, so no write path (a service, an import, the demo,
// a manual fix) can forget it. PostgreSQL bumps it at commit (a deferred constraint trigger): the
// organization's row is locked last and briefly, so two writers cannot deadlock on it.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('rights_stamp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (isPg(db)) {
    await sql`create or replace function bump_rights_stamp() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          update organizations set rights_stamp = rights_stamp + 1 where id = old.organization_id;
        else
          update organizations set rights_stamp = rights_stamp + 1 where id = new.organization_id;
        end if;
        return null;
      end $$`.execute(db);
  }
  for (const [table, columns] of Object.entries(RIGHTS_TABLES)) await bumpRightsStampOn(db, table, columns);
}

/** Makes a table's changes bump the rights stamp (a later migration adds its own tables the same way). */
export async function bumpRightsStampOn(db: MigrationDb, table: string, columns: readonly string[] | 'all'): Promise<void> {
  const update = columns === 'all' ? sql`update` : sql`update of ${sql.join(columns.map((c) => sql.ref(c)))}`;
  if (isPg(db)) {
    await sql`create constraint trigger ${sql.ref(`${table}_rights_stamp`)} after insert or ${update} or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function bump_rights_stamp()`.execute(db);
    return;
  }
  const bump = (row: 'new' | 'old') =>
    sql`begin update organizations set rights_stamp = rights_stamp + 1 where id = ${sql.raw(row)}.organization_id; end`;
  await sql`create trigger ${sql.ref(`${table}_rights_stamp_insert`)} after insert on ${sql.table(table)} ${bump('new')}`.execute(db);
  await sql`create trigger ${sql.ref(`${table}_rights_stamp_update`)} after ${update} on ${sql.table(table)} ${bump('new')}`.execute(db);
  await sql`create trigger ${sql.ref(`${table}_rights_stamp_delete`)} after delete on ${sql.table(table)} ${bump('old')}`.execute(db);
}
