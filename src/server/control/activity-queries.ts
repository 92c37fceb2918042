import { sql } from 'kysely';
import type { Db } from '../platform/db.js';

// The SQL of the monthly activity report (п. 6.1, 3.7). Instants are ISO strings in UTC, so a
// half-open range [from, to) of them compares as text on both engines.

export async function orgTimeZone(db: Db, orgId: number): Promise<string> {
  return (await db.selectFrom('organizations').select('time_zone').where('id', '=', orgId).executeTakeFirstOrThrow()).time_zone;
}

/** Per user: logins and other audited actions in [from, to). */
export async function auditCountsByUser(db: Db, orgId: number, from: string, to: string) {
  return db
    .selectFrom('audit_log')
    .select([
      'actor_user_id',
      sql<number>`sum(case when action = 'auth.login' then 1 else 0 end)`.as('logins'),
      sql<number>`sum(case when action like 'auth.%' then 0 else 1 end)`.as('actions'),
    ])
    .where('organization_id', '=', orgId)
    .where('actor_user_id', 'is not', null)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('actor_user_id')
    .execute();
}

/** Per user: marks and absences written in [from, to) (kept in mark_events, not in the audit log). */
export async function markEventCountsByUser(db: Db, orgId: number, from: string, to: string) {
  return db
    .selectFrom('mark_events')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', orgId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('user_id')
    .execute();
}

/** Every user of the college with the roles their person holds (staff, curator, student, guardian). */
export async function usersWithRoles(db: Db, orgId: number) {
  const [users, staff, curators, students, guardians] = await Promise.all([
    db.selectFrom('users').select(['id', 'person_id', 'last_login_at']).where('organization_id', '=', orgId).execute(),
    db.selectFrom('staff_roles').select(['person_id', 'role']).distinct().where('organization_id', '=', orgId).execute(),
    db
      .selectFrom('groups')
      .select('curator_person_id')
      .distinct()
      .where('organization_id', '=', orgId)
      .where('status', '=', 'active')
      .where('curator_person_id', 'is not', null)
      .execute(),
    db.selectFrom('students').select('person_id').where('organization_id', '=', orgId).where('status', '=', 'active').execute(),
    db.selectFrom('guardian_links').select('guardian_person_id').distinct().where('organization_id', '=', orgId).execute(),
  ]);
  return {
    users,
    staff,
    curatorPersonIds: curators.map((c) => c.curator_person_id!),
    studentPersonIds: students.map((s) => s.person_id),
    guardianPersonIds: guardians.map((g) => g.guardian_person_id),
  };
}

/** The held (not cancelled) lessons dated in [from, through], with who taught them and when they were recorded. */
export async function lessonsBetween(db: Db, orgId: number, from: string, through: string) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('persons as p', 'p.id', 'l.teacher_person_id')
    .select(['l.teacher_person_id', 'l.date', 'l.recorded_at', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('l.organization_id', '=', orgId)
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '>=', from)
    .where('l.date', '<=', through)
    .execute();
}

export async function activeGroups(db: Db, orgId: number) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'course'])
    .where('organization_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('course')
    .orderBy('sort_key')
    .execute();
}
