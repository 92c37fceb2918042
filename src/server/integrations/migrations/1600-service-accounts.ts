import type { MigrationDb } from '../../platform/migrations/helpers.js';
import { orgTable } from '../../platform/migrations/helpers.js';

// Service accounts with API tokens (issue 15 item 11, decision 039). An account belongs to its
// college, or to the regional office for a region's account; it acts as a user of its own (is_active
// = 0: it never logs in), so what it writes and the audit name it. Only the token's SHA-256 is kept.
// Each use of a token is a row of service_account_uses.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'service_accounts')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('read_only', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_used_at', 'text')
    .addUniqueConstraint('service_accounts_org_name', ['organization_id', 'name'])
    .execute();
  await orgTable(db, 'service_account_uses')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('service_accounts.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('service_account_uses_account_at').on('service_account_uses').columns(['account_id', 'at']).execute();
}
