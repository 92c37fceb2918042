import { nowIso, type Db } from '../src/server/platform/db.js';
import { addDays } from '../src/domain/dates.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildMark,
  buildProgram,
  buildStudent,
  buildSubject,
  buildUser,
} from './factories.js';
import { buildTermGrade } from './factories-attestation.js';

// A group's year as the printed journal shows it (issue 13): ИС-21 with 35 students, one of whom
// left on 15.10.2026 (order 123-к) and one who arrived on 01.10.2026 from ИС-22 (order 118-к);
// «ОП.01» taught every day of the first term (122 lessons, 01.09–31.12), one of them by a
// substitute; «ОП.02» in the second term; a correction approved after the entry window; a remark.

const SURNAMES = [
  'Абрамова',
  'Борисов',
  'Васильева',
  'Григорьев',
  'Дмитриева',
  'Егоров',
  'Жукова',
  'Зайцев',
  'Ильина',
  'Кузнецов',
  'Лебедева',
  'Морозов',
  'Новикова',
  'Орлов',
  'Павлова',
  'Романов',
  'Соколова',
  'Тимофеев',
  'Ульянова',
  'Фёдоров',
  'Харитонова',
  'Цветков',
  'Чернова',
  'Шишкин',
  'Щербакова',
  'Юдин',
  'Яковлева',
  'Антонов',
  'Белякова',
  'Воронин',
  'Гаврилова',
  'Давыдов',
  'Ершова',
  'Зуев',
  'Исаева',
];
export const LONG_SUBJECT = 'Основы алгоритмизации и программирования с элементами проектирования информационных систем и баз данных';

