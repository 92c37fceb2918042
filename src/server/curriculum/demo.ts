import { CLASSROOM_HOUR_KINDS, programTermNo, type Hours, zeroHours, addHours, type LessonType } from '../../domain/curriculum.js';
import { insertMany, type DemoStep, type DemoWorld } from '../demo/world.js';
import { cycleOf, DEMO_CURRICULA, DEMO_TOPICS, kindOf, type ItemSpec, type TermSpec } from './demo-programs.js';

// The demo step of the curriculum: curricula of every program and intake year, the teaching
// load of every group for both terms of the current year, and approved КТП of the subjects.

type TermRow = Omit<Hours, never> & { form: string | null };

export function termRow(spec: TermSpec): TermRow {
  const h = zeroHours();
  let form: string | null;
  if (Array.isArray(spec)) {
    h.theory = spec[0];
    h.practical = spec[1];
    h.laboratory = spec[2] ?? 0;
    form = spec[3] ?? null;
  } else {
    h.theory = spec.theory ?? 0;
    h.practical = spec.practical ?? 0;
    h.laboratory = spec.laboratory ?? 0;
    h.course_project = spec.courseProject ?? 0;
    h.practice = spec.practice ?? 0;
    form = spec.form ?? null;
  }
  const lessons = h.theory + h.practical + h.laboratory + h.course_project;
  h.self_study = lessons >= 60 ? 6 : lessons >= 40 ? 4 : lessons > 0 ? 2 : 0;
  h.consultation = form === 'Э' || form === 'Эк' ? 2 : 0;
  h.exam = form === 'Э' || form === 'Эк' ? 6 : 0;
  return { ...h, form };
}

const classroom = (h: Hours) => CLASSROOM_HOUR_KINDS.reduce((s, k) => s + h[k], 0);

const PRACTICE_TOPICS = [
  'Вводный инструктаж по охране труда и пожарной безопасности. Организация рабочего места',
  'Подготовка оборудования, инвентаря и инструментов к работе',
  'Выполнение технологических операций под руководством мастера',
  'Самостоятельное выполнение заданий по видам работ модуля',
  'Контроль качества и безопасности выполненных работ',
  'Оформление дневника и отчёта по практике. Дифференцированный зачёт',
];
const COURSE_PROJECT_TOPICS = [
  'Выбор темы и составление плана курсового проекта',
  'Подбор и анализ источников',
  'Расчётная часть проекта',
  'Технологическая часть проекта',
  'Оформление пояснительной записки',
  'Подготовка к защите курсового проекта',
];
const SELF_STUDY = [
  'Проработка конспекта занятия и учебной литературы',
  'Подготовка сообщения по теме',
  'Решение задач по образцу',
  'Оформление отчёта о практической работе',
  'Составление опорного конспекта',
  'Подготовка к контрольной работе',
];

function sectionsOf(name: string): string[] {
  return (
    DEMO_TOPICS[name] ?? [
      `Введение. Цели и задачи дисциплины «${name}»`,
      'Основные понятия, термины и определения',
      'Нормативно-правовая база',
      'Современные технологии и методы',
      'Организация работы и рабочего места',
      'Контроль качества и безопасность работ',
      'Обобщение и систематизация знаний',
    ]
  );
}

export interface DemoPlanLine {
  position: number;
  section: string;
  topic: string;
  hours: number;
  lesson_type: LessonType;
  self_study_task: string | null;
  self_study_hours: number;
}

