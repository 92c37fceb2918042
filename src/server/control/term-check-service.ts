import {
  FEW_GRADES_RU,
  MIN_TERM_GRADES,
  type MyTermCheckParts,
  type TermCheck,
  type TermCheckList,
  type TermCheckRow,
} from '../../contracts/control-term-check.js';
import { formatRu, todayIn } from '../../domain/dates.js';
import { classroomHours, programTermNo } from '../../domain/curriculum.js';
import { countRu, NOUNS, numberRu } from '../../domain/russian.js';
import { compareRu, fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db } from '../platform/db.js';
import { forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { planIdForAssignment } from '../curriculum/plan-lookup.js';
import { groupRoster, inRosterOn } from '../people/roster.js';
import { itemTerms, organizationName, resolveTerm } from '../curriculum/queries.js';
import { linesOfPlans } from '../curriculum/queries/plans.js';
import {
  acknowledgePart,
  insertTermCheck,
  partsOfChecks,
  partsOfPerson,
  termAssignments,
  termCheckById,
  termCheckList,
  termGradesOf,
  termLessons,
  termMarks,
} from './term-check-queries.js';

// The end-of-term check (issue 12 item 4, п. 5.3, 5.4): per assignment, hours delivered against the
// curriculum and the timetable, the works held and graded, objectivity of the term grades and
// absences; kept as a report to the director, with each teacher's and curator's part to acknowledge.

const CHECKED_WORKS = ['control', 'laboratory', 'practical'] as const;
const WORK_NAMES = { control: 'Контрольных', laboratory: 'Лабораторных', practical: 'Практических' } as const;
const grade = (v: string) => (/^[2-5]$/.test(v) ? Number(v) : null);
const hoursRu = (n: number) => `${numberRu(n)} ч`;

export type TermCheckData = Omit<
  TermCheck,
  'id' | 'termId' | 'title' | 'madeBy' | 'madeByJob' | 'createdAt' | 'parts' | 'acknowledged' | 'partsList'
>;

const workTypesOf = (raw: string | null): string[] => {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

function findingsOf(r: Omit<TermCheckRow, 'findings'>): string[] {
  const out: string[] = [];
  if (r.curriculumHours === null) out.push('В учебном плане нет аудиторных часов на этот семестр');
  else if (r.timetableHours < r.curriculumHours)
    out.push(`Расписание покрывает ${hoursRu(r.timetableHours)} из ${hoursRu(r.curriculumHours)} учебного плана`);
  else if (r.timetableHours > r.curriculumHours)
    out.push(`По расписанию ${hoursRu(r.timetableHours)} при ${hoursRu(r.curriculumHours)} учебного плана`);
  // A lesson not yet held is not one unrecorded: a term not over is measured against the lessons held so far.
  const due = r.dueHours ?? r.timetableHours;
  if (r.deliveredHours < due)
    out.push(
      due < r.timetableHours
        ? `Записано ${hoursRu(r.deliveredHours)} из ${hoursRu(due)} прошедших по расписанию`
        : `Записано ${hoursRu(r.deliveredHours)} из ${hoursRu(r.timetableHours)} по расписанию`,
    );
  for (const k of CHECKED_WORKS) {
    const w = r.works[k];
    if (w.planned !== null && w.held < w.planned)
      out.push(`${WORK_NAMES[k]} работ проведено ${numberRu(w.held)} из ${numberRu(w.planned)} по КТП`);
    if (w.held > w.graded) out.push(`${WORK_NAMES[k]} работ без оценок: ${numberRu(w.held - w.graded)} из ${numberRu(w.held)}`);
  }
  if (r.farFromAverage) out.push(`Оценок за семестр, расходящихся с текущим средним на балл и более: ${numberRu(r.farFromAverage)}`);
  if (r.overrides) out.push(`Оценок за семестр, выставленных вопреки проверке п. 4.2: ${numberRu(r.overrides)}`);
  const few = r.accumulation?.few.length ?? 0;
  if (few) out.push(`Накопляемость: ${FEW_GRADES_RU} за семестр у ${countRu(few, STUDENTS_GEN)} из ${numberRu(r.accumulation!.students)}`);
  return out;
}

const STUDENTS_GEN = ['обучающегося', 'обучающихся', 'обучающихся'] as const;

/**
 * The КТП's lines of one term: a КТП is written for the whole subject, so for a subject of several
 * terms its lines (in order) are cut by the curriculum's classroom hours of the terms before this
 * one and of this one; a line belongs to the term its first hour falls in.
 */
export function linesOfTerm<L extends { hours: number }>(lines: L[], before: number, hours: number): L[] {
  let at = 0;
  const out: L[] = [];
  for (const l of lines) {
    if (at >= before && at < before + hours) out.push(l);
    at += Number(l.hours);
  }
  return out;
}

/** The figures of the check for a term, computed now. */
export async function termCheckData(db: Db, org: { id: number; timeZone: string }, termId: number): Promise<TermCheckData> {
  const orgId = org.id;
  const term = await resolveTerm(db, orgId, org.timeZone, termId);
  const [assignments, lessons, marks, termGrades] = await Promise.all([
    termAssignments(db, orgId, term.id),
    termLessons(db, orgId, term.id),
    termMarks(db, orgId, term.id),
    termGradesOf(db, orgId, term.id),
  ]);
  const terms = await itemTerms(db, orgId, [...new Set(assignments.map((a) => a.itemId))]);
  // The КТП each assignment follows, and its контрольные, лабораторные and практические lines.
  const planOf = new Map<number, number>();
  for (const a of assignments) {
    const plan = await planIdForAssignment(db, orgId, { itemId: a.itemId, groupId: a.groupId, subgroupId: a.subgroupId });
    if (plan) planOf.set(a.id, plan.id);
  }
  const planLines = new Map<number, { hours: number; lesson_type: string }[]>();
  for (const l of await linesOfPlans(db, orgId, [...new Set(planOf.values())])) {
    const x = planLines.get(l.lesson_plan_id) ?? [];
    x.push(l);
    planLines.set(l.lesson_plan_id, x);
  }
  // Накопляемость: each assignment's students in the list at the term's end (or today, in a term not over).
  const today = todayIn(org.timeZone);
  const rosterAt = term.endDate < today ? term.endDate : today;
  const rosters = new Map<number, { studentId: number; name: string }[]>();
  for (const a of assignments) {
    const list = await groupRoster(db, orgId, a.groupId, { from: term.startDate, to: term.endDate }, a.subgroupId);
    rosters.set(
      a.id,
      list.filter((e) => inRosterOn(e, rosterAt)).map((e) => ({ studentId: e.studentId, name: e.fullName })),
    );
  }
  const gradeCounts = new Map<string, number>();

  type Acc = {
    timetable: number;
    due: number;
    delivered: number;
    works: Record<string, Set<number>>;
    graded: Record<string, Set<number>>;
    absence: number;
  };
  const acc = new Map<number, Acc>();
  const at = (id: number) => {
    let a = acc.get(id);
    if (!a) {
      a = { timetable: 0, due: 0, delivered: 0, works: {}, graded: {}, absence: 0 };
      for (const k of CHECKED_WORKS) {
        a.works[k] = new Set();
        a.graded[k] = new Set();
      }
      acc.set(id, a);
    }
    return a;
  };
  const lessonWorks = new Map<number, string[]>();
  for (const l of lessons) {
    const a = at(l.assignmentId);
    a.timetable += Number(l.hours);
    if (l.date < today || l.recordedAt) a.due += Number(l.hours);
    if (!l.recordedAt) continue;
    a.delivered += Number(l.hours);
    const types = workTypesOf(l.workTypes);
    lessonWorks.set(l.id, types);
    for (const k of CHECKED_WORKS) if (types.includes(k)) a.works[k].add(l.id);
  }
  const sums = new Map<string, { s: number; n: number }>();
  for (const m of marks) {
    const a = at(m.assignmentId);
    if (m.kind === 'absence') {
      a.absence += Number(m.hours ?? m.lessonHours);
      continue;
    }
    const key = `${m.assignmentId}:${m.studentId}`;
    if (m.kind === 'grade') gradeCounts.set(key, (gradeCounts.get(key) ?? 0) + 1);
    const g = grade(m.value);
    if (g === null) continue;
    const x = sums.get(key) ?? { s: 0, n: 0 };
    sums.set(key, { s: x.s + g, n: x.n + 1 });
    for (const k of CHECKED_WORKS)
      if (a.works[k].has(m.lessonId) && (m.workType === k || (lessonWorks.get(m.lessonId) ?? []).length === 1)) a.graded[k].add(m.lessonId);
  }
  const tgOf = new Map<number, { n: number; far: number; overrides: number }>();
  for (const t of termGrades) {
    const x = tgOf.get(t.assignmentId) ?? { n: 0, far: 0, overrides: 0 };
    x.n++;
    if (t.overrideReason) x.overrides++;
    const g = grade(t.value);
    const avg = sums.get(`${t.assignmentId}:${t.studentId}`);
    if (g !== null && avg && Math.abs(g - avg.s / avg.n) >= 1) x.far++;
    tgOf.set(t.assignmentId, x);
  }

  const rows: TermCheckRow[] = assignments
    .map((a) => {
      const termNo = programTermNo(a.intakeYear, Number(a.yearStart.slice(0, 4)), a.termNumber);
      const plan = (terms.get(a.itemId) ?? []).find((t) => t.termNo === termNo);
      const curriculumHours = plan ? classroomHours(plan.hours) : 0;
      const x = at(a.id);
      const tg = tgOf.get(a.id) ?? { n: 0, far: 0, overrides: 0 };
      const planId = planOf.get(a.id);
      // The КТП's lines of this term: all of them for a subject of one term, else the term's share.
      const itemTermsOf = terms.get(a.itemId) ?? [];
      const before = itemTermsOf.filter((t) => t.termNo < termNo).reduce((n, t) => n + classroomHours(t.hours), 0);
      const allLines = planId === undefined ? [] : (planLines.get(planId) ?? []);
      const lines = itemTermsOf.length <= 1 ? allLines : linesOfTerm(allLines, before, curriculumHours);
      const planned = (k: string) => (planId === undefined ? null : lines.filter((l) => l.lesson_type === k).length);
      const works = Object.fromEntries(
        CHECKED_WORKS.map((k) => [k, { planned: planned(k), held: x.works[k].size, graded: x.graded[k].size }]),
      ) as TermCheckRow['works'];
      const students = rosters.get(a.id) ?? [];
      const counted = students.map((st) => ({ ...st, grades: gradeCounts.get(`${a.id}:${st.studentId}`) ?? 0 }));
      const row = {
        assignmentId: a.id,
        groupId: a.groupId,
        groupName: a.groupName,
        subgroupName: a.subgroupName,
        code: a.code,
        subjectName: a.name,
        teacherPersonId: a.teacherPersonId,
        teacherName: fullName(a),
        curatorPersonId: a.curatorPersonId,
        curriculumHours: curriculumHours > 0 ? curriculumHours : null,
        timetableHours: x.timetable,
        deliveredHours: x.delivered,
        dueHours: x.due,
        works,
        termGrades: tg.n,
        farFromAverage: tg.far,
        overrides: tg.overrides,
        absenceHours: x.absence,
        accumulation: {
          students: students.length,
          grades: counted.reduce((n, st) => n + st.grades, 0),
          few: counted.filter((st) => st.grades < MIN_TERM_GRADES).sort((p, q) => compareRu(p.name, q.name)),
        },
      };
      return { ...row, findings: findingsOf(row) };
    })
    .sort((a, b) => compareRu(a.groupName, b.groupName) || a.code.localeCompare(b.code) || a.assignmentId - b.assignmentId);

  const totals = rows.reduce(
    (s, r) => ({
      curriculumHours: s.curriculumHours + (r.curriculumHours ?? 0),
      timetableHours: s.timetableHours + r.timetableHours,
      deliveredHours: s.deliveredHours + r.deliveredHours,
      dueHours: s.dueHours + (r.dueHours ?? r.timetableHours),
      farFromAverage: s.farFromAverage + r.farFromAverage,
      overrides: s.overrides + r.overrides,
      absenceHours: s.absenceHours + r.absenceHours,
    }),
    { curriculumHours: 0, timetableHours: 0, deliveredHours: 0, dueHours: 0, farFromAverage: 0, overrides: 0, absenceHours: 0 },
  );
  const short = rows.filter((r) => r.curriculumHours !== null && r.timetableHours < r.curriculumHours).length;
  const unrecorded = rows.filter((r) => r.deliveredHours < (r.dueHours ?? r.timetableHours)).length;
  const running = totals.dueHours < totals.timetableHours;
  const ungraded = rows.filter((r) => CHECKED_WORKS.some((k) => r.works[k].held > r.works[k].graded)).length;
  const fewRows = rows.filter((r) => r.accumulation?.few.length);
  const fewStudents = new Set(fewRows.flatMap((r) => r.accumulation!.few.map((x) => x.studentId))).size;
  const findings = [
    `Проверено ${countRu(rows.length, ['журнал', 'журнала', 'журналов'])}; по учебному плану ${hoursRu(totals.curriculumHours)}, ` +
      `по расписанию ${hoursRu(totals.timetableHours)}` +
      (running ? `, из них прошло на ${formatRu(today)} ${hoursRu(totals.dueHours)}` : '') +
      `, записано ${hoursRu(totals.deliveredHours)}.`,
    ...(short ? [`Расписание не покрывает часы учебного плана: ${countRu(short, NOUNS.subject)}.`] : []),
    ...(unrecorded ? [`Не все ${running ? 'прошедшие ' : ''}занятия по расписанию записаны: ${countRu(unrecorded, NOUNS.subject)}.`] : []),
    ...(ungraded ? [`Проведённые контрольные, лабораторные или практические работы без оценок: ${countRu(ungraded, NOUNS.subject)}.`] : []),
    ...(totals.farFromAverage
      ? [`Оценки за семестр, расходящиеся с текущим средним на балл и более: ${numberRu(totals.farFromAverage)}.`]
      : []),
    ...(totals.overrides ? [`Оценки за семестр, выставленные вопреки проверке п. 4.2: ${numberRu(totals.overrides)}.`] : []),
    ...(fewRows.length
      ? [
          `Накопляемость оценок: ${FEW_GRADES_RU} за семестр у ${countRu(fewStudents, STUDENTS_GEN)} ` +
            `по ${countRu(fewRows.length, ['журналу', 'журналам', 'журналам'])}.`,
        ]
      : []),
    `Пропущено ${hoursRu(totals.absenceHours)}.`,
  ];
  return { organizationName: await organizationName(db, orgId), termLabel: term.label, rows, totals, findings };
}

const requireAll = (ctx: Ctx) => {
  if (!ctx.reach.all) throw forbidden('Справку по итогам семестра составляет заместитель директора по всему колледжу.');
};

type CheckRow = NonNullable<Awaited<ReturnType<typeof termCheckById>>>;
type PartRow = Awaited<ReturnType<typeof partsOfChecks>>[number];
const roleOf = (r: string) => (r === 'curator' ? 'curator' : 'teacher');

export async function termChecks(ctx: Ctx, termId?: number): Promise<TermCheckList> {
  requireAll(ctx);
  const orgId = ctx.principal.organizationId;
  const rows = await termCheckList(ctx.db, orgId, termId);
  const parts = await partsOfChecks(
    ctx.db,
    orgId,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const mine = parts.filter((p) => p.checkId === r.id);
      return { ...itemOf(r), parts: mine.length, acknowledged: mine.filter((p) => p.acknowledgedAt).length };
    }),
  };
}

