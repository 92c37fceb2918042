import type {
  AbsenceHours,
  GroupSheet,
  PerformanceQuery,
  PerformanceReport,
  PerformanceRow,
  PerformanceSection,
  PerformanceStats,
  PeriodRef,
} from '../../contracts/performance.js';
import { todayIn } from '../../domain/dates.js';
import { defaultTerm } from '../../domain/terms.js';
import { coefficientsFrom, isDebt, performanceOf, resultOf, weekStart, type LearningDegreeCoefficients } from '../../domain/performance.js';
import { compareRu, fullName, shortName } from '../../domain/text.js';
import { directionReach } from '../platform/direction.js';
import { notFound } from '../platform/errors.js';
import type { Db } from '../platform/db.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal, visibleStudents, type Reach as CallerReach } from '../platform/reach.js';
import {
  absenceHours,
  absenceTotals,
  allTerms,
  assignmentFacts,
  groupName,
  membershipsAt,
  orgSettings,
  reachedAssignmentIds,
  studentNames,
  termResults,
  type AbsenceDay,
  type AbsenceTotal,
} from './performance-queries.js';

type TermRow = Awaited<ReturnType<typeof allTerms>>[number];
type Fact = Awaited<ReturnType<typeof assignmentFacts>>[number];
interface Period {
  ref: PeriodRef;
  terms: TermRow[];
}

const termTitle = (t: TermRow) => `${t.number}-й семестр ${t.year_name}`;
const termPeriod = (t: TermRow): Period => ({
  ref: { kind: 'term', id: t.id, title: termTitle(t), from: t.start_date, to: t.end_date },
  terms: [t],
});
function yearPeriod(terms: TermRow[], yearId: number): Period | null {
  const ts = terms.filter((t) => t.year_id === yearId);
  if (!ts.length) return null;
  return {
    ref: { kind: 'year', id: yearId, title: `${ts[0].year_name} учебный год`, from: ts[0].start_date, to: ts.at(-1)!.end_date },
    terms: ts,
  };
}

/** The period asked for (the current term by default) and the one before it. */
/** What a report is made from: the college, and the caller's reach (null: the whole college, for a scheduled report). */
interface Source {
  db: Db;
  orgId: number;
  timeZone: string;
  reach: CallerReach | null;
}
const sourceOf = (ctx: Ctx): Source => ({
  db: ctx.reports,
  orgId: ctx.principal.organizationId,
  timeZone: ctx.principal.timeZone,
  reach: ctx.reach,
});

export async function periodsOf(src: Source, q: PerformanceQuery) {
  const terms = await allTerms(src.db, src.orgId);
  let period: Period | null = null;
  let previous: Period | null = null;
  if (q.yearId) {
    period = yearPeriod(terms, q.yearId);
    const years = [...new Set(terms.map((t) => t.year_id))];
    const i = years.indexOf(q.yearId);
    previous = i > 0 ? yearPeriod(terms, years[i - 1]) : null;
  } else {
    const id =
      q.termId ??
      defaultTerm(
        terms.map((t) => ({ id: t.id, startDate: t.start_date, endDate: t.end_date })),
        todayIn(src.timeZone),
      )?.id;
    const at = terms.findIndex((t) => t.id === id);
    if (at >= 0) {
      period = termPeriod(terms[at]);
      previous = at > 0 ? termPeriod(terms[at - 1]) : null;
    }
  }
  if (!period) throw notFound(q.yearId ? 'Учебный год не найден.' : 'Семестр не найден.');
  return { terms, period, previous };
}

type Reach =
  | { whole: true }
  | {
      whole: false;
      of: CallerReach;
      /** Whether a student's result in an assignment is within reach. */
      sees(f: Fact, studentId: number): boolean;
    };
/** The caller's reach for results: the assignments whose journal they read, and the students of them they see. */
function reportReach(r: CallerReach | null): Reach {
  if (!r || r.all) return { whole: true };
  return {
    whole: false,
    of: r,
    sees(f, studentId) {
      const t = { groupId: f.group_id, commissionId: f.commission_id, assignmentTeacherPersonId: f.teacher_person_id };
      return readsJournal(r, t) && (visibleStudents(r, t)?.has(studentId) ?? true);
    },
  };
}

const noAbsences = (): AbsenceHours => ({ excused: 0, unexcused: 0 });
interface Bucket {
  name: string;
  note: string | null;
  sort: string;
  students: Map<number, string[]>;
  absences: AbsenceHours;
  debts: Set<string>;
  /** The groups a subject's row covers: a subject of each curriculum has a row of its own, under the same name. */
  groups: Set<string>;
}
type Sections = Record<PerformanceSection, Map<string, Bucket>>;