/** A КТП whose hours match the curriculum exactly: 2-hour lessons, practice in 6-hour days. */
export function demoPlanLines(name: string, h: Hours): DemoPlanLine[] {
  const lines: DemoPlanLine[] = [];
  const push = (section: string, topic: string, hours: number, type: LessonType) =>
    lines.push({ position: lines.length + 1, section, topic, hours, lesson_type: type, self_study_task: null, self_study_hours: 0 });
  for (let left = h.practice, i = 0; left > 0; i++) {
    const hours = Math.min(6, left);
    const last = left - hours === 0;
    const topic =
      i === 0
        ? PRACTICE_TOPICS[0]
        : last
          ? PRACTICE_TOPICS[PRACTICE_TOPICS.length - 1]
          : PRACTICE_TOPICS[1 + ((i - 1) % (PRACTICE_TOPICS.length - 2))];
    push('Виды работ', topic, hours, 'practice');
    left -= hours;
  }
  const units = { theory: h.theory, practical: h.practical, laboratory: h.laboratory, course_project: h.course_project };
  const total = units.theory + units.practical + units.laboratory + units.course_project;
  if (total > 0) {
    const sections = sectionsOf(name);
    const done = { theory: 0, practical: 0, laboratory: 0, course_project: 0 };
    const counters = { practical: 0, laboratory: 0, control: 0, theory: 0 };
    let spent = 0;
    while (spent < total) {
      // Course project hours close the subject; the rest are spread in proportion.
      const kinds = (['theory', 'practical', 'laboratory'] as const).filter((k) => done[k] < units[k]);
      const kind = kinds.length
        ? kinds.reduce((best, k) => (done[k] / units[k] < done[best] / units[best] ? k : best), kinds[0])
        : 'course_project';
      const hours = Math.min(2, units[kind] - done[kind]);
      const sectionIdx = Math.min(sections.length - 1, Math.floor((spent / total) * sections.length));
      const s = sections[sectionIdx];
      const title = `Тема ${sectionIdx + 1}. ${s}`;
      if (kind === 'theory') {
        counters.theory++;
        const isControl = counters.theory % 9 === 0 && units.theory - done.theory > 2;
        if (isControl) push(title, `Контрольная работа № ${++counters.control} по теме «${s}»`, hours, 'control');
        else push(title, s, hours, 'theory');
      } else if (kind === 'practical') push(title, `Практическое занятие № ${++counters.practical}. ${s}`, hours, 'practical');
      else if (kind === 'laboratory') push(title, `Лабораторная работа № ${++counters.laboratory}. ${s}`, hours, 'laboratory');
      else
        push(
          'Курсовое проектирование',
          COURSE_PROJECT_TOPICS[
            Math.min(
              COURSE_PROJECT_TOPICS.length - 1,
              Math.floor((done.course_project / units.course_project) * COURSE_PROJECT_TOPICS.length),
            )
          ],
          hours,
          'course_project',
        );
      done[kind] += hours;
      spent += hours;
    }
  }
  // Self-study tasks go with evenly spaced lessons, 2 hours each (the last takes the rest).
  const candidates = lines.filter((l) => l.lesson_type !== 'control' && l.lesson_type !== 'practice');
  let left = h.self_study;
  if (left > 0 && candidates.length) {
    const n = Math.max(1, Math.min(candidates.length, Math.ceil(left / 2)));
    for (let i = 0; i < n && left > 0; i++) {
      const l = candidates[Math.floor(((i + 1) * candidates.length) / (n + 1))] ?? candidates[i];
      const hours = i === n - 1 ? left : Math.min(2, left);
      l.self_study_hours += hours;
      l.self_study_task = `${SELF_STUDY[(l.position + i) % SELF_STUDY.length]}: «${l.section.replace(/^Тема \d+\. /, '')}»`;
      left -= hours;
    }
  }
  return lines;
}

interface ItemRef {
  id: number;
  spec: ItemSpec;
  curriculumId: number;
  programCode: string;
  intakeYear: number;
  parentName: string | null;
}