const itemOf = (r: Omit<CheckRow, 'data'>) => ({
  id: r.id,
  termId: r.termId,
  title: r.title,
  madeBy: r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : null,
  madeByJob: r.madeByJob,
  createdAt: r.createdAt,
});

/** A kept check's figures; one made before накопляемость was counted has none. */
function dataOf(raw: string): TermCheckData {
  const d = JSON.parse(raw) as TermCheckData;
  return { ...d, rows: d.rows.map((x) => ({ ...x, accumulation: x.accumulation ?? null })) };
}

function checkOf(r: CheckRow, parts: PartRow[]): TermCheck {
  return {
    ...itemOf(r),
    ...dataOf(r.data),
    parts: parts.length,
    acknowledged: parts.filter((p) => p.acknowledgedAt).length,
    partsList: parts.map((p) => ({
      id: p.id,
      personId: p.personId,
      personName: fullName(p),
      role: roleOf(p.role),
      acknowledgedAt: p.acknowledgedAt,
    })),
  };
}

export async function termCheck(ctx: Ctx, id: number): Promise<TermCheck> {
  requireAll(ctx);
  const orgId = ctx.principal.organizationId;
  const r = await termCheckById(ctx.db, orgId, id);
  if (!r) throw notFound('Справка не найдена.');
  return checkOf(r, await partsOfChecks(ctx.db, orgId, [id]));
}

