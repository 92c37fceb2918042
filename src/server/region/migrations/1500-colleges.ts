import type { MigrationDb } from '../../platform/migrations/helpers.js';

// A region on one installation (issue 15, decision 038). An organization is a college or the
// regional office that keeps the region's colleges (its staff hold `regional_admin`); a college is
// active or suspended (its users are refused, its data kept, the scheduler skips it).
export async function up(db: MigrationDb): Promise<void> {
  const orgs = () => db.schema.alterTable('organizations');
  await orgs()
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('college'))
    .execute();
  await orgs()
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await orgs().addColumn('status_reason', 'text').execute();
  await orgs().addColumn('status_changed_at', 'text').execute();
  await orgs().addColumn('inn', 'text').execute();
  await orgs().addColumn('ogrn', 'text').execute();
  await db.schema.createIndex('organizations_region').on('organizations').columns(['region', 'kind']).execute();
}
