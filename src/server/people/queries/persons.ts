import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { DB } from '../../platform/schema.js';

type Q = Db | Tx;
export type PersonValues = Omit<Insertable<DB['persons']>, 'id' | 'organization_id' | 'created_at' | 'updated_at'>;

// Persons of the college, their logins and the college's people settings: what every use case reads.

export async function personById(db: Q, orgId: number, personId: number) {
  return db.selectFrom('persons').selectAll().where('organization_id', '=', orgId).where('id', '=', personId).executeTakeFirst();
}

export async function insertPerson(db: Q, orgId: number, values: PersonValues, now: string): Promise<number> {
  const r = await db
    .insertInto('persons')
    .values({ organization_id: orgId, ...values, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePersonRow(db: Q, orgId: number, personId: number, values: Updateable<DB['persons']>, now: string) {
  await db
    .updateTable('persons')
    .set({ ...values, updated_at: now })
    .where('organization_id', '=', orgId)
    .where('id', '=', personId)
    .execute();
}

/** The user (login) of each person, in chunks of 500. */
export async function usersOfPersons(db: Q, orgId: number, personIds: number[]) {
  const out = [];
  for (let i = 0; i < personIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'person_id', 'login', 'last_login_at', 'must_change_password'])
        .where('organization_id', '=', orgId)
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** The student record of a person, if they are a student. */
export async function studentOfPerson(db: Q, orgId: number, personId: number) {
  return db.selectFrom('students').select('id').where('organization_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
}

export async function groupName(db: Q, orgId: number, groupId: number): Promise<string | undefined> {
  const g = await db.selectFrom('groups').select('name').where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();
  return g?.name;
}

/** The organization's settings, as stored (JSON). */
export async function orgSettingsText(db: Q, orgId: number): Promise<string> {
  return (await db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow()).settings;
}

export async function saveOrgSettingsText(db: Q, orgId: number, settings: string) {
  await db.updateTable('organizations').set({ settings }).where('id', '=', orgId).execute();
}

export async function orgShortName(db: Q, orgId: number): Promise<string> {
  return (await db.selectFrom('organizations').select('short_name').where('id', '=', orgId).executeTakeFirstOrThrow()).short_name;
}

/** The students of a group on a date (by dated membership), with their subgroup then. */
export async function studentsOn(db: Q, orgId: number, groupId: number, date: string, only: Set<number> | null = null) {
  const rows = await db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.person_id',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'p.birth_date',
      'p.phone',
      'p.email',
      (eb) =>
        eb
          .selectFrom('subgroup_memberships as sm')
          .innerJoin('subgroups as sg', 'sg.id', 'sm.subgroup_id')
          .select('sg.name')
          .whereRef('sm.student_id', '=', 's.id')
          .where('sm.organization_id', '=', orgId)
          .where('sg.group_id', '=', groupId)
          .where('sm.start_date', '<=', date)
          .where((e) => e.or([e('sm.end_date', 'is', null), e('sm.end_date', '>=', date)]))
          .limit(1)
          .as('subgroup'),
    ])
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', '=', groupId)
    .where('gm.start_date', '<=', date)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', date)]))
    .orderBy('p.sort_key')
    .execute();
  return only ? rows.filter((r) => only.has(r.id)) : rows;
}

/** The guardians linked to the students. */
export async function guardiansOf(db: Q, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db
    .selectFrom('guardian_links as gl')
    .innerJoin('persons as p', 'p.id', 'gl.guardian_person_id')
    .select(['gl.student_id', 'gl.relation', 'p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.phone', 'p.email'])
    .where('gl.organization_id', '=', orgId)
    .where('gl.student_id', 'in', studentIds)
    .orderBy('p.sort_key')
    .execute();
}