/**
 * Makes the check of a term and keeps it, with a part for each teacher and curator concerned: by a
 * user on demand (audited) or by the scheduled job the day after the term ends.
 */
export async function keepTermCheck(
  db: Db,
  org: { id: number; timeZone: string },
  termId: number,
  by: { userId: number; ip: string } | { job: string },
): Promise<number> {
  const data = await termCheckData(db, org, termId);
  const term = await resolveTerm(db, org.id, org.timeZone, termId);
  const people = new Map<string, { personId: number; role: string }>();
  for (const r of data.rows) {
    people.set(`teacher:${r.teacherPersonId}`, { personId: r.teacherPersonId, role: 'teacher' });
    if (r.curatorPersonId !== null) people.set(`curator:${r.curatorPersonId}`, { personId: r.curatorPersonId, role: 'curator' });
  }
  return db.transaction().execute(async (tx) => {
    const cid = await insertTermCheck(tx, {
      orgId: org.id,
      termId: term.id,
      title: termCheckTitle(term.label),
      userId: 'userId' in by ? by.userId : null,
      job: 'job' in by ? by.job : null,
      at: nowIso(),
      data,
      parts: [...people.values()],
    });
    if ('userId' in by)
      await audit(tx, {
        organizationId: org.id,
        actorUserId: by.userId,
        action: 'term-check.make',
        entity: 'term_check',
        entityId: cid,
        ip: by.ip,
      });
    return cid;
  });
}

