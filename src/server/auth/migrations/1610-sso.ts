import { orgTable, type MigrationDb } from '../../platform/migrations/helpers.js';

// Single sign-on through OpenID Connect (issue 15 item 12, decision 040). A provider belongs to a
// college, or to the regional office for every college of its region; a link maps a provider's
// subject to a person of a college; a flow is one login in progress (state, nonce, PKCE verifier),
// kept here so that whichever process receives the callback finds it.
export async function up(db: MigrationDb): Promise<void> {
  await orgTable(db, 'sso_providers')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('for_region', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    .addColumn('link_by_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_providers_org').on('sso_providers').columns(['organization_id']).execute();
  await db.schema.createIndex('sso_providers_region').on('sso_providers').columns(['region', 'for_region']).execute();

  await orgTable(db, 'sso_links')
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('sso_providers.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('linked_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema.createIndex('sso_links_subject').unique().on('sso_links').columns(['provider_id', 'subject']).execute();
  await db.schema.createIndex('sso_links_person').unique().on('sso_links').columns(['provider_id', 'person_id']).execute();
  await db.schema.createIndex('sso_links_org').on('sso_links').columns(['organization_id']).execute();

  await orgTable(db, 'sso_flows')
    .addColumn('state_hash', 'text', (c) => c.notNull().unique())
    .addColumn('provider_id', 'integer', (c) => c.notNull().references('sso_providers.id').onDelete('cascade'))
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_flows_expires').on('sso_flows').columns(['expires_at']).execute();
}
