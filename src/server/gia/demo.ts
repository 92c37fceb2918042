import { searchKey } from '../../domain/text.js';
import { demoExamGrade, DEFAULT_GIA_CUTOFFS } from '../../domain/gia.js';
import { randomName } from '../demo/names.js';
import { Random } from '../demo/random.js';
import { insertMany, PROGRAMS, type DemoWorld } from '../demo/world.js';

// The demo's ГИА (issue 16 item 5): the groups that graduated at the end of the previous (closed)
// year — their last term's module courses with marks and absences, term grades, module exams, the
// demo exam and the thesis defence, each following the student's ability and attendance (absences
// and weak marks lower them) — and the current graduating groups' thesis topics and supervisors.
// Kept small: two graduated groups of twenty-four, one МДК per module, a lesson a fortnight; term grades are
// given at the end of May, before the module exams (June 1–5), the demo exam (June 10) and the defence (June 24),
// so the ГИА forecasts (decision 044) learn from these graduates as of the day before their exams.

const COMPETENCE: Record<string, string> = { '43.02.15': 'Поварское и кондитерское дело', '43.02.14': 'Гостиничное дело' };
const TOPICS = [
  'Разработка ассортимента блюд для кафе национальной кухни',
  'Организация обслуживания гостей на предприятии размещения',
  'Совершенствование технологии приготовления десертов',
  'Разработка программы лояльности гостиницы',
  'Технология приготовления блюд из рыбы дальневосточных морей',
  'Организация банкетного обслуживания',
  'Разработка меню детского питания',
  'Внедрение стандартов обслуживания в службе приёма и размещения',
];
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