/** A cell of the period: one student's attestation results in one assignment. */
interface Cell {
  fact: Fact;
  studentId: number;
  grades: Partial<Record<'term' | 'exam' | 'final', string>>;
}

/**
 * Everything of one period grouped by section and key. `absences`: per student and assignment,
 * read once for the report's periods (rows of other periods' assignments are passed over); none for a trend's term.
 * Rows are looked up by their integer ids (no string keys a row); buckets are made in the order the rows come.
 */
async function gather(
  src: Source,
  terms: TermRow[],
  reach: Reach,
  absences: AbsenceTotal[],
): Promise<{ sections: Sections; facts: Fact[] }> {
  const orgId = src.orgId;
  const termIds = terms.map((t) => t.id);
  const ids = reach.whole ? null : await reachedAssignmentIds(src.db, orgId, termIds, reach.of);
  const [facts, results, present] = await Promise.all([
    assignmentFacts(src.db, orgId, termIds, ids),
    termResults(src.db, orgId, termIds, ids),
    membershipsAt(src.db, orgId, terms.at(-1)!.end_date),
  ]);
  // Who is still in each group at the end of the period.
  const stays = new Map<number, Set<number>>();
  for (const m of present) {
    const s = stays.get(m.group_id);
    if (s) s.add(m.student_id);
    else stays.set(m.group_id, new Set([m.student_id]));
  }
  const counts = (f: Fact, studentId: number) => !!stays.get(f.group_id)?.has(studentId) && (reach.whole || reach.sees(f, studentId));
  const byId = new Map(facts.map((f) => [f.id, f]));
  const cells: Cell[] = [];
  const cellOf = new Map<number, Map<number, Cell>>();
  for (const r of results) {
    const fact = byId.get(r.assignment_id);
    if (!fact || !counts(fact, r.student_id)) continue;
    let ofAssignment = cellOf.get(r.assignment_id);
    if (!ofAssignment) cellOf.set(r.assignment_id, (ofAssignment = new Map()));
    let c = ofAssignment.get(r.student_id);
    if (!c) {
      c = { fact, studentId: r.student_id, grades: {} };
      ofAssignment.set(r.student_id, c);
      cells.push(c);
    }
    c.grades[r.kind] = r.value;
  }
  const counted = absences.filter((a) => {
    const f = byId.get(a.assignment_id);
    return !!f && counts(f, a.student_id);
  });
  const studentIds = new Set<number>(cells.map((c) => c.studentId));
  for (const a of counted) studentIds.add(a.student_id);
  const names = new Map((await studentNames(src.db, orgId, [...studentIds])).map((s) => [s.id, s]));

  const sections: Sections = {
    college: new Map(),
    departments: new Map(),
    commissions: new Map(),
    groups: new Map(),
    subjects: new Map(),
    teachers: new Map(),
    students: new Map(),
  };
  const bucket = (section: PerformanceSection, key: string, name: string, note: string | null, sort: string) => {
    const m = sections[section];
    let b = m.get(key);
    if (!b) m.set(key, (b = { name, note, sort, students: new Map(), absences: noAbsences(), debts: new Set(), groups: new Set() }));
    return b;
  };
  // The buckets of an assignment (college, department, ПЦК, group, subject, teacher), and of a student, made once each.
  const ofAssignment = new Map<number, Bucket[]>();
  const bucketsOf = (f: Fact): Bucket[] => {
    let own = ofAssignment.get(f.id);
    if (!own) {
      const teacher = fullName({ last_name: f.last_name, first_name: f.first_name, middle_name: f.middle_name });
      const subject = bucket(
        'subjects',
        `s${f.subject_id}`,
        f.subject_name,
        f.subject_code,
        `${f.subject_code} ${f.subject_name} ${f.group_sort}`,
      );
      subject.groups.add(f.group_name);
      own = [
        bucket('college', 'all', reach.whole ? 'Колледж' : 'Всего по доступным вам группам и дисциплинам', null, ''),
        bucket('departments', `d${f.department_id ?? 0}`, f.department_name ?? 'Без отделения', null, f.department_name ?? '\uffff'),
        bucket('commissions', `c${f.commission_id ?? 0}`, f.commission_name ?? 'Без ПЦК', null, f.commission_name ?? '\uffff'),
        bucket('groups', `g${f.group_id}`, f.group_name, null, f.group_sort),
        subject,
        bucket('teachers', `t${f.teacher_person_id}`, teacher, null, teacher),
      ];
      ofAssignment.set(f.id, own);
    }
    return own;
  };
  const ofStudent = new Map<number, Bucket>();
  const studentBucket = (f: Fact, studentId: number): Bucket => {
    let st = ofStudent.get(studentId);
    if (!st) {
      const s = names.get(studentId);
      st = bucket('students', `st${studentId}`, s ? fullName(s) : `№ ${studentId}`, f.group_name, `${f.group_sort} ${s?.sort_key ?? ''}`);
      ofStudent.set(studentId, st);
    }
    return st;
  };
  const addResult = (b: Bucket, studentId: number, value: string) => {
    const list = b.students.get(studentId);
    if (list) list.push(value);
    else b.students.set(studentId, [value]);
  };
  for (const c of cells) {
    const value = resultOf(c.grades);
    if (!value) continue;
    for (const b of bucketsOf(c.fact)) addResult(b, c.studentId, value);
    const st = studentBucket(c.fact, c.studentId);
    addResult(st, c.studentId, value);
    if (isDebt(value)) st.debts.add(c.fact.subject_code);
  }
  for (const a of counted) {
    const f = byId.get(a.assignment_id)!;
    for (const b of bucketsOf(f)) {
      b.absences.excused += a.excused;
      b.absences.unexcused += a.unexcused;
    }
    const st = studentBucket(f, a.student_id);
    st.absences.excused += a.excused;
    st.absences.unexcused += a.unexcused;
  }
  return { sections, facts };
}

