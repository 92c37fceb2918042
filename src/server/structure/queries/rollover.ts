import { fullName } from '../../../domain/text.js';
import type { Db, Tx } from '../../platform/db.js';
import type { RolloverChanges } from '../rollover.js';

// SQL of the year rollover (rollover.ts).

/** Active groups with their program's length and the students on their lists now. */
export const rolloverGroups = (db: Db | Tx, orgId: number) =>
  db
    .selectFrom('groups as g')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.program_id',
      'g.intake_year',
      'p.duration_terms',
      (eb) =>
        eb
          .selectFrom('group_memberships as gm')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('gm.group_id', '=', 'g.id')
          .where('gm.end_date', 'is', null)
          .as('students'),
    ])
    .where('g.organization_id', '=', orgId)
    .where('g.status', '=', 'active')
    .orderBy('g.course')
    .orderBy('g.sort_key')
    .execute();

/** The active students on the lists of these groups, by name. */
export async function activeMembersOf(db: Db | Tx, orgId: number, groupIds: number[]) {
  if (!groupIds.length) return [];
  const rows = await db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['gm.group_id', 's.id', 's.status', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', 'in', groupIds)
    .where('gm.end_date', 'is', null)
    .where('s.status', '=', 'active')
    .orderBy('p.sort_key')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ groupId: r.group_id, studentId: r.id, status: r.status, fullName: fullName(r) }));
}

/** A student's open group and subgroup memberships, as rows to restore. */
export async function openMemberships(tx: Tx, orgId: number, studentId: number) {
  const [groups, subgroups] = await Promise.all([
    tx
      .selectFrom('group_memberships')
      .selectAll()
      .where('organization_id', '=', orgId)
      .where('student_id', '=', studentId)
      .where('end_date', 'is', null)
      .execute(),
    tx
      .selectFrom('subgroup_memberships')
      .selectAll()
      .where('organization_id', '=', orgId)
      .where('student_id', '=', studentId)
      .where('end_date', 'is', null)
      .execute(),
  ]);
  return { groups, subgroups };
}

