import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// The kept figures of the regional reports (issue 15 item 3, decision 041): per college × group ×
// period (a term, or a year made of its terms), counts that add up, recomputed by the job
// `region-figures`. A regional report reads these rows, never the marks.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'region_figures')
    .addColumn('period_kind', 'text', (c) => c.notNull()) // 'term' | 'year'
    .addColumn('period_id', 'integer', (c) => c.notNull()) // terms.id or academic_years.id
    .addColumn('year_name', 'text', (c) => c.notNull()) // «2026/2027»: periods of the region's colleges line up by it
    .addColumn('term_number', 'integer', (c) => c.notNull()) // 0 for a year
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('course', 'integer', (c) => c.notNull())
    .addColumn('students', 'integer', (c) => c.notNull())
    .addColumn('n5', 'integer', (c) => c.notNull())
    .addColumn('n4', 'integer', (c) => c.notNull())
    .addColumn('n3', 'integer', (c) => c.notNull())
    .addColumn('n2', 'integer', (c) => c.notNull())
    .addColumn('nna', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('graded', 'integer', (c) => c.notNull())
    .addColumn('excused_hours', 'integer', (c) => c.notNull())
    .addColumn('unexcused_hours', 'integer', (c) => c.notNull())
    .addColumn('lessons', 'integer', (c) => c.notNull())
    .addColumn('lessons_on_time', 'integer', (c) => c.notNull())
    .addColumn('guardians', 'integer', (c) => c.notNull())
    .addColumn('guardians_active', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('region_figures_group')
    .on('region_figures')
    .columns(['organization_id', 'period_kind', 'period_id', 'group_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('region_figures_period')
    .on('region_figures')
    .columns(['organization_id', 'year_name', 'term_number'])
    .execute();
}
