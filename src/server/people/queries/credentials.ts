import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

// Logins and temporary passwords (п. 3.1).

/** A person's student record with their current group, if they are a student. */
export async function studentGroupOfPerson(db: Q, orgId: number, personId: number) {
  return db
    .selectFrom('students as s')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.end_date', 'is', null))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['g.name'])
    .where('s.organization_id', '=', orgId)
    .where('s.person_id', '=', personId)
    .executeTakeFirst();
}

/** The names of a guardian's children. */
export async function childrenNames(db: Q, orgId: number, guardianPersonId: number) {
  return db
    .selectFrom('guardian_links as gl')
    .innerJoin('students as s', 's.id', 'gl.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['p.last_name', 'p.first_name', 'p.middle_name'])
    .where('gl.organization_id', '=', orgId)
    .where('gl.guardian_person_id', '=', guardianPersonId)
    .orderBy('p.sort_key')
    .execute();
}

/** A new password for a user: to be changed at the next login; every session of the user ends. */
export async function resetPassword(tx: Tx, orgId: number, userId: number, passwordHash: string, now: string) {
  await tx
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 1, password_changed_at: now, is_active: 1 })
    .where('organization_id', '=', orgId)
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('sessions').where('organization_id', '=', orgId).where('user_id', '=', userId).execute();
}

/** Logins that start with a base, across the installation: logins are unique everywhere. */
export async function loginsLike(tx: Tx, base: string): Promise<Set<string>> {
  return new Set((await tx.selectFrom('users').select('login').where('login', 'like', `${base}%`).execute()).map((u) => u.login));
}

export async function insertUser(
  tx: Tx,
  orgId: number,
  v: { personId: number; login: string; passwordHash: string; now: string },
): Promise<number> {
  const u = await tx
    .insertInto('users')
    .values({
      organization_id: orgId,
      person_id: v.personId,
      login: v.login,
      password_hash: v.passwordHash,
      must_change_password: 1,
      is_active: 1,
      created_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return u.id;
}
