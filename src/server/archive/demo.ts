import { addDays, weekday } from '../../domain/dates.js';
import { DEFAULT_WEIGHTS } from '../../domain/journal-input.js';
import { demoTermGrade, drawMark, levelAt, traitsOf } from '../demo/traits.js';
import { insertDemoMarks, insertMany, type DemoWorld } from '../demo/world.js';
import { YEAR_ARCHIVE_KIND } from './close.js';

// The demo's previous academic year (issue 13 item 6): the groups of the second course and up had
// a year of lessons, marks and term grades, and the year is closed, so that «за весь период»
// (п. 2.6) and the archive can be seen. Its archive is queued; the server makes it in the
// background after its start. Kept small: a few subjects a term, one lesson a week. Marks, absences,
// missing works and term grades follow each student's traits (demo/traits.ts): the forecasts learn from them.

const ABSENCES = ['н', 'н', 'н', 'б', 'уп'];
const SUBJECTS_PER_TERM = 3;

export async function archiveDemo(w: DemoWorld): Promise<void> {
  const { tx, rnd, orgId } = w;
  const [t1, t2] = w.termIds.previous;
  const terms = await tx
    .selectFrom('terms')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('id', 'in', [t1, t2])
    .orderBy('number')
    .execute();
  const yearId = terms[0].academic_year_id;
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'person_id']).where('organization_id', '=', orgId).execute()).map((u) => [
      u.person_id,
      u.id,
    ]),
  );
  const teachers = w.teacherPersonIds.filter((p) => users.has(p));
  const lessons: Record<string, unknown>[] = [];
  const lessonMeta: { groupId: number; assignment: number; item: number; date: string; teacher: number; progress: number }[] = [];
  const assignmentsOf: { id: number; groupId: number; item: number; termEnd: string; teacher: number }[] = [];

  for (const g of w.groups.filter((x) => x.course >= 2)) {
    const course = g.course - 1;
    const items = await tx
      .selectFrom('curriculum_item_terms as it')
      .innerJoin('curriculum_items as ci', 'ci.id', 'it.curriculum_item_id')
      .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
      .select(['ci.id', 'it.term_no'])
      .where('c.organization_id', '=', orgId)
      .where('c.program_id', '=', g.programId)
      .where('c.intake_year', '=', g.intakeYear)
      .where('ci.kind', '!=', 'module')
      .where('it.term_no', 'in', [course * 2 - 1, course * 2])
      .orderBy('ci.position')
      .orderBy('ci.id')
      .execute();
    for (const [ti, term] of terms.entries()) {
      const chosen = items.filter((i) => i.term_no === course * 2 - 1 + ti).slice(0, SUBJECTS_PER_TERM);
      for (const [si, item] of chosen.entries()) {
        const teacher = g.curatorPersonId && si === 0 && users.has(g.curatorPersonId) ? g.curatorPersonId : rnd.pick(teachers);
        const [assignmentId] = await insertMany(tx, 'assignments', [
          {
            organization_id: orgId,
            term_id: term.id,
            group_id: g.id,
            subgroup_id: null,
            curriculum_item_id: item.id,
            teacher_person_id: teacher,
            hours: 34,
          },
        ]);
        assignmentsOf.push({ id: assignmentId, groupId: g.id, item: item.id, termEnd: term.end_date, teacher });
        const span = Date.parse(term.end_date) - Date.parse(term.start_date);
        // One lesson a week on the subject's weekday, from the term's first such day to its end.
        let date = term.start_date;
        while (weekday(date) !== si + 1) date = addDays(date, 1);
        for (let n = 1; date <= term.end_date; n++, date = addDays(date, 7)) {
          const at = `${date}T05:00:00.000Z`;
          lessons.push({
            organization_id: orgId,
            assignment_id: assignmentId,
            date,
            pair_no: si + 1,
            hours: 2,
            planned_teacher_person_id: teacher,
            teacher_person_id: teacher,
            room: String(100 + si),
            status: 'scheduled',
            source: 'timetable',
            unscheduled_reason: null,
            topic: n % 8 === 0 ? `Контрольная работа № ${n / 8}` : n % 4 === 0 ? `Практическая работа № ${n / 4}` : `Тема ${n}`,
            work_done: n % 8 === 0 ? 'Контрольная работа по разделу' : 'Объяснение нового материала, опрос',
            work_types: JSON.stringify([n % 8 === 0 ? 'control' : n % 4 === 0 ? 'practical' : 'oral']),
            homework: rnd.chance(0.7) ? 'Повторить конспект занятия' : null,
            recorded_at: at,
            recorded_by_user_id: users.get(teacher)!,
            version: 2,
            created_at: at,
            updated_at: at,
          });
          const progress = (Date.parse(date) - Date.parse(term.start_date)) / span;
          lessonMeta.push({ groupId: g.id, assignment: assignmentId, item: item.id, date, teacher, progress });
        }
      }
    }
  }
  const lessonIds = await insertMany(tx, 'lessons', lessons);

  const marks: Record<string, unknown>[] = [];
  const sums = new Map<string, { sum: number; w: number; required: number; missing: number; unexcused: number }>();
  lessonMeta.forEach((l, i) => {
    const wt = JSON.parse(lessons[i].work_types as string)[0] as 'control' | 'practical' | 'oral';
    const required = wt !== 'oral';
    const userId = users.get(l.teacher)!;
    const at = `${l.date}T06:00:00.000Z`;
    for (const s of w.studentsByGroup.get(l.groupId) ?? []) {
      if (s.since > l.date || (s.until && s.until < l.date)) continue;
      const key = `${l.assignment}:${s.studentId}`;
      const acc = sums.get(key) ?? { sum: 0, w: 0, required: 0, missing: 0, unexcused: 0 };
      sums.set(key, acc);
      const t = traitsOf(s.studentId);
      const base = {
        organization_id: orgId,
        lesson_id: lessonIds[i],
        student_id: s.studentId,
        comment: null,
        version: 1,
        created_by_user_id: userId,
        created_at: at,
        updated_by_user_id: userId,
        updated_at: at,
      };
      if (required) acc.required += 1;
      if (rnd.chance(t.absence)) {
        const value = rnd.pick(ABSENCES);
        marks.push({ ...base, kind: 'absence', value, work_type: null, weight: 1, hours: 2 });
        if (value === 'н') acc.unexcused += 2;
        if (required) acc.missing += 1;
        continue;
      }
      if (required && rnd.chance(t.skipsWork)) {
        acc.missing += 1;
        continue;
      }
      if (!required && !rnd.chance(0.14)) continue;
      const value = drawMark(rnd, levelAt(s.studentId, l.item, l.progress));
      const weight = DEFAULT_WEIGHTS[wt];
      marks.push({ ...base, kind: 'grade', value, work_type: wt, weight, hours: null });
      acc.sum += Number(value) * weight;
      acc.w += weight;
    }
  });
  await insertDemoMarks(tx, orgId, marks);

  // Term grades: the marks and the level at the term's end, lowered by missing works and unexcused
  // hours (demo/traits.ts), set on the term's last day.
  const grades: Record<string, unknown>[] = [];
  for (const a of assignmentsOf)
    for (const s of w.studentsByGroup.get(a.groupId) ?? []) {
      const acc = sums.get(`${a.id}:${s.studentId}`);
      if (!acc || !acc.w || s.since > a.termEnd) continue;
      const value = demoTermGrade(rnd, {
        average: acc.sum / acc.w,
        endLevel: levelAt(s.studentId, a.item, 1),
        missingShare: acc.required ? acc.missing / acc.required : 0,
        unexcusedHours: acc.unexcused,
      });
      grades.push({
        organization_id: orgId,
        assignment_id: a.id,
        student_id: s.studentId,
        kind: 'term',
        value,
        override_reason: null,
        missing: null,
        version: 1,
        set_by_user_id: users.get(a.teacher)!,
        set_at: `${a.termEnd}T07:00:00.000Z`,
      });
    }
  const gradeIds = await insertMany(tx, 'term_grades', grades);
  await insertMany(
    tx,
    'term_grade_events',
    grades.map((g, i) => ({
      organization_id: orgId,
      term_grade_id: gradeIds[i],
      assignment_id: g.assignment_id,
      student_id: g.student_id,
      kind: g.kind,
      old_value: null,
      new_value: g.value,
      reason: null,
      user_id: g.set_by_user_id,
      at: g.set_at,
    })),
  );

  // The year is closed by the administrator and its archive queued.
  const admin = users.get(w.fixed.admin) ?? null;
  await tx
    .updateTable('academic_years')
    .set({ status: 'archived', closed_at: w.now, closed_by_user_id: admin })
    .where('id', '=', yearId)
    .execute();
  const name = (await tx.selectFrom('academic_years').select('name').where('id', '=', yearId).executeTakeFirstOrThrow()).name;
  await insertMany(tx, 'batches', [
    {
      organization_id: orgId,
      kind: YEAR_ARCHIVE_KIND,
      params: JSON.stringify({ yearId }),
      title: `Архив учебного года ${name}`,
      status: 'queued',
      created_by_user_id: admin,
      created_at: w.now,
    },
  ]);
}