export async function giaDemo(w: DemoWorld): Promise<void> {
  const { tx, rnd, orgId } = w;
  const y = w.yearStart;
  const [, t2] = w.termIds.previous;
  const term = await tx.selectFrom('terms').selectAll().where('id', '=', t2).executeTakeFirstOrThrow();
  const yearId = term.academic_year_id;
  const currentYearId = (
    await tx.selectFrom('terms').select('academic_year_id').where('id', '=', w.currentTermId).executeTakeFirstOrThrow()
  ).academic_year_id;
  const deputyUser = (await tx.selectFrom('users').select('id').where('person_id', '=', w.fixed.deputy).executeTakeFirstOrThrow()).id;
  const staffNames = new Map(
    (
      await tx
        .selectFrom('persons')
        .select(['id', 'last_name', 'first_name', 'middle_name'])
        .where('id', 'in', w.teacherPersonIds)
        .execute()
    ).map((p) => [p.id, `${p.last_name} ${p.first_name[0]}. ${p.middle_name ? `${p.middle_name[0]}.` : ''}`.trim()]),
  );
  const at = `${term.end_date}T03:00:00.000Z`;
  const graded = `${y}-05-29T03:00:00.000Z`;

  for (const code of Object.keys(COMPETENCE)) {
    const program = w.programs.find((p) => p.code === code);
    if (!program) continue;
    // The curriculum of the graduated intake: the modules of the next intake's plan with their first МДК.
    const source = await tx
      .selectFrom('curriculum_items as ci')
      .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
      .select(['ci.id', 'ci.code', 'ci.name', 'ci.kind', 'ci.parent_id', 'ci.commission_id', 'ci.cycle', 'ci.position'])
      .where('c.organization_id', '=', orgId)
      .where('c.program_id', '=', program.id)
      .where('c.intake_year', '=', y - 3)
      .where('ci.kind', 'in', ['module', 'mdk', 'gia'])
      .orderBy('ci.position')
      .execute();
    const modules = source.filter((i) => i.kind === 'module');
    if (!modules.length) continue;
    const [curriculumId] = await insertMany(tx, 'curricula', [
      {
        organization_id: orgId,
        program_id: program.id,
        intake_year: y - 4,
        name: `${code} ${PROGRAMS.find((p) => p.code === code)?.name ?? program.abbr}, набор ${y - 4} года`,
        status: 'approved',
      },
    ]);
    const copy = (i: (typeof source)[number], parentId: number | null) => ({
      organization_id: orgId,
      curriculum_id: curriculumId,
      parent_id: parentId,
      cycle: i.cycle,
      code: i.code,
      name: i.name,
      kind: i.kind,
      commission_id: i.commission_id,
      position: i.position,
    });
    const moduleIds = await insertMany(
      tx,
      'curriculum_items',
      modules.map((m) => copy(m, null)),
    );
    const mdkSpecs = modules.map((m) => source.find((i) => i.parent_id === m.id && i.kind === 'mdk')).filter((x) => x !== undefined);
    const mdkIds = await insertMany(
      tx,
      'curriculum_items',
      mdkSpecs.map((m) => copy(m, moduleIds[modules.findIndex((x) => x.id === m.parent_id)])),
    );

    // The group and its students, who left on graduation at the end of June.
    const name = `${program.abbr}-${String(y - 4).slice(2)}`;
    const [groupId] = await insertMany(tx, 'groups', [
      {
        organization_id: orgId,
        program_id: program.id,
        name,
        intake_year: y - 4,
        course: 4,
        curator_person_id: null,
        status: 'graduated',
        sort_key: searchKey(name),
      },
    ]);
    const names = Array.from({ length: 24 }, () => randomName(rnd, rnd.chance(0.6) ? 'f' : 'm'));
    const personIds = await insertMany(
      tx,
      'persons',
      names.map((n) => ({
        organization_id: orgId,
        last_name: n.last_name,
        first_name: n.first_name,
        middle_name: n.middle_name,
        gender: n.gender,
        sort_key: searchKey(n.last_name, n.first_name, n.middle_name),
        created_at: w.now,
        updated_at: w.now,
      })),
    );
    const studentIds = await insertMany(
      tx,
      'students',
      personIds.map((pid) => ({ organization_id: orgId, person_id: pid, status: 'graduated', record_book_no: null })),
    );
    await insertMany(
      tx,
      'group_memberships',
      studentIds.map((sid) => ({
        organization_id: orgId,
        student_id: sid,
        group_id: groupId,
        start_date: `${y - 4}-09-01`,
        end_date: `${y}-06-30`,
      })),
    );
    // Ability drives marks; absences follow weaker students and pull their results down further.
    const ability = studentIds.map(() => clamp(rnd.int(0, 1000) / 1000 + rnd.int(0, 1000) / 1000 - 1, -1, 1));
    const absenceRate = ability.map((a) => clamp(0.12 - a * 0.1, 0.01, 0.3));

    const mdkMean = new Map<number, number[]>(); // student index → term grades
    const missed = studentIds.map(() => 0);
    const dates: string[] = [];
    for (let d = term.start_date, n = 0; n < 10; n++) {
      dates.push(d);
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 14 * 86400000).toISOString().slice(0, 10);
    }
    for (const [mi, mdkId] of mdkIds.entries()) {
      const teacher = w.teacherPersonIds[(mi * 3 + 1) % w.teacherPersonIds.length];
      const [assignmentId] = await insertMany(tx, 'assignments', [
        {
          organization_id: orgId,
          term_id: term.id,
          group_id: groupId,
          subgroup_id: null,
          curriculum_item_id: mdkId,
          teacher_person_id: teacher,
          hours: 20,
        },
      ]);
      const lessonIds = await insertMany(
        tx,
        'lessons',
        dates.map((date) => ({
          organization_id: orgId,
          assignment_id: assignmentId,
          date,
          pair_no: mi + 1,
          hours: 2,
          planned_teacher_person_id: teacher,
          teacher_person_id: teacher,
          room: null,
          status: 'scheduled',
          source: 'timetable',
          unscheduled_reason: null,
          topic: 'Практическое занятие по модулю',
          work_done: 'Практическая работа',
          work_types: JSON.stringify(['practical']),
          homework: null,
          recorded_at: `${date}T05:00:00.000Z`,
          recorded_by_user_id: deputyUser,
          version: 2,
          created_at: `${date}T05:00:00.000Z`,
          updated_at: `${date}T05:00:00.000Z`,
        })),
      );
      const userOf = deputyUser;
      const marks: Record<string, unknown>[] = [];
      const terms: Record<string, unknown>[] = [];
      studentIds.forEach((sid, si) => {
        const got: number[] = [];
        lessonIds.forEach((lid, li) => {
          const base = {
            organization_id: orgId,
            lesson_id: lid,
            student_id: sid,
            weight: 1,
            comment: null,
            created_by_user_id: userOf,
            created_at: at,
            updated_by_user_id: userOf,
            updated_at: at,
          };
          if (rnd.chance(absenceRate[si])) {
            missed[si] += 2;
            marks.push({ ...base, kind: 'absence', value: 'н', work_type: null, hours: 2 });
          } else if (li % 2 === 0) {
            const g = clamp(Math.round(3.9 + ability[si] * 1.3 + (rnd.int(0, 100) - 50) / 60), 2, 5);
            got.push(g);
            marks.push({ ...base, kind: 'grade', value: String(g), work_type: 'practical', hours: null });
          }
        });
        const mean = got.length ? got.reduce((a, b) => a + b, 0) / got.length : 2;
        const value = clamp(Math.round(mean - missed[si] / 40), 2, 5);
        mdkMean.set(si, [...(mdkMean.get(si) ?? []), value]);
        terms.push({
          organization_id: orgId,
          assignment_id: assignmentId,
          student_id: sid,
          kind: 'term',
          value: String(value),
          override_reason: null,
          missing: null,
          set_by_user_id: userOf,
          set_at: graded,
        });
      });
      await insertMany(tx, 'marks', marks);
      await insertMany(tx, 'term_grades', terms);
    }

    // Module exams, the demo exam and the thesis follow the term grades and the absences.
    const demo: Record<string, unknown>[] = [];
    const theses: Record<string, unknown>[] = [];
    const moduleExams: Record<string, unknown>[] = [];
    const stamp = {
      organization_id: orgId,
      academic_year_id: yearId,
      group_id: groupId,
      version: 1,
      set_by_user_id: deputyUser,
      set_at: at,
    };
    // The supervisor's and the reviewer's grades draw from their own stream: the rest of the demo stays as it was.
    const reviews = new Random(7000 + groupId);
    studentIds.forEach((sid, si) => {
      const grades = mdkMean.get(si) ?? [3];
      const avg = grades.reduce((a, b) => a + b, 0) / grades.length;
      moduleIds.forEach((mid, mi) => {
        const g = clamp(Math.round((grades[mi] ?? avg) + (rnd.int(0, 100) - 50) / 80), 2, 5);
        moduleExams.push({
          ...stamp,
          student_id: sid,
          curriculum_item_id: mid,
          exam_date: `${y}-06-0${1 + (mi % 5)}`,
          mastered: g >= 3 ? 1 : 0,
          grade: String(g),
        });
      });
      const points = clamp(Math.round((18 + (avg - 2) * 22 - missed[si] * 0.6 + rnd.int(-8, 8)) * 100) / 100, 0, 100);
      demo.push({
        ...stamp,
        student_id: sid,
        exam_date: `${y}-06-10`,
        competence: COMPETENCE[code],
        level: avg >= 4 ? 'profile' : 'base',
        points_x100: Math.round(points * 100),
        max_points: 100,
        modules: null,
        grade: demoExamGrade(points, 100, DEFAULT_GIA_CUTOFFS),
      });
      const admitted = avg >= 2.5;
      const defence = admitted ? clamp(Math.round(avg + (rnd.int(0, 100) - 40) / 100), 3, 5) : null;
      // The supervisor knows the student and is lenient; the reviewer reads the work alone and is close to
      // the commission: the defence grade agrees with the reviewer's more often than with the supervisor's.
      const supervisorGrade = clamp(Math.round((defence ?? 2.4) + 0.35 + (reviews.int(0, 100) - 50) / 90), admitted ? 3 : 2, 5);
      const reviewerGrade = defence === null ? null : clamp(Math.round(defence + (reviews.int(0, 100) - 50) / 110), 2, 5);
      theses.push({
        ...stamp,
        student_id: sid,
        topic: TOPICS[(si + moduleIds.length) % TOPICS.length],
        supervisor: staffNames.get(w.teacherPersonIds[si % w.teacherPersonIds.length]) ?? null,
        reviewer: 'Морозова Е. В., шеф-повар ресторана «Династия»',
        supervisor_grade: String(supervisorGrade),
        reviewer_grade: reviewerGrade === null ? null : String(reviewerGrade),
        admission: admitted ? 'admitted' : 'not_admitted',
        defense_date: admitted ? `${y}-06-24` : null,
        grade: defence === null ? null : String(defence),
      });
    });
    await insertMany(tx, 'gia_module_exams', moduleExams);
    await insertMany(tx, 'gia_demo_exams', demo);
    await insertMany(tx, 'gia_theses', theses);
  }

  // The current graduating groups: thesis topics and supervisors already set.
  const rows: Record<string, unknown>[] = [];
  for (const g of w.groups.filter((x) => x.course === 4)) {
    (w.studentsByGroup.get(g.id) ?? [])
      .filter((s) => !s.until)
      .forEach((s, i) =>
        rows.push({
          organization_id: orgId,
          academic_year_id: currentYearId,
          group_id: g.id,
          student_id: s.studentId,
          version: 1,
          set_by_user_id: deputyUser,
          set_at: w.now,
          topic: TOPICS[i % TOPICS.length],
          supervisor: staffNames.get(w.teacherPersonIds[i % w.teacherPersonIds.length]) ?? null,
          reviewer: null,
          admission: null,
          defense_date: null,
          grade: null,
        }),
      );
  }
  await insertMany(tx, 'gia_theses', rows);
}
