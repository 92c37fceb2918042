import { sql } from 'kysely';
import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The personal-data view log (152-ФЗ) records every screen and export that shows others'
// personal data: one entry per response, naming what was opened and every person shown.
// The single-card log of 0200 becomes entries of one person each.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'pd_views')
    .addColumn('viewer_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('screen', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('person_count', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('legacy_id', 'integer')
    .execute();
  await db.schema.createIndex('pd_views_org_at').on('pd_views').columns(['organization_id', 'at']).execute();
  await db.schema.createIndex('pd_views_viewer').on('pd_views').columns(['viewer_user_id', 'at']).execute();
  await orgTable(db, 'pd_view_persons')
    .addColumn('view_id', 'integer', (c) => c.notNull().references('pd_views.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('pd_view_persons_view').on('pd_view_persons').column('view_id').execute();
  await db.schema.createIndex('pd_view_persons_person').on('pd_view_persons').columns(['person_id', 'view_id']).execute();

  await sql`insert into pd_views (organization_id, viewer_user_id, screen, detail, person_count, at, legacy_id)
    select organization_id, viewer_user_id, 'card', null, 1, at, id from person_views`.execute(db);
  await sql`insert into pd_view_persons (organization_id, view_id, person_id)
    select v.organization_id, p.id, v.person_id from person_views v join pd_views p on p.legacy_id = v.id`.execute(db);
  await db.schema.alterTable('pd_views').dropColumn('legacy_id').execute();
  await db.schema.dropTable('person_views').execute();
}
