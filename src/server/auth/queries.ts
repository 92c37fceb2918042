import type { Db } from '../platform/db.js';

// Login attempts: a row is written before the password is checked, as a failure, and turned into
// a success only when the check passes (decision 014).

export async function insertAttempt(db: Db, v: { organizationId: number | null; login: string; ip: string; at: string }): Promise<number> {
  const r = await db
    .insertInto('login_attempts')
    .values({ organization_id: v.organizationId, login: v.login, ip: v.ip, success: 0, at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Failed (or not yet checked) attempts since an instant: for one login, and from one address. */
export async function failuresSince(db: Db, since: string, login: string, ip: string) {
  const [byLogin, byIp] = await Promise.all([
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('login', '=', login)
      .where('success', '=', 0)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  return { login: Number(byLogin.n), ip: Number(byIp.n) };
}

export async function markAttemptSucceeded(db: Db, id: number) {
  await db.updateTable('login_attempts').set({ success: 1 }).where('id', '=', id).execute();
}

/** A refused attempt was never checked: it is not a failure of the login. */
export async function deleteAttempt(db: Db, id: number) {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

/** The session's CSRF token and expiry, for /auth/me. */
export async function sessionCsrf(db: Db, orgId: number, sessionId: string) {
  const s = await db
    .selectFrom('sessions')
    .select(['csrf_token', 'expires_at'])
    .where('organization_id', '=', orgId)
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return { csrfToken: s.csrf_token, expiresAt: s.expires_at };
}

// Users: logins are unique across the installation, so a login is found before its college is known.

/** A user by login, with the state of their college (a suspended college's users are refused). */
export async function userByLogin(db: Db, login: string) {
  return db
    .selectFrom('users')
    .innerJoin('organizations as o', 'o.id', 'users.organization_id')
    .selectAll('users')
    .select('o.status as org_status')
    .where('users.login', '=', login)
    .executeTakeFirst();
}

export async function touchLastLogin(db: Db, orgId: number, userId: number, at: string) {
  await db.updateTable('users').set({ last_login_at: at }).where('organization_id', '=', orgId).where('id', '=', userId).execute();
}

export async function userPassword(db: Db, orgId: number, userId: number) {
  return db
    .selectFrom('users')
    .select(['password_hash', 'login'])
    .where('organization_id', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** A password the user chose: no longer temporary. */
export async function setPassword(db: Db, orgId: number, userId: number, passwordHash: string, at: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: at })
    .where('organization_id', '=', orgId)
    .where('id', '=', userId)
    .execute();
}

/** What /auth/me names: the college, and the groups, commissions and students the caller's roles reach. */
export async function meFacts(
  db: Db,
  orgId: number,
  reach: {
    curatorGroupIds: number[];
    commissionIds: number[];
    linkedStudentIds: number[];
    directionGroupIds: number[];
    directionStudentIds: number[];
  },
) {
  const groups = (ids: number[]) =>
    ids.length
      ? db
          .selectFrom('groups')
          .select(['id', 'name'])
          .where('organization_id', '=', orgId)
          .where('id', 'in', ids)
          .orderBy('sort_key')
          .execute()
      : Promise.resolve([]);
  const students = (ids: number[]) =>
    ids.length
      ? db
          .selectFrom('students')
          .innerJoin('persons', 'persons.id', 'students.person_id')
          .select(['students.id', 'persons.last_name', 'persons.first_name', 'persons.middle_name'])
          .where('students.organization_id', '=', orgId)
          .where('students.id', 'in', ids)
          .orderBy('persons.sort_key')
          .execute()
      : Promise.resolve([]);
  const [org, curated, commissions, children, directionGroups, directionStudents] = await Promise.all([
    db
      .selectFrom('organizations')
      .select(['id', 'name', 'short_name', 'time_zone', 'region'])
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow(),
    groups(reach.curatorGroupIds),
    reach.commissionIds.length
      ? db
          .selectFrom('subject_commissions')
          .select(['id', 'name'])
          .where('organization_id', '=', orgId)
          .where('id', 'in', reach.commissionIds)
          .execute()
      : [],
    students(reach.linkedStudentIds),
    groups(reach.directionGroupIds),
    students(reach.directionStudentIds),
  ]);
  return { org, groups: curated, commissions, children, directionGroups, directionStudents };
}
