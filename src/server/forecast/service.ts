import type {
  AtRiskItem,
  AtRiskList,
  ForecastGroup,
  ForecastGroups,
  ForecastModels,
  ForecastQuery,
  GroupForecastRow,
  StudentAdvice,
} from '../../contracts/forecast.js';
import { rates } from '../../domain/attestation.js';
import { todayIn } from '../../domain/dates.js';
import { performanceOf, resultOf } from '../../domain/performance.js';
import {
  adviceFor,
  allOf,
  changesFor,
  factsAsOf,
  type Facts,
  outlookOf,
  outlookOfGiven,
  outlookOut,
  round3,
  type Outlook,
  type ProbaModel,
  rateForecast,
  reasonsOf,
  vectorOf,
} from '../../domain/term-forecast.js';
import { defaultTerm } from '../../domain/terms.js';
import { fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { namesStudent } from '../platform/reach.js';
import type { Db } from '../platform/db.js';
import { termJournals, type SubjectJournals, type TermJournals } from './journals.js';
import { giaAtRisk } from './gia.js';
import { modelsFor, type Models } from './models.js';
import { groupResults, modelHistory, type Scope, termsOf } from './queries.js';

// Forecasts of term grades for what the caller reaches (issue 16 items 2, 3, 5): each student ×
// subject from the journal as of today, the groups' успеваемость and качество with intervals beside
// last term, the at-risk list with reasons and what would change it; for a student or a guardian,
// what is needed for a better grade, without probabilities.

/** A student × subject is at risk from this probability of a «2» or «не зачтено». */
export const RISK_THRESHOLD = 0.3;
/** Heading below last term: the expected rate this many points under it. */
export const BELOW_POINTS = 5;
const AT_RISK_LIMIT = 300;

export interface StudentForecast {
  studentId: number;
  name: string;
  facts: Facts;
  x: number[];
  model: ProbaModel;
  outlook: Outlook;
  given: string | null;
}

export interface SubjectForecast {
  subject: SubjectJournals;
  students: StudentForecast[];
}

export interface TermForecast {
  tj: TermJournals;
  models: Models;
  subjects: SubjectForecast[];
}

/** Every student × subject of a term in scope, forecast as of a date (the same code as training rows). */
export function forecastJournals(tj: TermJournals, models: Models): SubjectForecast[] {
  return tj.subjects.map((s) => {
    const model = s.passFail ? models.pass : models.five;
    return {
      subject: s,
      students: s.students.map((st) => {
        const facts = factsAsOf(st.journal, tj.asOf);
        const x = vectorOf(facts);
        const outlook = (st.given ? outlookOfGiven(model.classes, st.given) : null) ?? outlookOf(model.classes, model.predictProba(x));
        return { studentId: st.studentId, name: st.name, facts, x, model, outlook, given: st.given };
      }),
    };
  });
}

async function termFor(db: Db, orgId: number, today: string, termId: number | undefined) {
  const terms = await termsOf(db, orgId);
  const list = terms.map((t) => ({ ...t, startDate: t.start_date, endDate: t.end_date }));
  const term = termId ? list.find((t) => t.id === termId) : defaultTerm(list, today);
  if (!term) throw termId ? fieldError('termId', 'Семестр не найден.') : notFound('В колледже нет семестров.');
  const previous = list.filter((t) => t.end_date < term.start_date).at(-1) ?? null;
  return { term, previous };
}

/** The forecast of a term in scope, as of today (the term's end when it is over). */
export async function termForecast(db: Db, orgId: number, today: string, termId: number | undefined, scope: Scope) {
  const { term, previous } = await termFor(db, orgId, today, termId);
  const [tj, models] = await Promise.all([termJournals(db, orgId, term.id, today, scope), modelsFor(db, orgId)]);
  if (!tj) throw notFound('Семестр не найден.');
  return { term, previous, forecast: { tj, models, subjects: forecastJournals(tj, models) } satisfies TermForecast };
}

const termRef = (t: { id: number; number: number; start_date: string; end_date: string; year_name: string }) => ({
  id: t.id,
  title: `${t.number}-й семестр ${t.year_name}`,
  from: t.start_date,
  to: t.end_date,
});
const modelRef = (m: Models) => ({ source: m.source, trainedAt: m.trainedAt, rows: m.rows });

type LastTerm = { passRate: number | null; qualityRate: number | null } | null;

/** Last term's actual rates of groups and of their subjects (by curriculum item). */
async function lastTermOf(db: Db, orgId: number, previousTermId: number | null, groupIds: number[]) {
  const byGroup = new Map<number, LastTerm>();
  const bySubject = new Map<string, LastTerm>();
  if (previousTermId === null || !groupIds.length) return { byGroup, bySubject };
  const rows = await groupResults(db, orgId, previousTermId, groupIds);
  const results = new Map<string, Partial<Record<'term' | 'exam' | 'final', string>>>();
  for (const r of rows) {
    const k = `${r.group_id}:${r.curriculum_item_id}:${r.student_id}`;
    results.set(k, { ...results.get(k), [r.kind]: r.value });
  }
  const studentValues = new Map<number, Map<number, string[]>>();
  const subjectValues = new Map<string, string[]>();
  for (const [k, g] of results) {
    const v = resultOf(g);
    if (!v) continue;
    const [group, item, student] = k.split(':').map(Number);
    const sv = studentValues.get(group) ?? new Map<number, string[]>();
    studentValues.set(group, sv);
    sv.set(student, [...(sv.get(student) ?? []), v]);
    subjectValues.set(`${group}:${item}`, [...(subjectValues.get(`${group}:${item}`) ?? []), v]);
  }
  for (const [g, sv] of studentValues) {
    const p = performanceOf([...sv.values()]);
    byGroup.set(g, { passRate: p.passRate, qualityRate: p.qualityRate });
  }
  for (const [k, values] of subjectValues) {
    const r = rates(values);
    bySubject.set(k, { passRate: r.passRate, qualityRate: r.qualityRate });
  }
  return { byGroup, bySubject };
}

const isBelow = (expected: number | undefined, last: number | null | undefined) =>
  expected !== undefined && last !== null && last !== undefined && expected <= last - BELOW_POINTS;

function groupRow(group: { id: number; name: string }, subjects: SubjectForecast[], last: LastTerm): GroupForecastRow {
  const byStudent = new Map<number, { pass: number[]; quality: number[]; risky: boolean }>();
  for (const s of subjects)
    for (const st of s.students) {
      const e = byStudent.get(st.studentId) ?? { pass: [], quality: [], risky: false };
      byStudent.set(st.studentId, e);
      e.pass.push(st.outlook.pPass);
      e.quality.push(st.outlook.pQuality);
      if (st.outlook.risk >= RISK_THRESHOLD) e.risky = true;
    }
  const students = [...byStudent.values()];
  const pass = rateForecast(students.map((s) => allOf(s.pass)));
  const quality = rateForecast(students.map((s) => allOf(s.quality)));
  return {
    group,
    students: students.length,
    pass,
    quality,
    lastTerm: last,
    below: { pass: isBelow(pass?.expected, last?.passRate), quality: isBelow(quality?.expected, last?.qualityRate) },
    atRisk: students.filter((s) => s.risky).length,
  };
}

function byGroup(subjects: SubjectForecast[]) {
  const out = new Map<number, { group: { id: number; name: string; sort: string }; subjects: SubjectForecast[] }>();
  for (const s of subjects) {
    const g = out.get(s.subject.groupId) ?? {
      group: { id: s.subject.groupId, name: s.subject.groupName, sort: s.subject.groupSort },
      subjects: [],
    };
    out.set(s.subject.groupId, g);
    g.subjects.push(s);
  }
  return [...out.values()].sort((a, b) => (a.group.sort < b.group.sort ? -1 : a.group.sort > b.group.sort ? 1 : a.group.id - b.group.id));
}

const todayOf = (ctx: Ctx) => todayIn(ctx.principal.timeZone);

export async function forecastGroups(ctx: Ctx, q: ForecastQuery): Promise<ForecastGroups> {
  const orgId = ctx.principal.organizationId;
  const { term, previous, forecast } = await termForecast(ctx.db, orgId, todayOf(ctx), q.termId, { reach: ctx.reach, groupId: q.groupId });
  const groups = byGroup(forecast.subjects);
  const last = await lastTermOf(
    ctx.db,
    orgId,
    previous?.id ?? null,
    groups.map((g) => g.group.id),
  );
  return {
    term: termRef(term),
    asOf: forecast.tj.asOf,
    model: modelRef(forecast.models),
    groups: groups.map((g) => groupRow(g.group, g.subjects, last.byGroup.get(g.group.id) ?? null)),
  };
}

export async function forecastGroup(ctx: Ctx, groupId: number, q: ForecastQuery): Promise<ForecastGroup> {
  const orgId = ctx.principal.organizationId;
  const { term, previous, forecast } = await termForecast(ctx.db, orgId, todayOf(ctx), q.termId, { reach: ctx.reach, groupId });
  const [g] = byGroup(forecast.subjects);
  if (!g) throw notFound('Группа не найдена или не входит в ваши группы, или в семестре у неё нет дисциплин.');
  const last = await lastTermOf(ctx.db, orgId, previous?.id ?? null, [groupId]);
  const students = new Map<
    number,
    { student: { id: number; name: string }; pass: number[]; grades: ForecastGroup['students'][number]['grades'] }
  >();
  for (const s of g.subjects)
    for (const st of s.students) {
      const e = students.get(st.studentId) ?? { student: { id: st.studentId, name: st.name }, pass: [], grades: [] };
      students.set(st.studentId, e);
      e.pass.push(st.outlook.pPass);
      e.grades.push({
        assignmentId: s.subject.assignmentId,
        likely: st.outlook.likely,
        from: st.outlook.interval.from,
        to: st.outlook.interval.to,
        risk: round3(st.outlook.risk),
        given: st.given,
      });
    }
  return {
    term: termRef(term),
    asOf: forecast.tj.asOf,
    model: modelRef(forecast.models),
    summary: groupRow(g.group, g.subjects, last.byGroup.get(groupId) ?? null),
    subjects: g.subjects.map((s) => {
      const ps = s.students.map((st) => st.outlook);
      return {
        assignmentId: s.subject.assignmentId,
        subject: s.subject.subject,
        passFail: s.subject.passFail,
        students: ps.length,
        pass: rateForecast(ps.map((o) => o.pPass)),
        quality: rateForecast(ps.map((o) => o.pQuality)),
        lastTerm: last.bySubject.get(`${groupId}:${s.subject.subject.id}`) ?? null,
        atRisk: ps.filter((o) => o.risk >= RISK_THRESHOLD).length,
      };
    }),
    students: [...students.values()].map((s) => ({ student: s.student, pPass: round3(allOf(s.pass)), grades: s.grades })),
  };
}

/** The at-risk rows of a forecast, riskiest first, with reasons and what would change them. */
export function atRiskOf(subjects: SubjectForecast[], limit = AT_RISK_LIMIT): AtRiskItem[] {
  const rows: { s: SubjectForecast; st: StudentForecast }[] = [];
  for (const s of subjects) for (const st of s.students) if (!st.given && st.outlook.risk >= RISK_THRESHOLD) rows.push({ s, st });
  rows.sort((a, b) => b.st.outlook.risk - a.st.outlook.risk || a.st.name.localeCompare(b.st.name, 'ru'));
  return rows.slice(0, limit).map(({ s, st }) => ({
    student: { id: st.studentId, name: st.name },
    group: { id: s.subject.groupId, name: s.subject.groupName },
    subject: s.subject.subject,
    assignmentId: s.subject.assignmentId,
    outlook: outlookOut(st.outlook, st.given),
    reasons: reasonsOf(st.facts, st.model.contributions(st.x)).map((r) => ({ text: r.text, effect: round3(r.effect) })),
    changes: changesFor(st.model, st.facts).map((c) => ({ ...c, risk: round3(c.risk) })),
  }));
}

export async function forecastAtRisk(ctx: Ctx, q: ForecastQuery): Promise<AtRiskList> {
  const orgId = ctx.principal.organizationId;
  const { term, forecast } = await termForecast(ctx.db, orgId, todayOf(ctx), q.termId, { reach: ctx.reach, groupId: q.groupId });
  return {
    term: termRef(term),
    asOf: forecast.tj.asOf,
    model: modelRef(forecast.models),
    threshold: RISK_THRESHOLD,
    items: atRiskOf(forecast.subjects),
    gia: await giaAtRisk(ctx, q.groupId),
  };
}

export async function studentAdvice(ctx: Ctx, studentId: number, q: ForecastQuery): Promise<StudentAdvice> {
  if (!namesStudent(ctx.reach, studentId)) throw notFound('Обучающийся не найден.');
  const orgId = ctx.principal.organizationId;
  const { term, forecast } = await termForecast(ctx.db, orgId, todayOf(ctx), q.termId, { reach: null, studentId });
  const subjects: StudentAdvice['subjects'] = [];
  let name: string | null = null;
  for (const s of forecast.subjects)
    for (const st of s.students) {
      if (st.studentId !== studentId) continue;
      name = st.name;
      const advice = st.given ? { target: null, steps: [] } : adviceFor(st.model, st.facts);
      subjects.push({
        subject: s.subject.subject,
        target: advice.target,
        steps: advice.steps,
        notes: st.given
          ? []
          : reasonsOf(st.facts, st.model.contributions(st.x))
              .filter((r) => r.effect < 0)
              .map((r) => r.text),
        given: st.given,
      });
    }
  if (name === null) throw notFound('У обучающегося нет дисциплин в этом семестре.');
  return { term: termRef(term), asOf: forecast.tj.asOf, student: { id: studentId, name }, subjects };
}

export async function forecastModels(ctx: Ctx): Promise<ForecastModels> {
  const rows = await modelHistory(ctx.db, ctx.principal.organizationId);
  return {
    items: rows.map((r) => {
      const m = JSON.parse(r.metrics) as { backtest?: ForecastModels['items'][number]['backtest'] };
      return {
        id: r.id,
        kind: r.kind,
        source: r.source,
        trainedAt: r.trained_at,
        rows: r.rows,
        madeByJob: r.made_by_job,
        backtest: m.backtest ?? { term: null, rows: [] },
      };
    }),
  };
}