/** The college's last rollover with the names of its year and author. */
export const lastRollover = (db: Db | Tx, orgId: number) =>
  db
    .selectFrom('year_rollovers as r')
    .innerJoin('academic_years as y', 'y.id', 'r.from_year_id')
    .leftJoin('users as u', 'u.id', 'r.created_by_user_id')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .selectAll('r')
    .select(['y.name as from_year_name', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('r.organization_id', '=', orgId)
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const doneRolloverFrom = (db: Db | Tx, orgId: number, fromYearId: number) =>
  db
    .selectFrom('year_rollovers')
    .select(['id', 'order_no', 'effective_date'])
    .where('organization_id', '=', orgId)
    .where('from_year_id', '=', fromYearId)
    .where('status', '=', 'done')
    .executeTakeFirst();

/** The date of the first mark on a lesson on or after the date, if any. */
export const firstMarkFrom = (db: Db | Tx, orgId: number, date: string) =>
  db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select('l.date')
    .where('m.organization_id', '=', orgId)
    .where('l.date', '>=', date)
    .orderBy('l.date')
    .limit(1)
    .executeTakeFirst();

/** Movements of these students recorded after the given event ids. */
export async function laterMovements(db: Db | Tx, orgId: number, events: { studentId: number; eventId: number }[]) {
  if (!events.length) return [];
  const minId = Math.min(...events.map((e) => e.eventId));
  const rows = await db
    .selectFrom('enrollment_events')
    .select(['id', 'student_id'])
    .where('organization_id', '=', orgId)
    .where(
      'student_id',
      'in',
      events.map((e) => e.studentId),
    )
    .where('id', '>', minId)
    .execute();
  const after = new Map(events.map((e) => [e.studentId, e.eventId]));
  return rows.filter((r) => r.id > after.get(r.student_id)!);
}

/** Whether anything (teaching load, the timetable) is built on the terms of a year. */
export async function yearInUse(db: Db | Tx, orgId: number, yearId: number): Promise<boolean> {
  const terms = await db
    .selectFrom('terms')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('academic_year_id', '=', yearId)
    .execute();
  if (!terms.length) return false;
  const ids = terms.map((t) => t.id);
  const [a, t] = await Promise.all([
    db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('term_id', 'in', ids).limit(1).executeTakeFirst(),
    db
      .selectFrom('timetable_entries')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('term_id', 'in', ids)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return !!(a || t);
}

export const yearsNewestFirst = (db: Db | Tx, orgId: number) =>
  db.selectFrom('academic_years').selectAll().where('organization_id', '=', orgId).orderBy('start_date', 'desc').execute();

/** Programs with a curriculum for the intake of that year. */
export const intakeCurricula = (db: Db | Tx, orgId: number, intakeYear: number) =>
  db.selectFrom('curricula').select('program_id').where('organization_id', '=', orgId).where('intake_year', '=', intakeYear).execute();

export const termsOfYear = (db: Db | Tx, orgId: number, yearId: number) =>
  db
    .selectFrom('terms')
    .select(['number', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('academic_year_id', '=', yearId)
    .orderBy('number')
    .execute();

export const setGroupCourse = (tx: Tx, orgId: number, groupId: number, course: number) =>
  tx.updateTable('groups').set({ course }).where('organization_id', '=', orgId).where('id', '=', groupId).execute();

/** Back to the course it had, unless it was changed since; false then. */
export async function restoreGroupCourse(tx: Tx, orgId: number, groupId: number, from: number, to: number): Promise<boolean> {
  const u = await tx
    .updateTable('groups')
    .set({ course: from })
    .where('organization_id', '=', orgId)
    .where('id', '=', groupId)
    .where('course', '=', to)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

export const setGroupStatus = (tx: Tx, orgId: number, groupId: number, status: 'active' | 'graduated') =>
  tx.updateTable('groups').set({ status }).where('organization_id', '=', orgId).where('id', '=', groupId).execute();

export const groupNameOf = (db: Db | Tx, orgId: number, groupId: number) =>
  db.selectFrom('groups').select('name').where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();

export const rolloverRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('year_rollovers').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export async function insertRollover(
  tx: Tx,
  orgId: number,
  r: {
    fromYearId: number;
    newYearId: number;
    newYear: { name: string; startDate: string };
    createdYear: boolean;
    effectiveDate: string;
    orderNo: string;
    changes: RolloverChanges;
    userId: number;
    at: string;
  },
): Promise<number> {
  return (
    await tx
      .insertInto('year_rollovers')
      .values({
        organization_id: orgId,
        from_year_id: r.fromYearId,
        new_year_id: r.newYearId,
        new_year_name: r.newYear.name,
        new_year_start: r.newYear.startDate,
        created_year: r.createdYear ? 1 : 0,
        effective_date: r.effectiveDate,
        order_no: r.orderNo,
        changes: JSON.stringify(r.changes),
        status: 'done',
        created_by_user_id: r.userId,
        created_at: r.at,
        undone_by_user_id: null,
        undone_at: null,
        undo_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export const markRolloverUndone = (tx: Tx, orgId: number, id: number, userId: number, at: string, reason: string) =>
  tx
    .updateTable('year_rollovers')
    .set({ status: 'undone', undone_by_user_id: userId, undone_at: at, undo_reason: reason })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();

/** Puts a graduate back as before the rollover: the graduation event goes, the memberships it closed reopen, the status returns. */
export async function restoreGraduate(tx: Tx, orgId: number, g: RolloverChanges['graduates'][number]): Promise<void> {
  await tx.deleteFrom('enrollment_events').where('organization_id', '=', orgId).where('id', '=', g.eventId).execute();
  for (const m of g.groups) {
    const u = await tx
      .updateTable('group_memberships')
      .set({ end_date: m.end_date })
      .where('organization_id', '=', orgId)
      .where('id', '=', m.id)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) {
      await tx
        .insertInto('group_memberships')
        .values({ organization_id: orgId, student_id: m.student_id, group_id: m.group_id, start_date: m.start_date, end_date: m.end_date })
        .execute();
    }
  }
  for (const m of g.subgroups) {
    const u = await tx
      .updateTable('subgroup_memberships')
      .set({ end_date: m.end_date })
      .where('organization_id', '=', orgId)
      .where('id', '=', m.id)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) {
      await tx
        .insertInto('subgroup_memberships')
        .values({
          organization_id: orgId,
          student_id: m.student_id,
          subgroup_id: m.subgroup_id,
          start_date: m.start_date,
          end_date: m.end_date,
        })
        .execute();
    }
  }
  await tx
    .updateTable('students')
    .set({ status: g.status as 'active' })
    .where('organization_id', '=', orgId)
    .where('id', '=', g.studentId)
    .execute();
}

/** Removes a year the rollover created, with its terms. */
export async function deleteYear(tx: Tx, orgId: number, yearId: number): Promise<void> {
  await tx.deleteFrom('terms').where('organization_id', '=', orgId).where('academic_year_id', '=', yearId).execute();
  await tx.deleteFrom('academic_years').where('organization_id', '=', orgId).where('id', '=', yearId).execute();
}
