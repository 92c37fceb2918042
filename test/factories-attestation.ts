import { nowIso, type Db } from '../src/server/platform/db.js';

// Builders for the attestation and family areas.

/** A corrected mark: the current value changes and an 'update' event records old → new and why. */
export async function buildMarkCorrection(db: Db, o: { markId: number; userId: number; value: string; reason: string; at?: string }) {
  const m = await db.selectFrom('marks').selectAll().where('id', '=', o.markId).executeTakeFirstOrThrow();
  const at = o.at ?? nowIso();
  await db
    .updateTable('marks')
    .set({ value: o.value, version: m.version + 1, updated_by_user_id: o.userId, updated_at: at })
    .where('id', '=', m.id)
    .execute();
  await db
    .insertInto('mark_events')
    .values({
      organization_id: m.organization_id,
      mark_id: m.id,
      lesson_id: m.lesson_id,
      student_id: m.student_id,
      kind: m.kind,
      action: 'update',
      old_value: m.value,
      new_value: o.value,
      old_work_type: m.work_type,
      new_work_type: m.work_type,
      old_weight: m.weight,
      new_weight: m.weight,
      reason: o.reason,
      correction_request_id: null,
      user_id: o.userId,
      at,
    })
    .execute();
}

/** A term grade as the sheet sets it, with its event. */
export async function buildTermGrade(
  db: Db,
  o: { orgId: number; assignmentId: number; studentId: number; userId: number; value: string; kind?: 'term' | 'exam' | 'final' },
) {
  const at = nowIso();
  const kind = o.kind ?? 'term';
  const r = await db
    .insertInto('term_grades')
    .values({
      organization_id: o.orgId,
      assignment_id: o.assignmentId,
      student_id: o.studentId,
      kind,
      value: o.value,
      override_reason: null,
      missing: null,
      version: 1,
      set_by_user_id: o.userId,
      set_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('term_grade_events')
    .values({
      organization_id: o.orgId,
      term_grade_id: r.id,
      assignment_id: o.assignmentId,
      student_id: o.studentId,
      kind,
      old_value: null,
      new_value: o.value,
      reason: null,
      user_id: o.userId,
      at,
    })
    .execute();
  return { id: r.id };
}
