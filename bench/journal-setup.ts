import { addDays, todayIn } from '../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../src/server/demo/seed.js';
import { openDatabase } from '../src/server/platform/db.js';
import { buildAssignment, buildGroup, buildLesson, buildMark, buildStudent, buildUser } from '../test/factories.js';

export interface BigJournal {
  assignmentId: number;
  teacherLogin: string;
  /** Lessons whose entry window is open (today and yesterday): writes go there. */
  openLessonIds: number[];
  studentIds: number[];
}

/**
 * A full term in the demo college's database: 35 students × 120 lessons with about three marks
 * per lesson (or, `full`, a mark in every cell), and 60 lessons today and yesterday for writes.
 * Built next to a running server.
 */
export async function buildBigJournal(
  dbUrl: string,
  o: { openLessons?: number; login?: string; full?: boolean } = {},
): Promise<BigJournal> {
  const { db, close } = openDatabase(dbUrl);
  try {
    const org = await db.selectFrom('organizations').select('id').orderBy('id').executeTakeFirstOrThrow();
    const today = todayIn(DEMO_TIME_ZONE);
    const teacherLogin = o.login ?? 'bench-teacher';
    const teacher = await buildUser(db, { orgId: org.id, roles: ['teacher'], login: teacherLogin, password: 'demo' });
    const group = await buildGroup(db, { orgId: org.id, name: `БЕНЧ-${Date.now() % 10000}` });
    const students = [];
    for (let i = 0; i < 35; i++) students.push(await buildStudent(db, group, { since: addDays(today, -200) }));
    const term = await db
      .selectFrom('terms')
      .select('id')
      .where('organization_id', '=', org.id)
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .executeTakeFirstOrThrow();
    const a = await buildAssignment(db, { group, teacherPersonId: teacher.personId, termId: term.id });
    const values = ['5', '4', '3', 'н', '5', '4', '2', 'б', '4', '5'];
    for (let i = 0; i < 120; i++) {
      const l = await buildLesson(db, a, { date: addDays(today, -Math.floor(i / 3) - 2), pairNo: 1 + (i % 3), topic: `Тема ${i + 1}` });
      // Full density: every cell graded (4,200 marks); otherwise about three marks a lesson.
      const marked = o.full ? students.map((_, k) => k) : [0, 1, 2].map((k) => (i * 3 + k) % 35);
      for (const k of marked)
        await buildMark(db, {
          orgId: org.id,
          lessonId: l.id,
          studentId: students[k].id,
          userId: teacher.id,
          value: values[(i + k) % values.length],
        });
    }
    const openLessonIds: number[] = [];
    for (let i = 0; i < (o.openLessons ?? 60); i++)
      openLessonIds.push((await buildLesson(db, a, { date: addDays(today, -(i % 2)), pairNo: 1 + Math.floor(i / 2) })).id);
    return { assignmentId: a.id, teacherLogin, openLessonIds, studentIds: students.map((s) => s.id) };
  } finally {
    await close();
  }
}
