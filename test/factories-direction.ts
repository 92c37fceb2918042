import { addDays, todayIn } from '../src/domain/dates.js';
import { nowIso, type Db } from '../src/server/platform/db.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildStudent,
  buildUser,
} from './factories.js';

/**
 * A specialist's direction (п. 2.6) and the world around it: a group inside the direction and one
 * outside, each with a student, a journal with today's lesson and an absence; the outside student
 * also has a guardian and a справка. Names are unique, so a leak shows up in any response.
 */
export async function buildDirectionWorld(db: Db, orgId: number, specialistPersonId: number, tz = 'Asia/Vladivostok') {
  const today = todayIn(tz);
  // The college's current term, or a new year whose first term spans the test's dates.
  const current = await db
    .selectFrom('terms')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .executeTakeFirst();
  const termId =
    current?.id ?? (await buildAcademicYear(db, orgId, Number(today.slice(0, 4)) - (today.slice(5, 7) < '09' ? 1 : 0))).termIds[0];
  if (!current)
    await db
      .updateTable('terms')
      .set({ start_date: addDays(today, -90), end_date: addDays(today, 90) })
      .where('id', '=', termId)
      .execute();
  const teacher = await buildUser(db, { orgId, roles: ['teacher'] });
  const since = addDays(today, -120);
  const side = async (name: string, lastName: string) => {
    const group = await buildGroup(db, { orgId, name });
    const student = await buildStudent(db, group, { lastName, since });
    const a = await buildAssignment(db, { group, termId, teacherPersonId: teacher.personId });
    const lesson = await buildLesson(db, a, { date: today, topic: 'Тема' });
    await buildMark(db, { orgId, lessonId: lesson.id, studentId: student.id, userId: teacher.id, value: 'н' });
    return { groupId: group.id, studentId: student.id, personId: student.personId, assignmentId: a.id, lessonId: lesson.id, lastName };
  };
  const inside = await side('ВНУТРИ-1', 'Своякова');
  const outside = await side('СНАРУЖИ-1', 'Запредельнова');
  const guardian = await buildGuardian(db, orgId, [outside.studentId]);
  await db
    .insertInto('absence_excuses')
    .values({
      organization_id: orgId,
      student_id: outside.studentId,
      from_date: today,
      to_date: today,
      reason: 'Болезнь',
      document: 'Справка',
      created_by_user_id: teacher.id,
      created_at: nowIso(),
      revoked_at: null,
      revoked_by_user_id: null,
    })
    .execute();
  await db
    .insertInto('specialist_directions')
    .values({ organization_id: orgId, person_id: specialistPersonId, group_id: inside.groupId, student_id: null })
    .execute();
  return { today, termId, in: inside, out: { ...outside, guardianPersonId: guardian.personId } };
}
