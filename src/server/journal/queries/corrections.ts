import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

export type CorrectionStatus = 'pending' | 'approved' | 'rejected';

/** Correction requests with their lesson's date, group, subject and student (at most 500). */
export function correctionsJoined(db: Q, orgId: number, f: { status: CorrectionStatus | 'all'; requestedBy?: number; ids?: number[] }) {
  let q = db
    .selectFrom('correction_requests as c')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('students as s', 's.id', 'c.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .selectAll('c')
    .select([
      'l.date',
      'g.name as group_name',
      'ci.code as subject_code',
      'ci.name as subject_name',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('c.organization_id', '=', orgId);
  if (f.status !== 'all') q = q.where('c.status', '=', f.status);
  if (f.requestedBy !== undefined) q = q.where('c.requested_by_user_id', '=', f.requestedBy);
  if (f.ids) q = q.where('c.id', 'in', f.ids);
  return q
    .orderBy('c.requested_at', f.status === 'pending' ? 'asc' : 'desc')
    .limit(500)
    .execute();
}

export const findCorrection = (db: Q, orgId: number, id: number) =>
  db.selectFrom('correction_requests').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** A pending request of the same kind for the same mark (or for a missing mark) of a cell. */
export const pendingCorrectionOf = (
  db: Q,
  orgId: number,
  c: { lessonId: number; studentId: number; kind: 'grade' | 'absence'; markId: number | null },
) =>
  db
    .selectFrom('correction_requests')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', c.lessonId)
    .where('student_id', '=', c.studentId)
    .where('status', '=', 'pending')
    .where('kind', '=', c.kind)
    .where((eb) => (c.markId ? eb('mark_id', '=', c.markId) : eb('mark_id', 'is', null)))
    .executeTakeFirst();

export async function insertCorrection(
  tx: Tx,
  c: {
    orgId: number;
    lessonId: number;
    studentId: number;
    markId: number | null;
    kind: 'grade' | 'absence';
    oldValue: string | null;
    newValue: string | null;
    newWorkType: string | null;
    newWeight: number | null;
    reason: string;
    userId: number;
    at: string;
  },
): Promise<number> {
  const r = await tx
    .insertInto('correction_requests')
    .values({
      organization_id: c.orgId,
      lesson_id: c.lessonId,
      student_id: c.studentId,
      mark_id: c.markId,
      kind: c.kind,
      old_value: c.oldValue,
      new_value: c.newValue,
      new_work_type: c.newWorkType,
      new_weight: c.newWeight,
      reason: c.reason,
      status: 'pending',
      requested_by_user_id: c.userId,
      requested_at: c.at,
      decided_by_user_id: null,
      decided_at: null,
      decision_comment: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Decides a request that is still pending; false when it was decided meanwhile. */
export async function decideCorrection(
  tx: Tx,
  orgId: number,
  id: number,
  d: {
    status: 'approved' | 'rejected';
    userId: number;
    at: string;
    comment: string | null;
    markEventId?: number;
  },
): Promise<boolean> {
  const r = await tx
    .updateTable('correction_requests')
    .set({
      status: d.status,
      decided_by_user_id: d.userId,
      decided_at: d.at,
      decision_comment: d.comment,
      ...(d.markEventId ? { mark_event_id: d.markEventId } : {}),
    })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The requests of one cell, oldest first. */
export const correctionsOfCell = (db: Q, orgId: number, lessonId: number, studentId: number) =>
  db
    .selectFrom('correction_requests')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .orderBy('id')
    .execute();
