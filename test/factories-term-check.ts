import type { Db } from '../src/server/platform/db.js';
import { nowIso } from '../src/server/platform/db.js';
import { buildLessonPlan } from './factories-curriculum.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildRoleUsers,
  buildStudent,
  buildSubject,
  buildUser,
} from './factories.js';

/**
 * A small term for the end-of-term check (2026, 1st term) where the right numbers are known:
 * - ИС-21 (curator Кураторова), ОП.01 by Арбузова: the curriculum gives 6 theory + 2 practical = 8 h
 *   for the term; the timetable put four 2-hour lessons, one cancelled (6 h); two recorded (4 h):
 *   1 Oct a control work graded (5 and 3), 2 Oct a laboratory work without grades, Петров absent
 *   2 h; 3 Oct not recorded. Term grades: Иванов 5 (average 5), Петров 5 against the п. 4.2 check
 *   (average 3): one far from the average, one override. The КТП plans a control and two laboratory works.
 * - ПК-22 (no curator), МДК.02 by Борисенко: nothing in the curriculum for the term; one lesson, recorded.
 */
export async function buildTermCheckWorld(db: Db, orgId: number) {
  const users = await buildRoleUsers(db, orgId);
  const year = await buildAcademicYear(db, orgId, 2026);
  const termId = year.termIds[0];
  const teacherA = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Арбузова' });
  const teacherB = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Борисенко' });
  const curator = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Кураторова' });
  const g1 = await buildGroup(db, { orgId, name: 'ИС-21', curatorPersonId: curator.personId });
  const g2 = await buildGroup(db, { orgId, name: 'ПК-22' });
  const s1 = await buildSubject(db, orgId, { programId: g1.programId, code: 'ОП.01', name: 'Основы программирования' });
  const s2 = await buildSubject(db, orgId, { programId: g2.programId, code: 'МДК.02', name: 'Технология кулинарии' });
  await db
    .insertInto('curriculum_item_terms')
    .values({ organization_id: orgId, curriculum_item_id: s1.id, term_no: 1, theory_hours: 6, practical_hours: 2, self_study_hours: 4 })
    .execute();
  await buildLessonPlan(db, orgId, s1.id, {
    status: 'approved',
    lines: [
      { topic: 'Введение', hours: 2, lessonType: 'theory' },
      { topic: 'Контрольная работа', hours: 2, lessonType: 'control' },
      { topic: 'Лабораторная работа 1', hours: 2, lessonType: 'laboratory' },
      { topic: 'Лабораторная работа 2', hours: 2, lessonType: 'laboratory' },
    ],
  });
  const aA = await buildAssignment(db, { group: g1, teacherPersonId: teacherA.personId, termId, subjectId: s1.id });
  const aB = await buildAssignment(db, { group: g2, teacherPersonId: teacherB.personId, termId, subjectId: s2.id });
  const ivanov = await buildStudent(db, g1, { lastName: 'Иванов' });
  const petrov = await buildStudent(db, g1, { lastName: 'Петров' });
  const at = nowIso();
  const record = (id: number, works: string[]) =>
    db
      .updateTable('lessons')
      .set({ topic: 'Тема', recorded_at: at, work_types: works.length ? JSON.stringify(works) : null })
      .where('id', '=', id)
      .execute();
  const l1 = await buildLesson(db, aA, { date: '2026-10-01' });
  const l2 = await buildLesson(db, aA, { date: '2026-10-02' });
  await buildLesson(db, aA, { date: '2026-10-03' });
  const l4 = await buildLesson(db, aA, { date: '2026-10-04' });
  const b1 = await buildLesson(db, aB, { date: '2026-10-01' });
  await record(l1.id, ['control']);
  await record(l2.id, ['laboratory']);
  await record(b1.id, []);
  await db.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', l4.id).execute();
  const mark = (
    lessonId: number,
    studentId: number,
    kind: 'grade' | 'absence',
    value: string,
    workType: string | null,
    hours: number | null,
  ) => ({
    organization_id: orgId,
    lesson_id: lessonId,
    student_id: studentId,
    kind,
    value,
    work_type: workType,
    hours,
    comment: null,
    created_by_user_id: teacherA.id,
    created_at: at,
    updated_by_user_id: teacherA.id,
    updated_at: at,
  });
  await db
    .insertInto('marks')
    .values([
      mark(l1.id, ivanov.id, 'grade', '5', 'control', null),
      mark(l1.id, petrov.id, 'grade', '3', 'control', null),
      mark(l2.id, petrov.id, 'absence', 'н', null, 2),
    ])
    .execute();
  const tg = (studentId: number, value: string, reason: string | null) => ({
    organization_id: orgId,
    assignment_id: aA.id,
    student_id: studentId,
    kind: 'term' as const,
    value,
    override_reason: reason,
    missing: null,
    set_by_user_id: teacherA.id,
    set_at: at,
  });
  await db
    .insertInto('term_grades')
    .values([tg(ivanov.id, '5', null), tg(petrov.id, '5', 'Защитил проект')])
    .execute();
  return { users, termId, teacherA, teacherB, curator, groups: { g1, g2 }, assignments: { a: aA, b: aB } };
}
