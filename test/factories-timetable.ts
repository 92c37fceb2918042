import type { Db } from '../src/server/platform/db.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildStudent,
  buildSubgroup,
  buildSubject,
  buildUser,
} from './factories.js';

/** A default bell schedule of six pairs. */
export async function buildBells(db: Db, orgId: number) {
  const s = await db
    .insertInto('bell_schedules')
    .values({ organization_id: orgId, name: 'Основное', is_default: 1, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const times = [
    ['08:30', '10:00'],
    ['10:10', '11:40'],
    ['12:20', '13:50'],
    ['14:00', '15:30'],
    ['15:40', '17:10'],
    ['17:20', '18:50'],
  ];
  await db
    .insertInto('bell_periods')
    .values(times.map(([a, b], i) => ({ organization_id: orgId, bell_schedule_id: s.id, pair_no: i + 1, starts_at: a, ends_at: b })))
    .execute();
  return { id: s.id };
}

/**
 * A college with a methodologist, three teachers, two groups (the first split into two
 * subgroups) and their load for the first term of 2026/2027, a student and a guardian.
 */
export async function buildTimetableWorld(db: Db, orgId?: number) {
  const methodist = await buildUser(db, { orgId, roles: ['methodist'] });
  const org = methodist.orgId;
  const year = await buildAcademicYear(db, org);
  const termId = year.termIds[0];
  const t1 = await buildUser(db, {
    orgId: org,
    roles: ['teacher'],
    lastName: 'Иванова',
    firstName: 'Ирина',
    middleName: 'Павловна',
    gender: 'f',
  });
  const t2 = await buildUser(db, { orgId: org, roles: ['teacher'], lastName: 'Петров' });
  const t3 = await buildUser(db, { orgId: org, roles: ['teacher'], lastName: 'Сидорова', firstName: 'Инна', middleName: 'Петровна' });
  const gA = await buildGroup(db, { orgId: org, name: 'ПК-25' });
  const gB = await buildGroup(db, { orgId: org, name: 'ГД-24' });
  const sub1 = await buildSubgroup(db, { id: gA.id, orgId: org }, 'Подгруппа 1');
  const sub2 = await buildSubgroup(db, { id: gA.id, orgId: org }, 'Подгруппа 2');
  const mkSubject = (code: string, name: string, programId: number) => buildSubject(db, org, { programId, code, name });
  const math = await buildAssignment(db, {
    group: gA,
    termId,
    teacherPersonId: t1.personId,
    subjectId: (await mkSubject('ЕН.01', 'Математика', gA.programId)).id,
    hours: 72,
  });
  const hist = await buildAssignment(db, {
    group: gA,
    termId,
    teacherPersonId: t2.personId,
    subjectId: (await mkSubject('ОГСЭ.02', 'История', gA.programId)).id,
    hours: 40,
  });
  const eng = (await mkSubject('ОГСЭ.03', 'Иностранный язык', gA.programId)).id;
  const eng1 = await buildAssignment(db, {
    group: gA,
    subgroupId: sub1.id,
    termId,
    teacherPersonId: t3.personId,
    subjectId: eng,
    hours: 72,
  });
  const eng2 = await buildAssignment(db, {
    group: gA,
    subgroupId: sub2.id,
    termId,
    teacherPersonId: t2.personId,
    subjectId: eng,
    hours: 72,
  });
  const chem = await buildAssignment(db, {
    group: gB,
    termId,
    teacherPersonId: t1.personId,
    subjectId: (await mkSubject('ОП.01', 'Химия', gB.programId)).id,
    hours: 72,
  });
  const student = await buildStudent(db, gA, { withLogin: true, subgroupId: sub1.id });
  const guardian = await buildGuardian(db, org, [student.id]);
  const otherStudent = await buildStudent(db, gB, { withLogin: true });
  await buildBells(db, org);
  return { orgId: org, termId, methodist, t1, t2, t3, gA, gB, sub1, sub2, math, hist, eng1, eng2, chem, student, guardian, otherStudent };
}
