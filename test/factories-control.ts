import type { Db } from '../src/server/platform/db.js';
import { buildAcademicYear, buildAssignment, buildGroup, buildLesson, buildRoleUsers, buildSubject, buildUser } from './factories.js';
import { buildBells } from './factories-timetable.js';

/**
 * A college on the test clock (Sunday 29 Nov 2026, 06:00 in Vladivostok) for the fill control:
 * two teachers in two commissions, the second commission's chair, and lessons of the week:
 * - teacher A (ПЦК 1, group ИС-21): 26 Nov and 27 Nov not recorded; 28 Nov pair 1 recorded on the
 *   day, pair 2 not recorded; 29 Nov pair 1 (today, not yet held) not recorded;
 * - teacher B (ПЦК 2, group ПК-22): 28 Nov pair 1 recorded after midnight (late), pair 3 cancelled.
 */
export async function buildFillWorld(db: Db, orgId: number) {
  const users = await buildRoleUsers(db, orgId);
  await buildBells(db, orgId);
  const year = await buildAcademicYear(db, orgId, 2026);
  const termId = year.termIds[0];
  const c1 = await db
    .insertInto('subject_commissions')
    .values({ organization_id: orgId, name: 'ПЦК информационных технологий', chair_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c2 = await db
    .insertInto('subject_commissions')
    .values({ organization_id: orgId, name: 'ПЦК поварского дела', chair_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const chair2 = await buildUser(db, { orgId, roles: ['chair'], commissionId: c2.id, lastName: 'Председателева' });
  const teacherA = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Арбузова' });
  const teacherB = await buildUser(db, { orgId, roles: ['teacher'], lastName: 'Борисенко' });
  const g1 = await buildGroup(db, { orgId, name: 'ИС-21' });
  const g2 = await buildGroup(db, { orgId, name: 'ПК-22' });
  const s1 = await buildSubject(db, orgId, {
    programId: g1.programId,
    code: 'ОП.01',
    name: 'Основы программирования',
    commissionId: c1.id,
  });
  const s2 = await buildSubject(db, orgId, { programId: g2.programId, code: 'МДК.02', name: 'Технология кулинарии', commissionId: c2.id });
  const aA = await buildAssignment(db, { group: g1, teacherPersonId: teacherA.personId, termId, subjectId: s1.id });
  const aB = await buildAssignment(db, { group: g2, teacherPersonId: teacherB.personId, termId, subjectId: s2.id });
  const rec = (id: number, at: string) => db.updateTable('lessons').set({ topic: 'Тема', recorded_at: at }).where('id', '=', id).execute();
  const l = {
    a26: await buildLesson(db, aA, { date: '2026-11-26', pairNo: 1 }),
    a27: await buildLesson(db, aA, { date: '2026-11-27', pairNo: 1 }),
    a28p1: await buildLesson(db, aA, { date: '2026-11-28', pairNo: 1 }),
    a28p2: await buildLesson(db, aA, { date: '2026-11-28', pairNo: 2 }),
    a29: await buildLesson(db, aA, { date: '2026-11-29', pairNo: 1 }),
    b28p1: await buildLesson(db, aB, { date: '2026-11-28', pairNo: 1 }),
    b28p3: await buildLesson(db, aB, { date: '2026-11-28', pairNo: 3 }),
  };
  await rec(l.a28p1.id, '2026-11-28T05:00:00.000Z'); // 15:00 on the day
  await rec(l.b28p1.id, '2026-11-28T15:00:00.000Z'); // 01:00 the next day
  await db.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', l.b28p3.id).execute();
  return { users, chair2, teacherA, teacherB, termId, lessons: l, assignments: { a: aA, b: aB }, commissions: { c1: c1.id, c2: c2.id } };
}
