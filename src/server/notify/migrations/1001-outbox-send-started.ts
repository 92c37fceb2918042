import type { MigrationDb } from '../../platform/migrations/helpers.js';

// When the last attempt of a message began handing it to the gateway (decision 031): a message taken
// again after its worker died with this set may have gone out already, and the log says so.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('send_started_at', 'text').execute();
}
