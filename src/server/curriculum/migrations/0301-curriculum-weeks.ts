import type { MigrationDb } from '../../platform/migrations/helpers.js';

// Weeks of study in each program term (JSON array of 8): the weekly load is hours / weeks.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('curricula').addColumn('term_weeks', 'text').execute();
}
