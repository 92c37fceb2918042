import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** A student's group on a date (else the latest one) and the subgroups they are in that day. */
export async function studentGroupOn(db: Q, orgId: number, studentId: number, date: string) {
  const m = await db
    .selectFrom('group_memberships')
    .select(['group_id', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .orderBy('start_date', 'desc')
    .execute();
  const at = m.find((x) => x.start_date <= date && (x.end_date === null || x.end_date >= date)) ?? m[0];
  if (!at) return null;
  const subs = await db
    .selectFrom('subgroup_memberships')
    .select('subgroup_id')
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .where('start_date', '<=', date)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .execute();
  return { groupId: at.group_id, subgroupIds: subs.map((s) => s.subgroup_id) };
}

/** Persons with the teacher role. */
export async function teacherPersonIds(db: Q, orgId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('staff_roles')
    .select('person_id')
    .distinct()
    .where('organization_id', '=', orgId)
    .where('role', '=', 'teacher')
    .execute();
  return rows.map((r) => r.person_id);
}

export async function isTeacher(db: Q, orgId: number, personId: number): Promise<boolean> {
  const r = await db
    .selectFrom('staff_roles')
    .select('person_id')
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('role', '=', 'teacher')
    .executeTakeFirst();
  return !!r;
}

/** Rooms the timetable names. */
export async function timetableRooms(db: Q, orgId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('timetable_entries')
    .select('room')
    .distinct()
    .where('organization_id', '=', orgId)
    .where('room', 'is not', null)
    .execute();
  return rows.map((r) => r.room!);
}

/** Moves into [from, to] of lessons whose slot date is outside it. */
export const changesMovedInto = (db: Q, orgId: number, from: string, to: string) =>
  db
    .selectFrom('timetable_changes')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('kind', '=', 'move')
    .where('to_date', '>=', from)
    .where('to_date', '<=', to)
    .where((eb) => eb.or([eb('date', '<', from), eb('date', '>', to)]))
    .execute();

export const entriesByIds = (db: Q, orgId: number, ids: number[]) =>
  ids.length
    ? db.selectFrom('timetable_entries').selectAll().where('organization_id', '=', orgId).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export const findEntry = (db: Q, orgId: number, id: number) =>
  db.selectFrom('timetable_entries').selectAll().where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();

export const findPersonName = (db: Q, orgId: number, personId: number) =>
  db
    .selectFrom('persons')
    .select(['last_name', 'first_name', 'middle_name'])
    .where('id', '=', personId)
    .where('organization_id', '=', orgId)
    .executeTakeFirst();

/** Students by id in the diary's order (by name). */
export const studentsByIds = (db: Q, orgId: number, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('students')
        .innerJoin('persons', 'persons.id', 'students.person_id')
        .select(['students.id', 'last_name', 'first_name', 'middle_name', 'sort_key'])
        .where('students.id', 'in', ids)
        .where('students.organization_id', '=', orgId)
        .orderBy('sort_key')
        .orderBy('students.id')
        .execute()
    : Promise.resolve([]);
