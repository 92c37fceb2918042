import type { Db, Tx } from '../platform/db.js';

// Single sign-on (decision 040): providers, links of subjects to persons, logins in progress.
// A provider belongs to a college, or to the regional office (`for_region` = 1) for the colleges of its region.

const providerColumns = [
  'p.id',
  'p.organization_id',
  'p.region',
  'p.for_region',
  'p.label',
  'p.issuer',
  'p.client_id',
  'p.client_secret',
  'p.link_by_email',
  'p.updated_at',
] as const;

/** The providers shown on the login page: those of active colleges and regional offices. */
export async function providersForLoginPage(db: Db) {
  return db
    .selectFrom('sso_providers as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['p.id', 'p.label'])
    .where('o.status', '=', 'active')
    .orderBy('p.for_region', 'desc')
    .orderBy('p.label')
    .orderBy('p.id')
    .execute();
}

/** One provider by id, with the state of the organization that keeps it; for a login. */
export async function providerForLogin(db: Db, id: number) {
  return db
    .selectFrom('sso_providers as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select([...providerColumns, 'o.status as org_status'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** The providers a keeper sees: their organization's own, and for a college those of its region. */
export async function providersOf(db: Db, orgId: number, region: string, withRegion: boolean) {
  let q = db.selectFrom('sso_providers as p').select([
    ...providerColumns,
    (eb) =>
      eb
        .selectFrom('sso_links as l')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('l.provider_id', '=', 'p.id')
        .where('l.organization_id', '=', orgId)
        .as('links'),
  ]);
  q = withRegion
    ? q.where((eb) => eb.or([eb('p.organization_id', '=', orgId), eb.and([eb('p.for_region', '=', 1), eb('p.region', '=', region)])]))
    : q.where('p.organization_id', '=', orgId);
  return q.orderBy('p.for_region', 'desc').orderBy('p.label').orderBy('p.id').execute();
}

export async function insertProvider(
  db: Db | Tx,
  v: {
    organizationId: number;
    region: string;
    forRegion: boolean;
    label: string;
    issuer: string;
    clientId: string;
    clientSecret: string;
    linkByEmail: boolean;
    at: string;
  },
) {
  const r = await db
    .insertInto('sso_providers')
    .values({
      organization_id: v.organizationId,
      region: v.region,
      for_region: v.forRegion ? 1 : 0,
      label: v.label,
      issuer: v.issuer,
      client_id: v.clientId,
      client_secret: v.clientSecret,
      link_by_email: v.linkByEmail ? 1 : 0,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProvider(
  db: Db | Tx,
  orgId: number,
  id: number,
  v: { label?: string; issuer?: string; client_id?: string; client_secret?: string; link_by_email?: number; updated_at: string },
) {
  await db.updateTable('sso_providers').set(v).where('organization_id', '=', orgId).where('id', '=', id).execute();
}

export async function deleteProvider(db: Db | Tx, orgId: number, id: number) {
  await db.deleteFrom('sso_links').where('provider_id', '=', id).execute();
  await db.deleteFrom('sso_flows').where('provider_id', '=', id).execute();
  await db.deleteFrom('sso_providers').where('organization_id', '=', orgId).where('id', '=', id).execute();
}

/** A college's links (or one person's), with the person's name and login and the provider's label. */
export async function linksOf(db: Db, orgId: number, personId?: number) {
  let query = db
    .selectFrom('sso_links as l')
    .innerJoin('sso_providers as p', 'p.id', 'l.provider_id')
    .innerJoin('persons as pe', (j) => j.onRef('pe.id', '=', 'l.person_id').onRef('pe.organization_id', '=', 'l.organization_id'))
    .select([
      'l.id',
      'l.provider_id',
      'p.label as provider_label',
      'l.subject',
      'l.person_id',
      'pe.last_name',
      'pe.first_name',
      'pe.middle_name',
      'l.linked_by',
      'l.created_at',
      'l.last_login_at',
      (eb) =>
        eb
          .selectFrom('users as u')
          .select('u.login')
          .whereRef('u.person_id', '=', 'l.person_id')
          .where('u.organization_id', '=', orgId)
          .orderBy('u.id')
          .limit(1)
          .as('login'),
    ])
    .where('l.organization_id', '=', orgId)
    .orderBy('pe.sort_key')
    .orderBy('l.id');
  if (personId !== undefined) query = query.where('l.person_id', '=', personId);
  return query.execute();
}

/** A person of the college, or nothing (another college's, or none). */
export async function personOf(db: Db, orgId: number, personId: number) {
  return db.selectFrom('persons').select('id').where('organization_id', '=', orgId).where('id', '=', personId).executeTakeFirst();
}

export async function linkOf(db: Db, orgId: number, id: number) {
  return db.selectFrom('sso_links').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The link of a provider's subject, or of a person at a provider. */
export async function linkBySubject(db: Db, providerId: number, subject: string) {
  return db.selectFrom('sso_links').selectAll().where('provider_id', '=', providerId).where('subject', '=', subject).executeTakeFirst();
}
export async function linkByPerson(db: Db, orgId: number, providerId: number, personId: number) {
  return db
    .selectFrom('sso_links')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('provider_id', '=', providerId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertLink(
  db: Db | Tx,
  v: {
    organizationId: number;
    providerId: number;
    subject: string;
    personId: number;
    linkedBy: 'admin' | 'email';
    userId: number | null;
    at: string;
  },
) {
  const r = await db
    .insertInto('sso_links')
    .values({
      organization_id: v.organizationId,
      provider_id: v.providerId,
      subject: v.subject,
      person_id: v.personId,
      linked_by: v.linkedBy,
      linked_by_user_id: v.userId,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteLink(db: Db | Tx, orgId: number, id: number) {
  await db.deleteFrom('sso_links').where('organization_id', '=', orgId).where('id', '=', id).execute();
}

export async function touchLink(db: Db, orgId: number, id: number, at: string) {
  await db.updateTable('sso_links').set({ last_login_at: at }).where('organization_id', '=', orgId).where('id', '=', id).execute();
}

/** A college's user by login (logins are unique across the installation). */
export async function userOfLogin(db: Db, orgId: number, login: string) {
  return db
    .selectFrom('users')
    .select(['id', 'person_id', 'login'])
    .where('organization_id', '=', orgId)
    .where('login', '=', login)
    .executeTakeFirst();
}

/** A person's login (their first), with the state of their college: who an SSO login signs in. */
export async function userOfPerson(db: Db, orgId: number, personId: number) {
  return db
    .selectFrom('users')
    .innerJoin('organizations as o', 'o.id', 'users.organization_id')
    .select(['users.id', 'users.organization_id', 'users.is_active', 'users.login', 'o.status as org_status'])
    .where('users.organization_id', '=', orgId)
    .where('users.person_id', '=', personId)
    .orderBy('users.id')
    .executeTakeFirst();
}

/** The colleges a provider serves: its own college, or the colleges of its region. */
export async function collegesServed(db: Db, provider: { organization_id: number; for_region: number; region: string }) {
  if (!provider.for_region) return [provider.organization_id];
  const rows = await db
    .selectFrom('organizations')
    .select('id')
    .where('region', '=', provider.region)
    .where('kind', '=', 'college')
    .execute();
  return rows.map((r) => r.id);
}

/** The people of some colleges whose e-mail, lower-cased, is this one (the rule is applied again in domain/sso.ts). */
export async function personsWithEmail(db: Db, orgIds: number[], emailKey: string) {
  if (!orgIds.length) return [];
  return db
    .selectFrom('persons')
    .select(['id', 'organization_id', 'email'])
    .where('organization_id', 'in', orgIds)
    .where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', emailKey))
    .execute();
}

export async function insertFlow(
  db: Db,
  v: { organizationId: number; stateHash: string; providerId: number; codeVerifier: string; nonce: string; at: string; expiresAt: string },
) {
  await db
    .insertInto('sso_flows')
    .values({
      organization_id: v.organizationId,
      state_hash: v.stateHash,
      provider_id: v.providerId,
      code_verifier: v.codeVerifier,
      nonce: v.nonce,
      created_at: v.at,
      expires_at: v.expiresAt,
    })
    .execute();
}

/** Takes a login in progress by its state: read and deleted, so that it serves once (a second taker finds nothing). */
export async function takeFlow(db: Db, stateHash: string) {
  const flow = await db.selectFrom('sso_flows').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
  if (!flow) return undefined;
  const gone = await db.deleteFrom('sso_flows').where('id', '=', flow.id).executeTakeFirst();
  return Number(gone.numDeletedRows) === 1 ? flow : undefined;
}

export async function deleteExpiredFlows(db: Db, before: string) {
  await db.deleteFrom('sso_flows').where('expires_at', '<', before).execute();
}
