import type { Db, Tx } from '../platform/db.js';

type Q = Db | Tx;

// The colleges of a region and a college's settings (decision 038). The regional administrator's
// statements read across organizations by design, always within one region and only the
// organizations table, staff roles, persons of administrators and users; never a college's pupils.

const COLLEGE = [
  'id',
  'name',
  'short_name',
  'inn',
  'ogrn',
  'time_zone',
  'region',
  'status',
  'status_reason',
  'status_changed_at',
  'created_at',
] as const;

/** The colleges of a region, by name. */
export const collegesOfRegion = (db: Q, region: string) =>
  db.selectFrom('organizations').select(COLLEGE).where('region', '=', region).where('kind', '=', 'college').orderBy('name').execute();

/** One college of a region, or undefined (another region's college is as unknown as a missing one). */
export const collegeOfRegion = (db: Q, region: string, id: number) =>
  db
    .selectFrom('organizations')
    .select(COLLEGE)
    .where('id', '=', id)
    .where('region', '=', region)
    .where('kind', '=', 'college')
    .executeTakeFirst();

/** Whether a college of that name is already in the region. */
export const collegeNamed = (db: Q, region: string, name: string) =>
  db
    .selectFrom('organizations')
    .select('id')
    .where('region', '=', region)
    .where('kind', '=', 'college')
    .where('name', '=', name)
    .executeTakeFirst();

export async function insertCollege(
  tx: Q,
  v: { name: string; shortName: string; inn: string | null; ogrn: string | null; timeZone: string; region: string; at: string },
): Promise<number> {
  const r = await tx
    .insertInto('organizations')
    .values({
      name: v.name,
      short_name: v.shortName,
      inn: v.inn,
      ogrn: v.ogrn,
      time_zone: v.timeZone,
      region: v.region,
      kind: 'college',
      status: 'active',
      settings: '{}',
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setCollegeStatus(
  tx: Q,
  region: string,
  id: number,
  v: { status: 'active' | 'suspended'; reason: string; at: string },
) {
  await tx
    .updateTable('organizations')
    .set({ status: v.status, status_reason: v.reason, status_changed_at: v.at })
    .where('id', '=', id)
    .where('region', '=', region)
    .where('kind', '=', 'college')
    .execute();
}

/** Ends every session of an organization's users. */
export const deleteOrganizationSessions = (tx: Q, orgId: number) =>
  tx.deleteFrom('sessions').where('organization_id', '=', orgId).execute();

/** The administrators and the regional observers of some colleges: role, name, login, last login. */
export const adminsOf = (db: Q, orgIds: number[]) =>
  orgIds.length
    ? db
        .selectFrom('staff_roles as r')
        .innerJoin('persons as p', (j) => j.onRef('p.id', '=', 'r.person_id').onRef('p.organization_id', '=', 'r.organization_id'))
        .leftJoin('users as u', (j) => j.onRef('u.person_id', '=', 'p.id').onRef('u.organization_id', '=', 'p.organization_id'))
        .select(['r.organization_id', 'r.role', 'p.last_name', 'p.first_name', 'p.middle_name', 'u.login', 'u.last_login_at'])
        .where('r.organization_id', 'in', orgIds)
        .where('r.role', 'in', ['admin', 'observer'])
        .orderBy('p.sort_key')
        .execute()
    : Promise.resolve([]);

/** Logins that start with a base, across the installation: logins are unique everywhere. */
export async function loginsLike(tx: Q, base: string): Promise<Set<string>> {
  return new Set((await tx.selectFrom('users').select('login').where('login', 'like', `${base}%`).execute()).map((u) => u.login));
}

export const loginTaken = async (tx: Q, login: string) =>
  !!(await tx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst());

/** A person with a user (temporary password) and one staff role, in an organization. */
export async function insertStaffUser(
  tx: Q,
  orgId: number,
  v: {
    lastName: string;
    firstName: string;
    middleName: string | null;
    email: string | null;
    sortKey: string;
    login: string;
    passwordHash: string;
    role: string;
    title: string | null;
    at: string;
    /** A temporary password (changed at the first login) unless told otherwise (the demo's known passwords). */
    mustChangePassword?: boolean;
  },
): Promise<{ personId: number; userId: number }> {
  const person = await tx
    .insertInto('persons')
    .values({
      organization_id: orgId,
      last_name: v.lastName,
      first_name: v.firstName,
      middle_name: v.middleName,
      email: v.email,
      sort_key: v.sortKey,
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
      must_change_password: v.mustChangePassword === false ? 0 : 1,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('staff_roles')
    .values({ organization_id: orgId, person_id: person.id, role: v.role, commission_id: null, title: v.title })
    .execute();
  return { personId: person.id, userId: user.id };
}

/** The regional office of a region (the organization its regional administrators belong to). */
export const officeOfRegion = (db: Q, region: string) =>
  db.selectFrom('organizations').select(['id', 'name']).where('region', '=', region).where('kind', '=', 'region').executeTakeFirst();

export async function insertOffice(tx: Q, v: { name: string; region: string; timeZone: string; at: string }): Promise<number> {
  const r = await tx
    .insertInto('organizations')
    .values({
      name: v.name,
      short_name: v.name.slice(0, 60),
      region: v.region,
      time_zone: v.timeZone,
      kind: 'region',
      status: 'active',
      settings: '{}',
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The settings of an organization as stored (JSON text). */
export const settingsText = async (db: Q, orgId: number) =>
  (await db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow()).settings;

export const saveSettingsText = (tx: Q, orgId: number, text: string) =>
  tx.updateTable('organizations').set({ settings: text }).where('id', '=', orgId).execute();

/** The last changes of the settings, from the audit log: when, by whom, before and after. */
export const settingsChanges = (db: Q, orgId: number, actions: readonly string[], limit: number) =>
  db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .select(['a.at', 'a.action', 'a.before', 'a.after', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('a.organization_id', '=', orgId)
    .where('a.entity', '=', 'organization')
    .where('a.action', 'in', actions)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
