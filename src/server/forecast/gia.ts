import type { GiaAdvice, GiaForecastGroup, GiaForecastGroups, GiaRiskItem, GiaStudentForecast } from '../../contracts/forecast.js';
import { isPassFailForm, programTermNo } from '../../domain/curriculum.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { ordinalFromJSON, type OrdinalModel } from '../../domain/forecast/model.js';
import {
  giaAdviceFor,
  giaChangesFor,
  giaFactsAsOf,
  giaFeaturesOf,
  giaNaive,
  giaOutlook,
  giaPrior,
  giaReasonsOf,
  giaVectorOf,
  pointsBand,
  pointsBandOf,
  type GiaFacts,
  type GiaStudentRecord,
} from '../../domain/gia-forecast.js';
import { giaCutoffsOf } from '../../contracts/college-settings.js';
import { DEMO_EXAM_MAX_POINTS, type GiaCutoffs } from '../../domain/gia.js';
import { outlookOfGiven, outlookOut, round3, type Outlook } from '../../domain/term-forecast.js';
import { fullName } from '../../domain/text.js';
import type { GiaFit, GiaRow } from '../../domain/gia-forecast-train.js';
import { nowIso, type Db } from '../platform/db.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { scopesOf } from '../platform/access.js';
import { namesStudent, reachOf, type Reach } from '../platform/reach.js';
import {
  collegeSettings,
  giaAbsences,
  giaGrades,
  giaHeldHours,
  giaItemForms,
  giaJournalGrades,
  giaModuleExams,
  giaModulesTotal,
  giaDemoOutcomes,
  giaThesisOutcomes,
  giaRoster,
  graduatingGroups,
  pastGiaGroups,
  yearOn,
} from './gia-queries.js';
import { fitInWorker } from './fit-worker.js';
import { insertModel, latestModel } from './queries.js';

// Forecasts of the demo exam and the thesis defence (issue 16 item 4, decision 044): for each student
// of a graduating group, what the college knows as of today turned into the features of
// domain/gia-forecast.ts and forecast by the college's model (trained on its past graduates as of the
// day before their ГИА, within the job `forecast-train`) or the built-in prior. Reasons, points band,
// what would change it; for the student and guardians the steps only.

/** A graduating student is at risk of a «2» from this probability. */
export const GIA_RISK_THRESHOLD = 0.25;

export interface GiaStudent {
  studentId: number;
  groupId: number;
  name: string;
  record: GiaStudentRecord;
  demo: { grade: string; points: number; date: string; yearId: number } | null;
  thesis: { grade: string | null; date: string | null; admission: 'admitted' | 'not_admitted' | null; yearId: number } | null;
}

const num = (v: number | string | null) => Number(v ?? 0);

