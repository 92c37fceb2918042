import type { Db, Tx } from '../platform/db.js';

type Q = Db | Tx;

// Service accounts and the uses of their tokens (decision 039). Every statement names the
// organizations it may touch: the caller's college, or the colleges of the regional administrator's region.

const ACCOUNT = [
  'a.id',
  'a.organization_id',
  'a.scope',
  'a.name',
  'a.permissions',
  'a.read_only',
  'a.token_hint',
  'a.created_at',
  'a.expires_on',
  'a.revoked_at',
  'a.last_used_at',
  'o.name as org_name',
  'o.time_zone',
  'p.last_name as creator_last_name',
  'p.first_name as creator_first_name',
  'p.middle_name as creator_middle_name',
] as const;

const accounts = (db: Q, orgIds: readonly number[]) =>
  db
    .selectFrom('service_accounts as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('users as cu', 'cu.id', 'a.created_by_user_id')
    .leftJoin('persons as p', 'p.id', 'cu.person_id')
    .select(ACCOUNT)
    .select((eb) =>
      eb
        .selectFrom('service_account_uses as x')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('x.account_id', '=', 'a.id')
        .whereRef('x.organization_id', '=', 'a.organization_id')
        .as('uses'),
    )
    .where('a.organization_id', 'in', orgIds.length ? orgIds : [0]);

export type AccountRow = Awaited<ReturnType<typeof accountsOf>>[number];

/** The accounts of some organizations, the newest first. */
export const accountsOf = (db: Q, orgIds: readonly number[]) =>
  accounts(db, orgIds).orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').execute();

export const accountOf = (db: Q, orgIds: readonly number[], id: number) => accounts(db, orgIds).where('a.id', '=', id).executeTakeFirst();

/** Colleges a regional administrator may make accounts for, and the office itself (for the region's accounts). */
export const organizationsOfRegion = (db: Q, region: string) =>
  db.selectFrom('organizations').select(['id', 'name', 'kind']).where('region', '=', region).orderBy('name').execute();

export const organizationName = (db: Q, orgId: number) =>
  db.selectFrom('organizations').select(['id', 'name', 'kind', 'region']).where('id', '=', orgId).executeTakeFirst();

export const accountNamed = (db: Q, orgId: number, name: string) =>
  db.selectFrom('service_accounts').select('id').where('organization_id', '=', orgId).where('name', '=', name).executeTakeFirst();

export const loginTaken = async (db: Q, login: string) =>
  !!(await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst());

/** The account's own person and user: it never logs in (is_active = 0), and what it does is its own in the audit. */
export async function insertAccount(
  tx: Q,
  orgId: number,
  v: {
    name: string;
    scope: 'college' | 'region';
    permissions: string;
    readOnly: boolean;
    login: string;
    passwordHash: string;
    tokenHash: string;
    tokenHint: string;
    createdBy: number;
    expiresOn: string | null;
    at: string;
  },
): Promise<number> {
  const person = await tx
    .insertInto('persons')
    .values({
      organization_id: orgId,
      last_name: v.name,
      first_name: 'ключ API',
      middle_name: null,
      sort_key: v.name.toLowerCase(),
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await tx
    .insertInto('users')
    .values({
      organization_id: orgId,
      person_id: person.id,
      login: v.login,
      password_hash: v.passwordHash,
      must_change_password: 0,
      is_active: 0,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await tx
    .insertInto('service_accounts')
    .values({
      organization_id: orgId,
      scope: v.scope,
      name: v.name,
      permissions: v.permissions,
      read_only: v.readOnly ? 1 : 0,
      user_id: user.id,
      token_hash: v.tokenHash,
      token_hint: v.tokenHint,
      created_by_user_id: v.createdBy,
      created_at: v.at,
      expires_on: v.expiresOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return account.id;
}

export const revokeAccount = (tx: Q, orgId: number, id: number, by: number, at: string) =>
  tx
    .updateTable('service_accounts')
    .set({ revoked_at: at, revoked_by_user_id: by })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const usesOf = (db: Q, orgId: number, accountId: number, limit: number) =>
  db
    .selectFrom('service_account_uses')
    .select(['at', 'method', 'route', 'status', 'ip'])
    .where('organization_id', '=', orgId)
    .where('account_id', '=', accountId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/**
 * Deletes the uses older than `before` of a college's accounts and of its region's office (accounts of
 * the region): the retention job runs per college, and each of a region's colleges may clear the
 * office's old rows — deleting what is already gone is nothing. Returns how many rows went.
 */
export async function deleteUsesBefore(db: Q, orgId: number, before: string): Promise<number> {
  const r = await db
    .deleteFrom('service_account_uses')
    .where((eb) =>
      eb.or([
        eb('organization_id', '=', orgId),
        eb(
          'organization_id',
          'in',
          eb
            .selectFrom('organizations as office')
            .innerJoin('organizations as college', 'college.region', 'office.region')
            .select('office.id')
            .where('college.id', '=', orgId)
            .where('office.kind', '=', 'region'),
        ),
      ]),
    )
    .where('at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
