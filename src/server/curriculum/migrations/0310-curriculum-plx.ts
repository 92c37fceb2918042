import type { MigrationDb } from '../../platform/migrations/helpers.js';

// A curriculum imported from «Планы» (.plx): its form of study, the academic calendar (JSON of
// courses: a symbol per week and where each semester starts), the file's own totals by cycle
// and semester, the file it came from; and the control forms of a semester besides its main one.
export async function up(db: MigrationDb): Promise<void> {
  for (const column of ['study_form', 'calendar', 'plx_totals', 'source_file', 'imported_at']) {
    await db.schema.alterTable('curricula').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('curriculum_item_terms').addColumn('extra_forms', 'text').execute();
}