/** Everything known of the groups' students in a window of dates (the final year up to a date). */
export async function giaStudents(
  db: Db,
  orgId: number,
  groups: { id: number }[],
  window: { from: string; to: string },
  on: string | null,
): Promise<GiaStudent[]> {
  const groupIds = groups.map((g) => g.id);
  if (!groupIds.length) return [];
  const [roster, grades, journal, absences, held, exams, totals, demos, theses] = await Promise.all([
    giaRoster(db, orgId, groupIds, on),
    giaGrades(db, orgId, groupIds),
    giaJournalGrades(db, orgId, groupIds, window.from, window.to),
    giaAbsences(db, orgId, groupIds, window.from, window.to),
    giaHeldHours(db, orgId, groupIds, window.from, window.to),
    giaModuleExams(db, orgId, groupIds),
    giaModulesTotal(db, orgId, groupIds),
    giaDemoOutcomes(db, orgId, groupIds),
    giaThesisOutcomes(db, orgId, groupIds),
  ]);
  const forms = new Map<string, string | null>();
  for (const f of await giaItemForms(db, orgId, [...new Set(grades.map((g) => g.curriculum_item_id))]))
    forms.set(`${f.curriculum_item_id}:${f.term_no}`, f.attestation_form);
  const by = <T extends { student_id: number }>(rows: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) m.set(r.student_id, [...(m.get(r.student_id) ?? []), r]);
    return m;
  };
  const gradesOf = by(grades);
  const journalOf = by(journal);
  const absencesOf = by(absences);
  const examsOf = by(exams);
  const demoOf = by(demos);
  const thesisOf = by(theses);
  const heldOf = new Map<number, { date: string; hours: number }[]>();
  for (const h of held) heldOf.set(h.group_id, [...(heldOf.get(h.group_id) ?? []), { date: h.date, hours: num(h.hours) }]);
  const totalOf = new Map(totals.map((t) => [t.group_id, num(t.n)]));
  const seen = new Set<string>();
  const out: GiaStudent[] = [];
  for (const r of roster) {
    const k = `${r.group_id}:${r.student_id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const d = demoOf.get(r.student_id)?.find((o) => o.group_id === r.group_id);
    const t = thesisOf.get(r.student_id)?.find((o) => o.group_id === r.group_id);
    out.push({
      studentId: r.student_id,
      groupId: r.group_id,
      name: fullName(r),
      record: {
        grades: (gradesOf.get(r.student_id) ?? []).map((g) => {
          const termNo = programTermNo(g.intake_year, Number(g.year_start.slice(0, 4)), g.term_number);
          const form = forms.get(`${g.curriculum_item_id}:${termNo}`) ?? null;
          return {
            key: String(g.assignment_id),
            kind: g.kind as 'term' | 'exam' | 'final',
            value: g.value,
            setAt: g.set_at,
            itemKind: g.item_kind,
            moduleCode: g.item_kind === 'module' ? g.code : g.module_code,
            form: isPassFailForm(form) ? null : form,
          };
        }),
        journal: (journalOf.get(r.student_id) ?? []).map((m) => ({
          key: String(m.assignment_id),
          value: m.value,
          date: m.date,
          itemKind: m.item_kind,
          moduleCode: m.module_code,
        })),
        moduleExams: (examsOf.get(r.student_id) ?? []).map((e) => ({
          moduleCode: e.code,
          mastered: e.mastered === 1,
          date: e.exam_date ?? e.set_at.slice(0, 10),
        })),
        modulesTotal: totalOf.get(r.group_id) ?? 0,
        absences: (absencesOf.get(r.student_id) ?? []).map((a) => ({ date: a.date, value: a.value, hours: num(a.hours) })),
        lessons: heldOf.get(r.group_id) ?? [],
        admission: t?.admission ?? null,
        supervisorGrade: t?.supervisor_grade ? Number(t.supervisor_grade) : null,
        reviewerGrade: t?.reviewer_grade ? Number(t.reviewer_grade) : null,
      },
      demo: d ? { grade: d.grade, points: d.points_x100 / 100, date: d.exam_date, yearId: d.academic_year_id } : null,
      thesis: t ? { grade: t.grade, date: t.defense_date, admission: t.admission, yearId: t.academic_year_id } : null,
    });
  }
  return out;
}

// ── Training and the backtest ───────────────────────────────────────────────────────────────

/** Past graduates' rows: features as of the day before the exam (or the defence), the grade got as the label. */
export async function giaTrainingRows(db: Db, orgId: number, before: string): Promise<{ demo: GiaRow[]; thesis: GiaRow[] }> {
  const past = await pastGiaGroups(db, orgId, before);
  const demo: GiaRow[] = [];
  const thesis: GiaRow[] = [];
  const years = new Map<string, { yearStart: string; yearName: string; groups: number[] }>();
  for (const p of past) {
    const y = years.get(String(p.year_id)) ?? { yearStart: p.year_start, yearName: p.year_name, groups: [] };
    years.set(String(p.year_id), y);
    if (!y.groups.includes(p.group_id)) y.groups.push(p.group_id);
  }
  for (const [yearId, y] of years) {
    const students = await giaStudents(
      db,
      orgId,
      y.groups.map((id) => ({ id })),
      { from: y.yearStart, to: addDays(y.yearStart, 366) },
      null,
    );
    for (const s of students) {
      const row = (date: string, grade: string, kind: 'demo' | 'thesis', to: GiaRow[]) => {
        const f = giaFactsAsOf(s.record, addDays(date, -1));
        to.push({
          x: giaVectorOf(f, giaFeaturesOf(kind)),
          y: Number(grade),
          naive: giaNaive(f),
          studentId: s.studentId,
          yearName: y.yearName,
        });
      };
      if (s.demo && String(s.demo.yearId) === yearId) row(s.demo.date, s.demo.grade, 'demo', demo);
      if (s.thesis?.grade && s.thesis.date && String(s.thesis.yearId) === yearId) row(s.thesis.date, s.thesis.grade, 'thesis', thesis);
    }
  }
  return { demo, thesis };
}

export interface GiaTrainResult {
  demo: Omit<GiaFit, 'model'>;
  thesis: Omit<GiaFit, 'model'>;
  /** The worker thread that fitted them (never the main thread's 0). */
  threadId: number;
}

/**
 * Trains and keeps the ГИА models on the graduates of the years before today's (a row per kind, as
 * the term models): the rows are read here, the fitting and the backtest run in a worker thread.
 */
export async function trainGiaModels(
  db: Db,
  orgId: number,
  today: string,
  by: { job: string | null; userId: number | null },
): Promise<GiaTrainResult> {
  const year = await yearOn(db, orgId, today);
  const rows = await giaTrainingRows(db, orgId, year?.start_date ?? today);
  const { fit, threadId } = await fitInWorker({ task: 'gia', input: rows });
  const at = nowIso();
  for (const kind of ['demo', 'thesis'] as const) {
    const f = fit[kind];
    const modelKind = kind === 'demo' ? 'gia_demo' : 'gia_thesis';
    const kept = await latestModel(db, orgId, modelKind);
    if (!(f.source === 'prior' && kept?.source === 'prior'))
      await insertModel(db, {
        orgId,
        kind: modelKind,
        source: f.source,
        model: JSON.stringify(f.model),
        rows: f.rows,
        metrics: JSON.stringify({ backtest: { term: f.backtest.year, rows: f.backtest.rows } }),
        at,
        ...by,
      });
  }
  const result = (f: GiaFit) => ({ rows: f.rows, source: f.source, backtest: f.backtest });
  return { demo: result(fit.demo), thesis: result(fit.thesis), threadId };
}

interface GiaModels {
  demo: OrdinalModel;
  thesis: OrdinalModel;
  refs: GiaForecastGroups['models'];
}

const parsed = new Map<number, OrdinalModel>();

async function giaModels(db: Db, orgId: number): Promise<GiaModels> {
  const [demo, thesis] = await Promise.all([latestModel(db, orgId, 'gia_demo'), latestModel(db, orgId, 'gia_thesis')]);
  const load = (row: typeof demo, kind: 'demo' | 'thesis') => {
    if (!row) return giaPrior(kind);
    let m = parsed.get(row.id);
    if (!m) {
      m = ordinalFromJSON(JSON.parse(row.model));
      parsed.set(row.id, m);
    }
    return m;
  };
  const ref = (row: typeof demo) => ({
    source: row?.source ?? ('prior' as const),
    trainedAt: row?.trained_at ?? null,
    rows: row?.rows ?? 0,
  });
  return { demo: load(demo, 'demo'), thesis: load(thesis, 'thesis'), refs: { demo: ref(demo), thesis: ref(thesis) } };
}

// ── Today's forecasts ───────────────────────────────────────────────────────────────────────

interface Forecast {
  s: GiaStudent;
  facts: GiaFacts;
  demo: Outlook;
  thesis: Outlook | null;
}

function forecastOf(s: GiaStudent, models: GiaModels, asOf: string): Forecast {
  const facts = giaFactsAsOf(s.record, asOf);
  const given = (grade: string | null | undefined, model: OrdinalModel) => (grade ? outlookOfGiven(model.classes, grade) : null);
  const demo = given(s.demo?.grade, models.demo) ?? giaOutlook(models.demo, facts);
  const thesis = facts.admission === 'not_admitted' ? null : (given(s.thesis?.grade, models.thesis) ?? giaOutlook(models.thesis, facts));
  return { s, facts, demo, thesis };
}

/** The pulls on a model's forecast, named by the model's own features (a model kept before the thesis reviews reads without them). */
const pullsOf = (f: Forecast, model: OrdinalModel) =>
  giaReasonsOf(f.facts, model.contributions(giaVectorOf(f.facts, model.features)), 3, 0.03, model.features);
const reasons = (f: Forecast, model: OrdinalModel) => pullsOf(f, model).map((r) => ({ text: r.text, effect: round3(r.effect) }));
const changes = (f: Forecast, model: OrdinalModel) =>
  giaChangesFor(model, f.facts).map((c) => ({ step: c.step, likely: String(c.likely), risk: round3(c.risk) }));

async function cutoffsOf(db: Db, orgId: number): Promise<GiaCutoffs> {
  const { settings } = await collegeSettings(db, orgId);
  try {
    return giaCutoffsOf(JSON.parse(settings) as Record<string, unknown>);
  } catch {
    return giaCutoffsOf({});
  }
}

/**
 * A graduating group's ГИА forecast is read within the reach of `forecast:gia:read` (grants/forecast.ts,
 * decision 050): the college, or the curator's groups; any other scope reaches no group.
 */
const giaGroupsOf = (reach: Reach | null) => (reach === null || reach.all ? null : reach.curatorGroupIds);

/** The caller's reach of ГИА forecasts (the at-risk list is read with `forecast:read`), or null when they have none. */
function giaReachOf(ctx: Ctx): Reach | null {
  const scopes = scopesOf(ctx.principal, 'forecast:gia:read');
  return scopes.length ? reachOf(ctx.principal, scopes) : null;
}

/** Today's graduating groups in reach (one group or all) and their students' forecasts. */
async function todays(db: Db, orgId: number, today: string, reach: Reach | null, groupId?: number) {
  const year = await yearOn(db, orgId, today);
  if (!year) return { year: null, groups: [], forecasts: [], models: await giaModels(db, orgId) };
  const groups = await graduatingGroups(db, orgId, Number(year.start_date.slice(0, 4)), giaGroupsOf(reach), groupId);
  const [students, models] = await Promise.all([
    giaStudents(db, orgId, groups, { from: year.start_date, to: today }, today),
    giaModels(db, orgId),
  ]);
  return { year, groups, forecasts: students.map((s) => forecastOf(s, models, today)), models };
}

const todayOf = (ctx: Ctx) => todayIn(ctx.principal.timeZone);
const meanOf = (xs: number[]) => (xs.length ? round3(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export async function giaForecastGroups(ctx: Ctx): Promise<GiaForecastGroups> {
  const today = todayOf(ctx);
  const { year, groups, forecasts, models } = await todays(ctx.db, ctx.principal.organizationId, today, ctx.reach);
  return {
    asOf: today,
    year: year?.name ?? '',
    models: models.refs,
    groups: groups.map((g) => {
      const mine = forecasts.filter((f) => f.s.groupId === g.id);
      const thesis = mine.flatMap((f) => (f.thesis ? [f.thesis] : []));
      return {
        group: { id: g.id, name: g.name },
        students: mine.length,
        demoExam: {
          expected: meanOf(mine.map((f) => f.demo.expected)),
          atRisk: mine.filter((f) => f.demo.risk >= GIA_RISK_THRESHOLD).length,
        },
        thesis: { expected: meanOf(thesis.map((o) => o.expected)), atRisk: thesis.filter((o) => o.risk >= GIA_RISK_THRESHOLD).length },
      };
    }),
  };
}

export async function giaForecastGroup(ctx: Ctx, groupId: number): Promise<GiaForecastGroup> {
  const orgId = ctx.principal.organizationId;
  const today = todayOf(ctx);
  const [{ year, groups, forecasts, models }, cutoffs] = await Promise.all([
    todays(ctx.db, orgId, today, ctx.reach, groupId),
    cutoffsOf(ctx.db, orgId),
  ]);
  const group = groups[0];
  if (!group) throw notFound('Группа не найдена, не входит в ваши группы или не выпускная в этом учебном году.');
  const students: GiaStudentForecast[] = forecasts.map((f) => ({
    student: { id: f.s.studentId, name: f.s.name },
    demoExam: {
      outlook: outlookOut(f.demo, f.s.demo?.grade ?? null),
      likelyPoints: pointsBand(Number(f.demo.likely), cutoffs, DEMO_EXAM_MAX_POINTS),
      intervalPoints: pointsBandOf(Number(f.demo.interval.from), Number(f.demo.interval.to), cutoffs, DEMO_EXAM_MAX_POINTS),
      givenPoints: f.s.demo?.points ?? null,
      reasons: f.s.demo ? [] : reasons(f, models.demo),
      changes: f.s.demo ? [] : changes(f, models.demo),
    },
    thesis: {
      outlook: f.thesis ? outlookOut(f.thesis, f.s.thesis?.grade ?? null) : null,
      admission: f.facts.admission,
      reasons: f.thesis && !f.s.thesis?.grade ? reasons(f, models.thesis) : [],
      changes: f.thesis && !f.s.thesis?.grade ? changes(f, models.thesis) : [],
    },
  }));
  return {
    asOf: today,
    year: year?.name ?? '',
    group: { id: group.id, name: group.name },
    models: models.refs,
    cutoffs: [...cutoffs],
    threshold: GIA_RISK_THRESHOLD,
    students,
  };
}

/** Graduating students at risk at the demo exam or the defence (not yet held), riskiest first. */
export async function giaAtRisk(ctx: Ctx, groupId: number | undefined): Promise<GiaRiskItem[]> {
  const reach = giaReachOf(ctx);
  if (!reach) return [];
  const today = todayOf(ctx);
  const { groups, forecasts, models } = await todays(ctx.db, ctx.principal.organizationId, today, reach, groupId);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const items: (GiaRiskItem & { p: number })[] = [];
  for (const f of forecasts)
    for (const [exam, o, model, held] of [
      ['demo', f.demo, models.demo, !!f.s.demo],
      ['thesis', f.thesis, models.thesis, !!f.s.thesis?.grade],
    ] as const) {
      if (!o || held || o.risk < GIA_RISK_THRESHOLD) continue;
      items.push({
        p: o.risk,
        student: { id: f.s.studentId, name: f.s.name },
        group: { id: f.s.groupId, name: names.get(f.s.groupId) ?? '' },
        exam,
        outlook: outlookOut(o, null),
        reasons: reasons(f, model),
        changes: changes(f, model),
      });
    }
  items.sort((a, b) => b.p - a.p || a.student.name.localeCompare(b.student.name, 'ru'));
  return items.map(({ p: _p, ...item }) => item);
}

/** What a graduating student (or their guardian) needs for a better ГИА grade: no probabilities. */
export async function giaStudentAdvice(ctx: Ctx, studentId: number): Promise<GiaAdvice> {
  if (!namesStudent(ctx.reach, studentId)) throw notFound('Обучающийся не найден.');
  const today = todayOf(ctx);
  const { forecasts, models } = await todays(ctx.db, ctx.principal.organizationId, today, null);
  const f = forecasts.find((x) => x.s.studentId === studentId);
  if (!f) throw notFound('Обучающийся не в выпускной группе этого учебного года.');
  const part = (model: OrdinalModel, given: string | null) => {
    if (given) return { target: null, steps: [], notes: [], given };
    const advice = giaAdviceFor(model, f.facts);
    return {
      target: advice.target === null ? null : String(advice.target),
      steps: advice.steps,
      notes: pullsOf(f, model)
        .filter((r) => r.effect < 0)
        .map((r) => r.text),
      given: null,
    };
  };
  return {
    asOf: today,
    student: { id: studentId, name: f.s.name },
    demoExam: part(models.demo, f.s.demo?.grade ?? null),
    thesis: f.thesis ? part(models.thesis, f.s.thesis?.grade ?? null) : null,
  };
}
