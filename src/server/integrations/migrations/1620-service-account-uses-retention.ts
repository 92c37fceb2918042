import type { MigrationDb } from '../../platform/migrations/helpers.js';

// The use log of service accounts is kept for a stated period (decision 039, SERVICE_ACCOUNT_USES_KEEP_DAYS):
// the daily job deletes a college's rows older than that, which this index finds without reading the rest.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('service_account_uses_org_at').on('service_account_uses').columns(['organization_id', 'at']).execute();
}
