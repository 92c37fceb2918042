import type { CreateTableBuilder, Kysely } from 'kysely';

// Migrations run on both engines through Kysely's schema builder; the few differences live here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export function isPg(db: MigrationDb): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** `id` auto-increment primary key on either engine. */
export function withId<T extends string>(db: MigrationDb, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPg(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** A table that belongs to an organization: id + organization_id with its foreign key. */
export function orgTable(db: MigrationDb, name: string) {
  return withId(db, db.schema.createTable(name)).addColumn('organization_id', 'integer', (c) =>
    c.notNull().references('organizations.id').onDelete('cascade'),
  );
}