export const termCheckTitle = (termLabel: string) => `Справка по итогам проверки журналов: ${termLabel}`;

export async function makeTermCheck(ctx: Ctx, termId: number): Promise<TermCheck> {
  requireAll(ctx);
  const p = ctx.principal;
  const id = await keepTermCheck(ctx.db, { id: p.organizationId, timeZone: p.timeZone }, termId, { userId: p.userId, ip: ctx.ip });
  return termCheck(ctx, id);
}

/** The parts addressed to the caller: a teacher's assignments, a curator's group. */
export async function myTermCheckParts(ctx: Ctx): Promise<MyTermCheckParts> {
  const p = ctx.principal;
  const rows = await partsOfPerson(ctx.db, p.organizationId, p.personId);
  return {
    items: rows.map((r) => {
      const data = dataOf(r.data);
      const role = roleOf(r.role);
      return {
        partId: r.id,
        checkId: r.checkId,
        title: r.title,
        role,
        createdAt: r.createdAt,
        acknowledgedAt: r.acknowledgedAt,
        canAcknowledge: r.acknowledgedAt === null,
        rows: data.rows.filter((x) => (role === 'teacher' ? x.teacherPersonId === p.personId : x.curatorPersonId === p.personId)),
      };
    }),
  };
}

export async function acknowledgeTermCheckPart(ctx: Ctx, partId: number): Promise<MyTermCheckParts> {
  const p = ctx.principal;
  const mine = (await partsOfPerson(ctx.db, p.organizationId, p.personId)).find((r) => r.id === partId);
  if (!mine) throw notFound('Часть справки не найдена.');
  if (mine.acknowledgedAt === null)
    await ctx.db.transaction().execute(async (tx) => {
      await acknowledgePart(tx, p.organizationId, partId, nowIso());
      await audit(tx, {
        organizationId: p.organizationId,
        actorUserId: p.userId,
        action: 'term-check.ack',
        entity: 'term_check_part',
        entityId: partId,
        ip: ctx.ip,
      });
    });
  return myTermCheckParts(ctx);
}
