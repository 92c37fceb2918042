import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Forecast models (issue 16 item 6, decision 036): each training keeps a new row; the latest of a
// kind is the one in use, the earlier ones show how the metrics moved.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'forecast_models')
    .addColumn('kind', 'text', (c) => c.notNull()) // five | pass
    .addColumn('source', 'text', (c) => c.notNull()) // history | prior
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('made_by_job', 'text')
    .addColumn('made_by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('forecast_models_latest').on('forecast_models').columns(['organization_id', 'kind', 'id']).execute();
}
