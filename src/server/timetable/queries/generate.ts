import type { Occurrence } from '../../../domain/timetable.js';
import { nowIso, type Tx } from '../../platform/db.js';

/** Timetable lessons (not detached) of slot dates in [from, to], optionally of some groups only. */
export function timetableLessons(tx: Tx, orgId: number, range: { from: string; to: string; groupIds?: number[] }) {
  let q = tx
    .selectFrom('lessons')
    .select([
      'lessons.id',
      'lessons.timetable_entry_id',
      'lessons.slot_date',
      'lessons.assignment_id',
      'lessons.date',
      'lessons.pair_no',
      'lessons.planned_teacher_person_id',
      'lessons.teacher_person_id',
      'lessons.room',
      'lessons.status',
      'lessons.change_id',
      'lessons.recorded_at',
    ])
    .where('lessons.organization_id', '=', orgId)
    .where('lessons.source', '=', 'timetable')
    .where('lessons.detached', '=', 0)
    .where('lessons.slot_date', '>=', range.from)
    .where('lessons.slot_date', '<=', range.to);
  if (range.groupIds) {
    q = q.innerJoin('assignments', 'assignments.id', 'lessons.assignment_id').where('assignments.group_id', 'in', range.groupIds);
  }
  return q.execute();
}

/** Of these lessons, those with marks (current or in their history). */
export async function lessonsWithMarks(tx: Tx, orgId: number, lessonIds: number[]): Promise<number[]> {
  if (!lessonIds.length) return [];
  const [marks, events] = await Promise.all([
    tx
      .selectFrom('marks')
      .select('lesson_id')
      .distinct()
      .where('organization_id', '=', orgId)
      .where('lesson_id', 'in', lessonIds)
      .execute(),
    tx
      .selectFrom('mark_events')
      .select('lesson_id')
      .distinct()
      .where('organization_id', '=', orgId)
      .where('lesson_id', 'in', lessonIds)
      .execute(),
  ]);
  return [...marks, ...events].map((m) => m.lesson_id);
}

export async function deleteLessons(tx: Tx, orgId: number, ids: number[]) {
  if (ids.length) await tx.deleteFrom('lessons').where('organization_id', '=', orgId).where('id', 'in', ids).execute();
}

/** The lessons lose their slot but stay (they have records). */
export async function detachLessons(tx: Tx, orgId: number, ids: number[]) {
  if (ids.length)
    await tx
      .updateTable('lessons')
      .set({ detached: 1, slot_date: null, updated_at: nowIso() })
      .where('organization_id', '=', orgId)
      .where('id', 'in', ids)
      .execute();
}

export type LessonSlotFields = {
  timetable_entry_id: number;
  slot_date: string;
  change_id: number | null;
  room: string | null;
  assignment_id?: number;
  date?: string;
  pair_no?: number | null;
  planned_teacher_person_id?: number;
  teacher_person_id?: number;
  status?: 'scheduled' | 'cancelled';
};

export async function updateLessonSlot(tx: Tx, orgId: number, id: number, set: LessonSlotFields) {
  await tx
    .updateTable('lessons')
    .set({ ...set, updated_at: nowIso(), version: (eb) => eb('version', '+', 1) })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function insertTimetableLessons(tx: Tx, orgId: number, slots: Occurrence[]) {
  if (!slots.length) return;
  const now = nowIso();
  await tx
    .insertInto('lessons')
    .values(
      slots.map((o) => ({
        organization_id: orgId,
        assignment_id: o.assignmentId,
        date: o.date,
        pair_no: o.pairNo,
        hours: 2,
        planned_teacher_person_id: o.plannedTeacherPersonId,
        teacher_person_id: o.teacherPersonId,
        room: o.room,
        status: o.status,
        source: 'timetable',
        unscheduled_reason: null,
        topic: null,
        work_done: null,
        homework: null,
        recorded_at: null,
        recorded_by_user_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
        timetable_entry_id: o.entryId,
        slot_date: o.slotDate,
        change_id: o.changeId,
        detached: 0,
      })),
    )
    .execute();
}