export const curriculumDemo: DemoStep = async (w: DemoWorld) => {
  const { tx } = w;
  const y = w.yearStart;
  const programs = await tx.selectFrom('programs').select(['id', 'code', 'name']).where('organization_id', '=', w.orgId).execute();
  const intakeYears = [y - 3, y - 2, y - 1, y];
  const curricula: { programId: number; code: string; intake: number }[] = [];
  for (const p of programs)
    if (DEMO_CURRICULA[p.code]) for (const intake of intakeYears) curricula.push({ programId: p.id, code: p.code, intake });
  const curriculumIds = await insertMany(
    tx,
    'curricula',
    curricula.map((c) => {
      const p = programs.find((x) => x.id === c.programId)!;
      return {
        organization_id: w.orgId,
        program_id: c.programId,
        intake_year: c.intake,
        name: `${p.code} ${p.name}, набор ${c.intake} года`,
        status: 'approved',
      };
    }),
  );

  // Items: top level first, then МДК and practices under their modules.
  const top: { spec: ItemSpec; cur: number; pos: number }[] = [];
  curricula.forEach((c, ci) => DEMO_CURRICULA[c.code].forEach((spec, pos) => top.push({ spec, cur: ci, pos: pos * 10 })));
  const itemRow = (spec: ItemSpec, curriculumId: number, parentId: number | null, position: number, kind: string) => ({
    organization_id: w.orgId,
    curriculum_id: curriculumId,
    parent_id: parentId,
    cycle: cycleOf(spec.code),
    code: spec.code,
    name: spec.name,
    kind,
    commission_id: w.commissionIds[spec.commission] ?? null,
    position,
  });
  const topIds = await insertMany(
    tx,
    'curriculum_items',
    top.map((t) => itemRow(t.spec, curriculumIds[t.cur], null, t.pos, kindOf(t.spec))),
  );
  const refs: ItemRef[] = top.map((t, i) => ({
    id: topIds[i],
    spec: t.spec,
    curriculumId: curriculumIds[t.cur],
    programCode: curricula[t.cur].code,
    intakeYear: curricula[t.cur].intake,
    parentName: null,
  }));
  const children: { spec: ItemSpec; parent: ItemRef; pos: number }[] = [];
  top.forEach((t, i) => t.spec.children?.forEach((spec, k) => children.push({ spec, parent: refs[i], pos: t.pos + k + 1 })));
  const childIds = await insertMany(
    tx,
    'curriculum_items',
    children.map((c) => itemRow(c.spec, c.parent.curriculumId, c.parent.id, c.pos, kindOf(c.spec))),
  );
  children.forEach((c, i) =>
    refs.push({
      id: childIds[i],
      spec: c.spec,
      curriculumId: c.parent.curriculumId,
      programCode: c.parent.programCode,
      intakeYear: c.parent.intakeYear,
      parentName: c.parent.spec.name,
    }),
  );

  const termRows = new Map<number, Map<number, TermRow>>();
  const termInserts: Record<string, unknown>[] = [];
  for (const r of refs) {
    const m = new Map<number, TermRow>();
    for (const [t, spec] of Object.entries(r.spec.terms)) {
      const row = termRow(spec);
      m.set(Number(t), row);
      termInserts.push({
        organization_id: w.orgId,
        curriculum_item_id: r.id,
        term_no: Number(t),
        theory_hours: row.theory,
        practical_hours: row.practical,
        laboratory_hours: row.laboratory,
        course_project_hours: row.course_project,
        practice_hours: row.practice,
        self_study_hours: row.self_study,
        consultation_hours: row.consultation,
        exam_hours: row.exam,
        attestation_form: row.form,
      });
    }
    termRows.set(r.id, m);
  }
  await insertMany(tx, 'curriculum_item_terms', termInserts);

  // Teaching load. Each commission has its teachers; a teacher takes a subject for up to three
  // groups. The fixed `teacher` teaches chemistry and the first cooking subjects to several
  // groups; the fixed `curator` teaches their own group.
  const rest = w.teacherPersonIds.filter((id) => id !== w.fixed.chair && id !== w.fixed.curator && id !== w.fixed.teacher);
  const [chair0, chair2, ...others] = rest;
  const pools: number[][] = [[chair0], [w.fixed.chair, w.fixed.curator], [chair2]].map((p) => p.filter((x) => x !== undefined));
  others.forEach((id, i) => pools[[0, 0, 1, 1, 2][i % 5]].push(id));
  const cursor = [0, 0, 0];
  const current = new Map<string, { pid: number; groups: number }>();
  const chosen = new Map<string, number>();
  const cookingCodes = new Set(['43.02.15', '43.01.09']);
  const fixedTeacherLoad = new Map<string, number>();
  const teacherFor = (ref: ItemRef, groupId: number, curatorPersonId: number, subgroup: number | null): number => {
    const key = `${ref.spec.commission}|${ref.spec.name}|${subgroup ?? ''}`;
    const cached = chosen.get(`${key}|${groupId}`);
    if (cached) return cached;
    let pid: number;
    if (ref.spec.code === 'ОП.03' && cookingCodes.has(ref.programCode) && curatorPersonId === w.fixed.curator) pid = w.fixed.curator;
    else if (
      cookingCodes.has(ref.programCode) &&
      ['ООД.07', 'ОП.01', 'ОП.02'].includes(ref.spec.code) &&
      (fixedTeacherLoad.get(key) ?? 0) < 2
    ) {
      pid = w.fixed.teacher;
      fixedTeacherLoad.set(key, (fixedTeacherLoad.get(key) ?? 0) + 1);
    } else {
      const pool = pools[ref.spec.commission].length ? pools[ref.spec.commission] : pools[0];
      let cur = current.get(key);
      if (!cur || cur.groups >= 3) {
        cur = { pid: pool[cursor[ref.spec.commission]++ % pool.length], groups: 0 };
        current.set(key, cur);
      }
      cur.groups++;
      pid = cur.pid;
    }
    chosen.set(`${key}|${groupId}`, pid);
    return pid;
  };

  const refsByCurriculum = new Map<string, ItemRef[]>();
  for (const r of refs) {
    const k = `${r.programCode}|${r.intakeYear}`;
    if (!refsByCurriculum.has(k)) refsByCurriculum.set(k, []);
    refsByCurriculum.get(k)!.push(r);
  }
  const codeOf = new Map(w.programs.map((p) => [p.id, p.code]));
  const assignmentRows: {
    organization_id: number;
    term_id: number;
    group_id: number;
    subgroup_id: number | null;
    curriculum_item_id: number;
    teacher_person_id: number;
    hours: number;
  }[] = [];
  const taughtItems = new Set<number>();
  for (const g of w.groups) {
    const items = refsByCurriculum.get(`${codeOf.get(g.programId)}|${g.intakeYear}`) ?? [];
    w.termIds.current.forEach((termId, ti) => {
      const termNo = programTermNo(g.intakeYear, y, ti + 1);
      for (const r of items) {
        // Modules are taught through their МДК; industrial practice and the ГИА are not class lessons.
        if (r.spec.children || r.spec.code === 'ГИА' || r.spec.code.startsWith('ПП')) continue;
        const row = termRows.get(r.id)?.get(termNo);
        if (!row) continue;
        const hours = classroom(row);
        if (hours <= 0) continue;
        taughtItems.add(r.id);
        const subgroups = r.spec.bySubgroup && g.subgroupIds.length ? g.subgroupIds : [null];
        subgroups.forEach((sg, si) => {
          assignmentRows.push({
            organization_id: w.orgId,
            term_id: termId,
            group_id: g.id,
            subgroup_id: sg,
            curriculum_item_id: r.id,
            teacher_person_id: teacherFor(r, g.id, g.curatorPersonId, sg === null ? null : si),
            hours,
          });
        });
      }
    });
  }
  const assignmentIds = await insertMany(tx, 'assignments', assignmentRows);
  w.assignments = assignmentRows.map((a, i) => ({
    id: assignmentIds[i],
    groupId: a.group_id,
    subgroupId: a.subgroup_id,
    subjectId: a.curriculum_item_id,
    teacherPersonId: a.teacher_person_id,
    termId: a.term_id,
    hours: a.hours,
  }));

  // КТП: an approved shared base for every subject taught this year. The fixed teacher's
  // ОП.02 of the second-year cooking specialty has none yet, and the same subject of the
  // profession waits for the chair's approval.
  const users = await tx
    .selectFrom('users')
    .select(['id', 'person_id'])
    .where('organization_id', '=', w.orgId)
    .where('person_id', 'in', [w.fixed.methodist, w.fixed.teacher, w.fixed.chair])
    .execute();
  const userId = (login: 'methodist' | 'teacher' | 'chair') => users.find((u) => u.person_id === w.fixed[login])?.id ?? null;
  const planRows: Record<string, unknown>[] = [];
  const planLines: DemoPlanLine[][] = [];
  for (const r of refs) {
    if (!taughtItems.has(r.id)) continue;
    const isSecondYearCooking = r.intakeYear === y - 1 && r.spec.code === 'ОП.02';
    if (isSecondYearCooking && r.programCode === '43.02.15') continue;
    const submitted = isSecondYearCooking && r.programCode === '43.01.09';
    let total = zeroHours();
    for (const row of termRows.get(r.id)!.values()) total = addHours(total, row);
    planRows.push({
      organization_id: w.orgId,
      curriculum_item_id: r.id,
      group_id: null,
      subgroup_id: null,
      based_on_plan_id: null,
      status: submitted ? 'submitted' : 'approved',
      remarks: null,
      author_person_id: w.assignments.find((a) => a.subjectId === r.id)?.teacherPersonId ?? null,
      submitted_at: w.now,
      submitted_by_user_id: submitted ? userId('teacher') : null,
      decided_at: submitted ? null : w.now,
      decided_by_user_id: submitted ? null : userId('methodist'),
      version: 1,
      created_at: w.now,
      updated_at: w.now,
    });
    planLines.push(
      demoPlanLines(r.spec.children ? r.spec.name : r.spec.code.match(/^(УП|ПП)/) ? (r.parentName ?? r.spec.name) : r.spec.name, total),
    );
  }
  const planIds = await insertMany(tx, 'lesson_plans', planRows);
  await insertMany(
    tx,
    'lesson_plan_items',
    planLines.flatMap((lines, i) => lines.map((l) => ({ organization_id: w.orgId, lesson_plan_id: planIds[i], ...l }))),
  );
};