const statsOf = (b: Bucket | undefined, k: LearningDegreeCoefficients): PerformanceStats | null =>
  b ? performanceOf([...b.students.values()], k) : null;

/** The performance report of a term or a year in the caller's reach, with the previous period. */
export const performanceReport = (ctx: Ctx, q: PerformanceQuery) => reportOf(sourceOf(ctx), q);

/** The college-wide report of a term or a year, as a scheduled job keeps it (п. 6.2). */
export const collegePerformance = (db: Db, org: { id: number; timeZone: string }, q: PerformanceQuery) =>
  reportOf({ db, orgId: org.id, timeZone: org.timeZone, reach: null }, q);

async function reportOf(src: Source, q: PerformanceQuery): Promise<PerformanceReport> {
  const { terms, period, previous } = await periodsOf(src, q);
  const reach = reportReach(src.reach);
  const org = await orgSettings(src.db, src.orgId);
  const k = coefficientsFrom(safeJson(org.settings).learningDegreeCoefficients);
  // The absences of both periods and the period's days in one read (decision 046).
  const termIds = [...period.terms, ...(previous?.terms ?? [])].map((t) => t.id);
  const absences = await absenceTotals(
    src.db,
    src.orgId,
    termIds,
    reach.whole ? null : await reachedAssignmentIds(src.db, src.orgId, termIds, reach.of),
    { termIds: period.terms.map((t) => t.id), byStudent: !reach.whole },
  );
  const [gathered, gatheredBefore] = await Promise.all([
    gather(src, period.terms, reach, absences.perStudent),
    previous ? gather(src, previous.terms, reach, absences.perStudent) : Promise.resolve(null),
  ]);
  const now = gathered.sections;
  const before = gatheredBefore?.sections ?? null;
  const days = absencesByDay(absences.byDay, gathered.facts, reach);
  const rows = (section: PerformanceSection): PerformanceRow[] =>
    [...now[section].entries()]
      .sort(([, a], [, b]) => a.sort.localeCompare(b.sort, 'ru'))
      .map(([key, b]) => {
        const p = before?.[section].get(key);
        return {
          key,
          name: b.name,
          note: b.groups.size ? `${b.note} · ${[...b.groups].sort(compareRu).join(', ')}` : b.note,
          stats: statsOf(b, k)!,
          previous: statsOf(p, k),
          absences: b.absences,
          previousAbsences: p ? p.absences : null,
          debts: [...b.debts].sort(),
          sheetGroupId: section === 'groups' ? sheetGroupOf(src.reach, Number(key.slice(1))) : null,
        };
      });

  const upTo = terms.findIndex((t) => t.id === period.terms.at(-1)!.id);
  const trendTerms = terms.slice(Math.max(0, upTo - 3), upTo + 1);
  const known = new Map<number, Sections>();
  if (period.terms.length === 1) known.set(period.terms[0].id, now);
  if (previous?.terms.length === 1 && before) known.set(previous.terms[0].id, before);
  const trend = [];
  for (const t of trendTerms) {
    const s = known.get(t.id) ?? (await gather(src, [t], reach, [])).sections;
    const st = statsOf(s.college.get('all'), k);
    trend.push({
      title: termTitle(t),
      passRate: st?.passRate ?? null,
      qualityRate: st?.qualityRate ?? null,
      learningDegree: st?.learningDegree ?? null,
    });
  }
  const weeks = new Map<string, AbsenceHours>();
  for (const d of days) {
    const w = weekStart(d.date);
    const x = weeks.get(w) ?? noAbsences();
    x.excused += Number(d.excused);
    x.unexcused += Number(d.unexcused);
    weeks.set(w, x);
  }
  return {
    period: period.ref,
    previous: previous?.ref ?? null,
    whole: reach.whole,
    sections: {
      college: rows('college'),
      departments: rows('departments'),
      commissions: rows('commissions'),
      groups: rows('groups'),
      subjects: rows('subjects'),
      teachers: rows('teachers'),
      students: rows('students'),
    },
    trend,
    absencesByWeek: [...weeks.entries()].map(([week, x]) => ({ week, ...x })),
    coefficients: k,
    terms: terms.map((t) => ({ id: t.id, title: termTitle(t), yearId: t.year_id, yearName: t.year_name })).reverse(),
  };
}

