import type { StaffRole } from '../src/domain/roles.js';
import type { Db } from '../src/server/platform/db.js';
import { buildAcademicYear, buildAssignment, buildGroup, buildGuardian, buildStudent, buildSubject, buildUser } from './factories.js';

/**
 * A college for messages and events (issue 14 items 9–11) on the test clock (29 Nov 2026 in Vladivostok):
 * groups ИС-21 (curator Кураторова) and ПК-22 (curator Кураторский); teacher Учителева teaches ИС-21 and
 * Учительский ПК-22 this year; Прежняя taught ИС-21 last year only; a student and a guardian in each
 * group, a second guardian in ИС-21; the administrator, the deputy, a specialist and a chair.
 */
export async function buildMessagesWorld(db: Db, orgId: number) {
  const last = await buildAcademicYear(db, orgId, 2025);
  const year = await buildAcademicYear(db, orgId, 2026);
  const staff = (lastName: string, roles: StaffRole[] = []) => buildUser(db, { orgId, roles, lastName });
  const curator1 = await staff('Кураторова');
  const curator2 = await staff('Кураторский');
  const teacher1 = await staff('Учителева', ['teacher']);
  const teacher2 = await staff('Учительский', ['teacher']);
  const former = await staff('Прежняя', ['teacher']);
  const admin = await staff('Админова', ['admin']);
  const deputy = await staff('Заместителева', ['deputy']);
  const specialist = await staff('Психологова', ['specialist']);
  const chair = await staff('Председателев', ['chair']);
  const g1 = await buildGroup(db, { orgId, name: 'ИС-21', curatorPersonId: curator1.personId });
  const g2 = await buildGroup(db, { orgId, name: 'ПК-22', curatorPersonId: curator2.personId });
  const s1 = await buildSubject(db, orgId, { programId: g1.programId, code: 'ОП.01', name: 'Основы программирования' });
  const s2 = await buildSubject(db, orgId, { programId: g2.programId, code: 'МДК.02', name: 'Технология кулинарии' });
  await buildAssignment(db, { group: g1, teacherPersonId: teacher1.personId, termId: year.termIds[0], subjectId: s1.id });
  await buildAssignment(db, { group: g2, teacherPersonId: teacher2.personId, termId: year.termIds[0], subjectId: s2.id });
  await buildAssignment(db, { group: g1, teacherPersonId: former.personId, termId: last.termIds[1], subjectId: s1.id });
  const student1 = await buildStudent(db, g1, { lastName: 'Студентова', withLogin: true });
  const student2 = await buildStudent(db, g2, { lastName: 'Студентов', withLogin: true });
  const guardian1 = await buildGuardian(db, orgId, [student1.id]);
  const guardian1b = await buildGuardian(db, orgId, [student1.id]);
  const guardian2 = await buildGuardian(db, orgId, [student2.id]);
  const u = (x: { user: Awaited<ReturnType<typeof buildUser>> | null; id: number }) => ({ ...x.user!, studentId: x.id });
  return {
    year,
    lastYear: last,
    groups: { g1, g2 },
    subjects: { s1, s2 },
    people: {
      curator1,
      curator2,
      teacher1,
      teacher2,
      former,
      admin,
      deputy,
      specialist,
      chair,
      student1: u(student1),
      student2: u(student2),
      guardian1,
      guardian1b,
      guardian2,
    },
  };
}
