import { addDays, todayIn } from '../src/domain/dates.js';
import type { Db } from '../src/server/platform/db.js';
import { buildAcademicYear, buildAssignment, buildGroup, buildLesson, buildStudent, buildSubgroup, buildUser } from './factories.js';

/**
 * A journal to work in: a group with students, its curator, a teacher's assignment and lessons
 * today, yesterday (both open), three days ago (closed) and tomorrow (future), in the college's
 * time zone.
 */
export async function buildJournal(db: Db, orgId: number, o: { timeZone?: string; commissionId?: number } = {}) {
  const tz = o.timeZone ?? 'Asia/Vladivostok';
  const today = todayIn(tz);
  const year = await buildAcademicYear(db, orgId, Number(today.slice(0, 4)) - (today.slice(5, 7) < '09' ? 1 : 0));
  const curator = await buildUser(db, { orgId, roles: ['teacher'] });
  const group = await buildGroup(db, { orgId, curatorPersonId: curator.personId });
  const subgroup = await buildSubgroup(db, group);
  const since = addDays(today, -120);
  const students = [];
  for (const lastName of ['Абрамова', 'Борисов', 'Ёжиков'])
    students.push(await buildStudent(db, group, { lastName, since, subgroupId: lastName === 'Ёжиков' ? subgroup.id : undefined }));
  const teacher = await buildUser(db, { orgId, roles: ['teacher'] });
  const termId = year.termIds[0];
  const subjectId =
    o.commissionId !== undefined
      ? (
          await db
            .insertInto('curriculum_items')
            .values({
              organization_id: orgId,
              curriculum_id: (
                await db
                  .insertInto('curricula')
                  .values({ organization_id: orgId, program_id: group.programId, intake_year: 2026, name: 'План', status: 'approved' })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id,
              parent_id: null,
              cycle: 'ОП',
              code: 'ОП.07',
              name: 'Основы калькуляции',
              kind: 'discipline',
              commission_id: o.commissionId,
              position: 0,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : undefined;
  // The term spans the test's dates whatever the day the suite runs.
  await db
    .updateTable('terms')
    .set({ start_date: addDays(today, -90), end_date: addDays(today, 90) })
    .where('id', '=', termId)
    .execute();
  const assignment = await buildAssignment(db, { group, teacherPersonId: teacher.personId, termId, subjectId });
  const lessons = {
    today: await buildLesson(db, assignment, { date: today, pairNo: 2 }),
    yesterday: await buildLesson(db, assignment, { date: addDays(today, -1) }),
    closed: await buildLesson(db, assignment, { date: addDays(today, -3) }),
    future: await buildLesson(db, assignment, { date: addDays(today, 1) }),
  };
  return { today, tz, group, subgroup, students, teacher, curator, assignment, lessons, termId };
}