/** The group whose сводная ведомость the caller may open: anyone's to the administration, the curator's own, a specialist's whole group. */
const sheetGroupOf = (r: CallerReach | null, groupId: number) =>
  !r || r.all || r.curatorGroupIds.includes(groupId) || directionReach(r.scopes, r.principal.direction, groupId) === 'all' ? groupId : null;

/** The period's absences by day in the caller's reach: the college's as read; a narrower reach's, of the students it sees. */
function absencesByDay(rows: AbsenceDay[], facts: Fact[], reach: Reach): { date: string; excused: number; unexcused: number }[] {
  if (reach.whole) return rows;
  const byId = new Map(facts.map((f) => [f.id, f]));
  return rows.filter((r) => {
    const f = byId.get(r.assignment_id!);
    return !!f && reach.sees(f, r.student_id!);
  });
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The curator's сводная ведомость of a group for a term: each subject's result, debtors. */
export async function groupSheet(ctx: Ctx, groupId: number, termId: number | undefined): Promise<GroupSheet> {
  const p = ctx.principal;
  const orgId = p.organizationId;
  const g = await groupName(ctx.reports, orgId, groupId);
  if (!g || sheetGroupOf(ctx.reach, groupId) === null) throw notFound('Группа не найдена или недоступна вам.');
  const { period } = await periodsOf(sourceOf(ctx), { termId });
  const termIds = period.terms.map((t) => t.id);
  const ids = await reachedAssignmentIds(ctx.reports, orgId, termIds, { groupId });
  const [facts, results, absences, present, settings] = await Promise.all([
    assignmentFacts(ctx.reports, orgId, termIds, ids),
    termResults(ctx.reports, orgId, termIds, ids),
    absenceHours(ctx.reports, orgId, termIds, ids),
    membershipsAt(ctx.reports, orgId, period.ref.to),
    orgSettings(ctx.reports, orgId),
  ]);
  const roster = new Set(present.filter((m) => m.group_id === groupId).map((m) => m.student_id));
  const subjectOf = new Map(facts.map((f) => [f.id, `s${f.subject_id}`]));
  const subjects = new Map<string, GroupSheet['subjects'][number]>();
  for (const f of [...facts].sort((a, b) => a.subject_code.localeCompare(b.subject_code, 'ru'))) {
    const key = `s${f.subject_id}`;
    const teacher = shortName(f);
    const had = subjects.get(key);
    if (had) {
      if (!had.teacherName.includes(teacher)) had.teacherName += `, ${teacher}`;
    } else subjects.set(key, { key, code: f.subject_code, name: f.subject_name, teacherName: teacher });
  }
  const grades = new Map<string, Partial<Record<'term' | 'exam' | 'final', string>>>();
  for (const r of results) {
    if (!roster.has(r.student_id)) continue;
    const k = `${r.student_id}:${subjectOf.get(r.assignment_id)}`;
    grades.set(k, { ...grades.get(k), [r.kind]: r.value });
  }
  const names = await studentNames(ctx.reports, orgId, [...roster]);
  names.sort((a, b) => a.sort_key.localeCompare(b.sort_key, 'ru'));
  const codeOf = new Map([...subjects.values()].map((s) => [s.key, s.code]));
  const students = names.map((s) => {
    const results: Record<string, string> = {};
    for (const key of subjects.keys()) {
      const v = resultOf(grades.get(`${s.id}:${key}`) ?? {});
      if (v) results[key] = v;
    }
    const abs = noAbsences();
    for (const a of absences)
      if (a.student_id === s.id) {
        abs.excused += Number(a.excused);
        abs.unexcused += Number(a.unexcused);
      }
    return {
      studentId: s.id,
      fullName: fullName(s),
      results,
      debts: Object.entries(results)
        .filter(([, v]) => isDebt(v))
        .map(([k]) => codeOf.get(k)!),
      absences: abs,
    };
  });
  const k = coefficientsFrom(safeJson(settings.settings).learningDegreeCoefficients);
  return {
    group: g,
    period: period.ref,
    subjects: [...subjects.values()],
    students,
    stats: performanceOf(
      students.map((s) => Object.values(s.results)),
      k,
    ),
  };
}