export async function buildPrintWorld(db: Db, orgId: number) {
  const year = await buildAcademicYear(db, orgId, 2026);
  const [t1, t2] = year.termIds;
  const director = await buildUser(db, { orgId, roles: ['director'], lastName: 'Склянчук', firstName: 'Виктор', middleName: 'Николаевич' });
  const deputy = await buildUser(db, { orgId, roles: ['deputy'], lastName: 'Дьячкова', firstName: 'Ольга', middleName: 'Ивановна' });
  const curator = await buildUser(db, { orgId, lastName: 'Куратова', firstName: 'Елена', middleName: 'Павловна' });
  const teacherA = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Арбузова', firstName: 'Анна', middleName: 'Андреевна' });
  const teacherB = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Борисенко', firstName: 'Борис', middleName: 'Борисович' });
  const program = await buildProgram(db, orgId, { code: '09.02.07', name: 'Информационные системы и программирование' });
  const group = await buildGroup(db, { orgId, name: 'ИС-21', course: 2, curatorPersonId: curator.personId, programId: program.id });
  const other = await buildGroup(db, { orgId, name: 'ИС-22', course: 2, programId: program.id });
  const students: { id: number; personId: number; last: string }[] = [];
  for (const [i, last] of SURNAMES.entries()) {
    students.push({ ...(await buildStudent(db, group, { lastName: last, since: i === 34 ? '2026-10-01' : '2026-09-01' })), last });
  }
  const left = students[5];
  const arrived = students[34];
  await db.updateTable('group_memberships').set({ end_date: '2026-10-15' }).where('student_id', '=', left.id).execute();
  await db
    .insertInto('group_memberships')
    .values({ organization_id: orgId, student_id: arrived.id, group_id: other.id, start_date: '2026-09-01', end_date: '2026-09-30' })
    .execute();
  const event = (studentId: number, kind: 'expel' | 'transfer', date: string, order: string, from: number | null, to: number | null) =>
    db
      .insertInto('enrollment_events')
      .values({
        organization_id: orgId,
        student_id: studentId,
        kind,
        effective_date: date,
        from_group_id: from,
        to_group_id: to,
        to_subgroup_id: null,
        order_no: order,
        reason: kind === 'expel' ? 'По собственному желанию' : 'Перевод по заявлению',
        created_by_user_id: null,
        created_at: nowIso(),
      })
      .execute();
  await event(left.id, 'expel', '2026-10-16', '123-к', group.id, null);
  await event(arrived.id, 'transfer', '2026-10-01', '118-к', other.id, group.id);

  const subject1 = await buildSubject(db, orgId, { programId: program.id, code: 'ОП.01', name: LONG_SUBJECT });
  const subject2 = await buildSubject(db, orgId, { programId: program.id, code: 'ОП.02', name: 'Операционные системы и среды' });
  const a1 = await buildAssignment(db, {
    group: { ...group, programId: program.id },
    termId: t1,
    teacherPersonId: teacherA.personId,
    subjectId: subject1.id,
  });
  const a2 = await buildAssignment(db, {
    group: { ...group, programId: program.id },
    termId: t2,
    teacherPersonId: teacherB.personId,
    subjectId: subject2.id,
  });
  const lessons: { id: number; date: string }[] = [];
  for (let d = '2026-09-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
    const sub = d === '2026-10-05';
    const l = await buildLesson(
      db,
      { ...a1, orgId },
      { date: d, topic: `Тема ${lessons.length + 1}`, teacherPersonId: sub ? teacherB.personId : undefined },
    );
    lessons.push(l);
  }
  // Long texts wrap in the record of work.
  await db
    .updateTable('lessons')
    .set({
      topic: 'Линейные алгоритмы: ввод и вывод данных, присваивание, арифметические выражения и стандартные функции языка',
      work_done: 'Практическая работа № 3 по составлению блок-схем и программ линейной структуры',
      work_types: JSON.stringify(['practical']),
      homework: 'Повторить конспект, решить задачи 1–5 из сборника, подготовить вопросы к опросу',
    })
    .where('id', '=', lessons[10].id)
    .execute();
  const mark = (i: number, s: number, value: string) =>
    buildMark(db, { orgId, lessonId: lessons[i].id, studentId: students[s].id, userId: teacherA.id, value });
  await mark(0, 0, '5');
  await mark(1, 1, 'н');
  await mark(2, 2, '4');
  const corrected = await mark(3, 3, '3');
  await mark(121, 34, '5');
  for (const s of [0, 1, 2])
    await buildTermGrade(db, { orgId, assignmentId: a1.id, studentId: students[s].id, userId: teacherA.id, value: '4' });
  for (let i = 0; i < 6; i++) await buildLesson(db, { ...a2, orgId }, { date: addDays('2027-01-12', i * 7), topic: `Тема ${i + 1}` });

  const c = await db
    .insertInto('correction_requests')
    .values({
      organization_id: orgId,
      lesson_id: lessons[3].id,
      student_id: students[3].id,
      mark_id: corrected.id,
      kind: 'grade',
      old_value: '3',
      new_value: '4',
      new_work_type: null,
      new_weight: null,
      reason: 'Ошибка при вводе: в тетради «4»',
      status: 'approved',
      requested_by_user_id: teacherA.id,
      requested_at: '2026-09-10T01:00:00.000Z',
      decided_by_user_id: deputy.id,
      decided_at: '2026-09-11T01:00:00.000Z',
      decision_comment: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('remarks')
    .values({
      organization_id: orgId,
      target_kind: 'journal',
      assignment_id: a1.id,
      lesson_id: null,
      teacher_person_id: teacherA.personId,
      commission_id: null,
      text: 'Не записаны темы занятий за третью неделю октября',
      due_date: '2026-10-30',
      status: 'open',
      author_user_id: deputy.id,
      created_at: '2026-10-25T01:00:00.000Z',
      updated_at: '2026-10-25T01:00:00.000Z',
    })
    .execute();
  return {
    year,
    group,
    other,
    students,
    left,
    arrived,
    lessons,
    a1,
    a2,
    director,
    deputy,
    curator,
    teacherA,
    teacherB,
    correctionId: c.id,
  };
}
