import type { DayChange } from '../../../domain/timetable.js';
import { nowIso, type Db, type Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** Is anything recorded in a lesson (its topic, or marks)? */
export async function hasRecords(db: Q, orgId: number, lessonId: number): Promise<boolean> {
  const l = await db
    .selectFrom('lessons')
    .select('recorded_at')
    .where('id', '=', lessonId)
    .where('organization_id', '=', orgId)
    .executeTakeFirst();
  if (l?.recorded_at) return true;
  const m = await db
    .selectFrom('mark_events')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', lessonId)
    .limit(1)
    .executeTakeFirst();
  return !!m;
}

/** The lesson of a timetable slot (entry, slot date). */
export const lessonOfSlot = (db: Q, orgId: number, entryId: number, slotDate: string) =>
  db
    .selectFrom('lessons')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('timetable_entry_id', '=', entryId)
    .where('slot_date', '=', slotDate)
    .executeTakeFirst();

export const changeOfSlot = (db: Q, orgId: number, entryId: number, date: string) =>
  db
    .selectFrom('timetable_changes')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('entry_id', '=', entryId)
    .where('date', '=', date)
    .executeTakeFirst();

/** A change with the group of its entry. */
export const findChange = (db: Q, orgId: number, id: number) =>
  db
    .selectFrom('timetable_changes')
    .innerJoin('timetable_entries', 'timetable_entries.id', 'timetable_changes.entry_id')
    .select([
      'timetable_changes.id',
      'timetable_changes.date',
      'timetable_changes.kind',
      'timetable_entries.group_id',
      'timetable_changes.entry_id',
    ])
    .where('timetable_changes.id', '=', id)
    .where('timetable_changes.organization_id', '=', orgId)
    .executeTakeFirst();

export async function deleteChangeRow(tx: Tx, orgId: number, id: number) {
  await tx.deleteFrom('timetable_changes').where('id', '=', id).where('organization_id', '=', orgId).execute();
}

export type NewChange = Omit<DayChange, 'id'> & { reason: string | null; userId: number };

export async function insertChange(tx: Tx, orgId: number, c: NewChange): Promise<number> {
  const r = await tx
    .insertInto('timetable_changes')
    .values({
      organization_id: orgId,
      entry_id: c.entryId,
      date: c.date,
      kind: c.kind,
      to_date: c.toDate,
      to_pair_no: c.toPairNo,
      room: c.room,
      assignment_id: c.assignmentId,
      teacher_person_id: c.teacherPersonId,
      reason: c.reason,
      created_by_user_id: c.userId,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface NewUnscheduled {
  assignmentId: number;
  date: string;
  pairNo: number;
  teacherPersonId: number;
  room: string | null;
  reason: string;
}

/** A lesson outside the timetable (source 'manual'). */
export async function insertUnscheduledLesson(tx: Tx, orgId: number, l: NewUnscheduled): Promise<number> {
  const now = nowIso();
  const r = await tx
    .insertInto('lessons')
    .values({
      organization_id: orgId,
      assignment_id: l.assignmentId,
      date: l.date,
      pair_no: l.pairNo,
      hours: 2,
      planned_teacher_person_id: l.teacherPersonId,
      teacher_person_id: l.teacherPersonId,
      room: l.room,
      status: 'scheduled',
      source: 'manual',
      unscheduled_reason: l.reason,
      topic: null,
      work_done: null,
      homework: null,
      recorded_at: null,
      recorded_by_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
      timetable_entry_id: null,
      slot_date: null,
      change_id: null,
      detached: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const findLesson = (db: Q, orgId: number, id: number) =>
  db
    .selectFrom('lessons')
    .select(['id', 'source', 'teacher_person_id', 'date', 'pair_no'])
    .where('id', '=', id)
    .where('organization_id', '=', orgId)
    .executeTakeFirst();

export async function deleteLesson(tx: Tx, orgId: number, id: number) {
  await tx.deleteFrom('lessons').where('id', '=', id).where('organization_id', '=', orgId).execute();
}

/**
 * Lessons in [from, to] held by someone other than the planned teacher, with the change's reason;
 * with `personId`, only those that teacher held or handed over.
 */
export function substitutedLessons(db: Q, orgId: number, from: string, to: string, personId: number | null) {
  let q = db
    .selectFrom('lessons')
    .innerJoin('assignments', 'assignments.id', 'lessons.assignment_id')
    .leftJoin('timetable_changes', 'timetable_changes.id', 'lessons.change_id')
    .select([
      'lessons.id',
      'lessons.date',
      'lessons.pair_no',
      'lessons.hours',
      'lessons.planned_teacher_person_id',
      'lessons.teacher_person_id',
      'lessons.recorded_at',
      'lessons.assignment_id',
      'assignments.group_id',
      'assignments.subgroup_id',
      'timetable_changes.reason',
    ])
    .where('lessons.organization_id', '=', orgId)
    .where('lessons.status', '=', 'scheduled')
    .whereRef('lessons.teacher_person_id', '!=', 'lessons.planned_teacher_person_id')
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to);
  if (personId !== null)
    q = q.where((eb) => eb.or([eb('lessons.teacher_person_id', '=', personId), eb('lessons.planned_teacher_person_id', '=', personId)]));
  return q.orderBy('lessons.date').orderBy('lessons.pair_no').execute();
}
