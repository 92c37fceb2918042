import { nowIso, type Db } from '../src/server/platform/db.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildMark,
  buildRoleUsers,
  buildStudent,
  buildSubgroup,
  buildSubject,
  buildUser,
} from './factories.js';
import { buildTermGrade } from './factories-attestation.js';
import { buildBells } from './factories-timetable.js';

/**
 * A college on the test clock (Sunday 29 Nov 2026, 06:00 in Vladivostok) for the home pages:
 * - group ИС-21 (the curator's; ОП.01 of ПЦК 1, whose chair is built) with Алексеева, Борисов
 *   (both since 2025) and Васильева (since 2026); group ПК-22 (the specialist's direction; МДК.02 of
 *   ПЦК 2) with Громов;
 * - today: Алексеева «н» 2 h and «оп» (late, not an absence), Борисов «б» 2 h, Громов «н» 2 h;
 *   on Tuesday 24 Nov Васильева «н» 2 h under a справка; on 20 Nov (the week before) Васильева «н»;
 * - unrecorded: ОП.01 on 25 and 26 Nov, МДК.02 on 26 Nov, ОП.01 today pair 2 (not ended), a
 *   cancelled ОП.01 lesson on 23 Nov;
 * - the 2nd term of 2025/2026 (ended): ИС-21 ОП.01 Алексеева «5», Борисов «2»; ЕН.01 Алексеева
 *   term «2» with exam «4», Борисов no result; ИН.01 for subgroup 1 (Алексеева only) «н/а»;
 *   ПК-22 МДК.02 Громов «3».
 */
export async function buildHomeWorld(db: Db, orgId: number) {
  const users = await buildRoleUsers(db, orgId);
  await buildBells(db, orgId);
  const past = await buildAcademicYear(db, orgId, 2025);
  const year = await buildAcademicYear(db, orgId, 2026);
  const [pastTerm, termId] = [past.termIds[1], year.termIds[0]];
  const commission = (name: string) =>
    db
      .insertInto('subject_commissions')
      .values({ organization_id: orgId, name, chair_person_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
  const c1 = await commission('ПЦК информационных технологий');
  const c2 = await commission('ПЦК поварского дела');
  const chair = await buildUser(db, { orgId, roles: ['chair'], commissionId: c1.id, lastName: 'Председателева' });
  const curator = await buildUser(db, { orgId, lastName: 'Кураторова' });
  const teacherA = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Арбузова' });
  const teacherB = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Борисенко' });
  const g1 = await buildGroup(db, { orgId, name: 'ИС-21', curatorPersonId: curator.personId });
  const g2 = await buildGroup(db, { orgId, name: 'ПК-22' });
  const sub1 = await buildSubgroup(db, g1);
  const s1 = await buildStudent(db, g1, { lastName: 'Алексеева', since: '2025-09-01', subgroupId: sub1.id });
  const s2 = await buildStudent(db, g1, { lastName: 'Борисов', firstName: 'Иван', since: '2025-09-01' });
  const s3 = await buildStudent(db, g1, { lastName: 'Васильева' });
  const s4 = await buildStudent(db, g2, { lastName: 'Громов', firstName: 'Пётр', since: '2025-09-01' });
  await db
    .insertInto('specialist_directions')
    .values({ organization_id: orgId, person_id: users.specialist.personId, group_id: g2.id, student_id: null })
    .execute();
  const op = await buildSubject(db, orgId, {
    programId: g1.programId,
    code: 'ОП.01',
    name: 'Основы программирования',
    commissionId: c1.id,
  });
  const en = await buildSubject(db, orgId, { programId: g1.programId, code: 'ЕН.01', name: 'Математика', commissionId: c1.id });
  const inn = await buildSubject(db, orgId, { programId: g1.programId, code: 'ИН.01', name: 'Иностранный язык', commissionId: c1.id });
  const mdk = await buildSubject(db, orgId, { programId: g2.programId, code: 'МДК.02', name: 'Технология кулинарии', commissionId: c2.id });

  // This term: absences and the journals behind.
  const aA = await buildAssignment(db, { group: g1, teacherPersonId: teacherA.personId, termId, subjectId: op.id });
  const aB = await buildAssignment(db, { group: g2, teacherPersonId: teacherB.personId, termId, subjectId: mdk.id });
  const mark = (lessonId: number, studentId: number, value: string) =>
    buildMark(db, { orgId, lessonId, studentId, userId: teacherA.id, value, kind: 'absence', hours: 2 });
  const l = {
    a20: await buildLesson(db, aA, { date: '2026-11-20', topic: 'Тема' }),
    a23: await buildLesson(db, aA, { date: '2026-11-23' }),
    a24: await buildLesson(db, aA, { date: '2026-11-24', topic: 'Тема' }),
    a25: await buildLesson(db, aA, { date: '2026-11-25' }),
    a26: await buildLesson(db, aA, { date: '2026-11-26' }),
    b26: await buildLesson(db, aB, { date: '2026-11-26', pairNo: 2 }),
    a29p1: await buildLesson(db, aA, { date: '2026-11-29', pairNo: 1, topic: 'Тема' }),
    a29p2: await buildLesson(db, aA, { date: '2026-11-29', pairNo: 2 }),
    b29: await buildLesson(db, aB, { date: '2026-11-29', pairNo: 1, topic: 'Тема' }),
  };
  await db.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', l.a23.id).execute();
  await mark(l.a20.id, s3.id, 'н');
  await mark(l.a24.id, s3.id, 'н');
  await mark(l.a29p1.id, s1.id, 'н');
  await mark(l.a29p1.id, s2.id, 'б');
  await mark(l.a29p2.id, s1.id, 'оп');
  await mark(l.b29.id, s4.id, 'н');
  await db
    .insertInto('absence_excuses')
    .values({
      organization_id: orgId,
      student_id: s3.id,
      from_date: '2026-11-24',
      to_date: '2026-11-24',
      reason: 'Болезнь',
      document: 'Справка',
      created_by_user_id: curator.id,
      created_at: nowIso(),
      revoked_at: null,
      revoked_by_user_id: null,
    })
    .execute();

  // The term before: results.
  const past1 = await buildAssignment(db, { group: g1, teacherPersonId: teacherA.personId, termId: pastTerm, subjectId: op.id });
  const past2 = await buildAssignment(db, { group: g1, teacherPersonId: teacherA.personId, termId: pastTerm, subjectId: en.id });
  const past3 = await buildAssignment(db, {
    group: g1,
    subgroupId: sub1.id,
    teacherPersonId: teacherA.personId,
    termId: pastTerm,
    subjectId: inn.id,
  });
  const past4 = await buildAssignment(db, { group: g2, teacherPersonId: teacherB.personId, termId: pastTerm, subjectId: mdk.id });
  const grade = (assignmentId: number, studentId: number, value: string, kind: 'term' | 'exam' = 'term') =>
    buildTermGrade(db, { orgId, assignmentId, studentId, userId: teacherA.id, value, kind });
  await grade(past1.id, s1.id, '5');
  await grade(past1.id, s2.id, '2');
  await grade(past2.id, s1.id, '2');
  await grade(past2.id, s1.id, '4', 'exam');
  await grade(past3.id, s1.id, 'н/а');
  await grade(past4.id, s4.id, '3');
  return {
    users: { ...users, curator },
    chair,
    teacherA,
    teacherB,
    groups: { g1: g1.id, g2: g2.id },
    students: { s1: s1.id, s2: s2.id, s3: s3.id, s4: s4.id },
    assignments: { a: aA.id, b: aB.id },
    lessons: l,
  };
}
