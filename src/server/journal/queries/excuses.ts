import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** Active excuses of students overlapping a period. */
export function excusesOverlapping(db: Q, orgId: number, studentIds: number[], from: string, to: string) {
  if (!studentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('absence_excuses')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('student_id', 'in', studentIds)
    .where('revoked_at', 'is', null)
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
    .orderBy('from_date')
    .execute();
}

/** The excuses of students, revoked ones included, newest first (at most 500). */
export function excusesOf(db: Q, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('absence_excuses')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('student_id', 'in', studentIds)
    .orderBy('from_date', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export const findExcuse = (db: Q, orgId: number, id: number) =>
  db.selectFrom('absence_excuses').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** The academic year a date falls in. */
export const academicYearOn = (db: Q, orgId: number, date: string) =>
  db
    .selectFrom('academic_years')
    .select(['start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();

/** The absences «н» of some students in a group's lessons of a period, with their hours and dates. */
export function groupAbsences(db: Q, orgId: number, groupId: number, studentIds: number[], from: string, to: string) {
  if (!studentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['m.student_id', 'm.hours', 'l.date'])
    .where('m.organization_id', '=', orgId)
    .where('a.group_id', '=', groupId)
    .where('m.kind', '=', 'absence')
    .where('m.value', '=', 'н')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .execute();
}

/** A student's absences «н» on the lessons of a period, whatever the group: how many and their hours. */
export async function absencesOfStudent(db: Q, orgId: number, studentId: number, from: string, to: string) {
  const r = await db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('m.hours').as('hours')])
    .where('m.organization_id', '=', orgId)
    .where('m.student_id', '=', studentId)
    .where('m.kind', '=', 'absence')
    .where('m.value', '=', 'н')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .executeTakeFirstOrThrow();
  return { absences: Number(r.n), hours: Number(r.hours ?? 0) };
}

export async function insertExcuse(
  tx: Tx,
  e: {
    orgId: number;
    studentId: number;
    fromDate: string;
    toDate: string;
    reason: string;
    document: string | null;
    userId: number;
    at: string;
  },
): Promise<number> {
  const r = await tx
    .insertInto('absence_excuses')
    .values({
      organization_id: e.orgId,
      student_id: e.studentId,
      from_date: e.fromDate,
      to_date: e.toDate,
      reason: e.reason,
      document: e.document,
      created_by_user_id: e.userId,
      created_at: e.at,
      revoked_at: null,
      revoked_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const revokeExcuseRow = (tx: Tx, orgId: number, id: number, userId: number, at: string) =>
  tx
    .updateTable('absence_excuses')
    .set({ revoked_at: at, revoked_by_user_id: userId })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();
