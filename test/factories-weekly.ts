import type { Db } from '../src/server/platform/db.js';
import { buildLesson, buildMark, buildStudent } from './factories.js';
import { buildFillWorld } from './factories-control.js';

/**
 * The fill world (factories-control.ts, the week of Mon 23 – Sun 29 Nov 2026) with what the
 * deputy's weekly check counts besides the fill:
 * - teacher B substitutes teacher A in ИС-21 on 25 Nov and records it on the day;
 * - grades: in ИС-21 Белова 2 (27 and 28 Nov), Волков 1 (26 Nov); in ПК-22 Гусев 1 (28 Nov); grades
 *   on a lesson of the week before and on a cancelled lesson do not count;
 * - corrections on teacher A's lessons: one asked on 27 Nov and approved the same day, one asked on
 *   22 Nov (the week before) and approved on 23 Nov;
 * - remarks: one open on teacher A's journal, one open on teacher B, one confirmed (not counted).
 */
export async function buildWeeklyWorld(db: Db, orgId: number) {
  const w = await buildFillWorld(db, orgId);
  const { a, b } = w.assignments;
  const g1 = { id: a.groupId, orgId };
  const g2 = { id: b.groupId, orgId };
  const s1 = await buildStudent(db, g1, { lastName: 'Белова' });
  const s2 = await buildStudent(db, g1, { lastName: 'Волков', firstName: 'Виктор' });
  const s3 = await buildStudent(db, g2, { lastName: 'Гусев', firstName: 'Глеб' });
  const sub = await buildLesson(db, a, { date: '2026-11-25', pairNo: 2, teacherPersonId: w.teacherB.personId });
  await db.updateTable('lessons').set({ topic: 'Замена', recorded_at: '2026-11-25T05:00:00.000Z' }).where('id', '=', sub.id).execute();
  const before = await buildLesson(db, a, { date: '2026-11-20', pairNo: 1 });
  const mark = (lessonId: number, studentId: number, value: string) =>
    buildMark(db, { orgId, lessonId, studentId, userId: w.teacherA.id, value });
  const m1 = await mark(w.lessons.a28p1.id, s1.id, '5');
  await mark(w.lessons.a27.id, s1.id, '4');
  await mark(w.lessons.a26.id, s2.id, '3');
  await mark(w.lessons.a27.id, s2.id, 'н');
  await mark(w.lessons.b28p1.id, s3.id, '5');
  await mark(before.id, s1.id, '5');
  await mark(w.lessons.b28p3.id, s3.id, '4');
  const correction = (lessonId: number, requestedAt: string, decidedAt: string) =>
    db
      .insertInto('correction_requests')
      .values({
        organization_id: orgId,
        lesson_id: lessonId,
        student_id: s1.id,
        mark_id: m1.id,
        kind: 'grade',
        old_value: '5',
        new_value: '4',
        new_work_type: null,
        new_weight: null,
        reason: 'Ошибка',
        status: 'approved',
        requested_by_user_id: w.teacherA.id,
        requested_at: requestedAt,
        decided_by_user_id: w.users.deputy.id,
        decided_at: decidedAt,
        decision_comment: null,
      })
      .execute();
  await correction(w.lessons.a28p1.id, '2026-11-27T02:00:00.000Z', '2026-11-27T03:00:00.000Z');
  await correction(before.id, '2026-11-22T13:00:00.000Z', '2026-11-23T01:00:00.000Z');
  const remark = (o: { assignmentId: number | null; personId: number; status: 'open' | 'confirmed' }) =>
    db
      .insertInto('remarks')
      .values({
        organization_id: orgId,
        target_kind: o.assignmentId ? 'journal' : 'teacher',
        assignment_id: o.assignmentId,
        lesson_id: null,
        teacher_person_id: o.personId,
        commission_id: null,
        text: 'Замечание',
        due_date: '2026-12-01',
        status: o.status,
        author_user_id: w.users.methodist.id,
        created_at: '2026-11-24T00:00:00.000Z',
        updated_at: '2026-11-24T00:00:00.000Z',
      })
      .execute();
  await remark({ assignmentId: a.id, personId: w.teacherA.personId, status: 'open' });
  await remark({ assignmentId: null, personId: w.teacherB.personId, status: 'open' });
  await remark({ assignmentId: b.id, personId: w.teacherB.personId, status: 'confirmed' });
  return { ...w, students: { s1, s2, s3 }, substitution: sub };
}
