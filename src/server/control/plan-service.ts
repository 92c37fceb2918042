import {
  PLAN_KIND_LABELS,
  PLAN_SCOPE_LABELS,
  type ControlPlan,
  type PlanCounts,
  type PlanDoneBody,
  type PlanKind,
  type PlanLine,
  type PlanLineBody,
  type PlanLineEdit,
  type PlanOccurrence,
  type PlanOverdue,
  type PlanRepeat,
  type PlanScope,
} from '../../contracts/control-plan.js';
import { monthRu, occurrencesOf, occurrenceState, shiftYears, whenRu, type Span } from '../../domain/control-plan.js';
import { addDays, formatRu, todayIn, weekday } from '../../domain/dates.js';
import { ROLE_PERMISSIONS } from '../../domain/permissions.js';
import { ROLES } from '../../domain/roles.js';
import { shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import {
  countOwn,
  deletePlanLine,
  deletePlanMark,
  fillReports,
  insertPlanLine,
  insertPlanMark,
  orgCommissions,
  orgGroups,
  planAssignments,
  planLines,
  planMarkById,
  planMarks,
  planPeople,
  planYears,
  remarkOf,
  reportOf,
  signedWeeklies,
  updatePlanLine,
  yearTermChecks,
  yearTerms,
  type PlanLineRow,
  type PlanMarkRow,
} from './plan-queries.js';
import { scopesOf } from '../platform/access.js';

// The plan of intra-college control (п. 2.12): the deputy director's lines for a year, each expanded
// into dated occurrences (domain/control-plan.ts). An occurrence is done when a kept check fulfils
// it — a signed weekly check of its week, a daily fill report of its day, the end-of-term справка of
// its term — or when the checker marks it done by hand with a report or a remark. Nothing derived is
// stored: the state is computed when the plan is read, so it is exact at any moment.

type Year = { id: number; name: string; startDate: string; endDate: string };
type PlanDone = NonNullable<PlanOccurrence['done']>;

/** Who may be named to check: the roles that make the control reports (the deputy, the methodologist). */
const CHECKER_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r]['control:reports:make']);
const mayWrite = (ctx: Ctx) => scopesOf(ctx.principal, 'control:plan:write').length > 0;
const nameOf = (p: { last_name: string | null; first_name: string | null; middle_name: string | null }) =>
  p.last_name ? shortName({ last_name: p.last_name, first_name: p.first_name ?? '', middle_name: p.middle_name }) : '';
const mondayOf = (date: string) => addDays(date, 1 - weekday(date));
const zero = (): PlanCounts => ({ done: 0, overdue: 0, due: 0, planned: 0 });

async function yearsOf(ctx: Ctx): Promise<Year[]> {
  const rows = await planYears(ctx.db, ctx.principal.organizationId);
  return rows.map((y) => ({ id: y.id, name: y.name, startDate: y.start_date, endDate: y.end_date }));
}

/** The year asked for, or the one today falls in, or the latest. */
function pickYear(years: Year[], today: string, yearId?: number): Year | null {
  if (yearId !== undefined) {
    const y = years.find((x) => x.id === yearId);
    if (!y) throw notFound('Учебный год не найден.');
    return y;
  }
  return years.find((y) => y.startDate <= today && today <= y.endDate) ?? years[0] ?? null;
}

/** What the lines need besides themselves: the year's terms, the kept checks, the hand marks and target names. */
async function facts(ctx: Ctx, year: Year, rows: PlanLineRow[]) {
  const orgId = ctx.principal.organizationId;
  const assignmentIds = rows.filter((r) => r.scope === 'assignments').flatMap((r) => JSON.parse(r.target_ids) as number[]);
  const [terms, weeklies, fills, termChecks, marks, groups, commissions, assignments] = await Promise.all([
    yearTerms(ctx.db, orgId, year.id),
    signedWeeklies(ctx.db, orgId, addDays(year.startDate, -7), year.endDate),
    fillReports(ctx.db, orgId, year.startDate, year.endDate),
    yearTermChecks(ctx.db, orgId, year.id),
    planMarks(
      ctx.db,
      orgId,
      rows.map((r) => r.id),
    ),
    orgGroups(ctx.db, orgId),
    orgCommissions(ctx.db, orgId),
    planAssignments(ctx.db, orgId, { ids: [...new Set(assignmentIds)] }),
  ]);
  return {
    terms: terms.map((t): Span => ({ startDate: t.start_date, endDate: t.end_date })),
    weeklies,
    fills,
    termChecks,
    marks: new Map(marks.map((m) => [`${m.line_id}:${m.occurrence_from}`, m])),
    names: {
      groups: new Map(groups.map((g) => [g.id, g.name])),
      commissions: new Map(commissions.map((c) => [c.id, c.name])),
      assignments: new Map(assignments.map((a) => [a.id, assignmentLabel(a)])),
    },
  };
}
type Facts = Awaited<ReturnType<typeof facts>>;

function assignmentLabel(a: Awaited<ReturnType<typeof planAssignments>>[number]): string {
  const group = a.subgroup_name ? `${a.group_name} (${a.subgroup_name})` : a.group_name;
  return `${group} · ${a.code} ${a.name} · ${nameOf(a)}, ${a.term_number} сем.`;
}

/** What a kept check or a hand mark says about an occurrence of the line. */
function doneOf(ctx: Ctx, f: Facts, row: PlanLineRow, o: { from: string; to: string; due: string }, canWrite: boolean): PlanDone | null {
  const mark = f.marks.get(`${row.id}:${o.from}`);
  if (mark) return markDone(ctx, mark, canWrite);
  const kind = row.kind as PlanKind;
  if (kind === 'weekly') {
    // A week counts where its Monday falls; a one-off period takes any week it touches.
    const first = row.repeat === 'once' ? mondayOf(o.from) : o.from;
    const w = f.weeklies.find((x) => x.period >= first && x.period <= o.to);
    if (w) return { what: w.title, link: { kind: 'weekly', id: w.id }, by: nameOf(w), at: w.at, comment: '', markId: null, canUndo: false };
  }
  if (kind === 'fill') {
    const r = f.fills.find((x) => x.period >= o.from && x.period <= o.to);
    if (r) {
      const by = r.last_name ? nameOf(r) : 'по расписанию';
      return { what: r.title, link: { kind: 'report', id: r.id }, by, at: r.at, comment: '', markId: null, canUndo: false };
    }
  }
  if (kind === 'term') {
    const tz = ctx.principal.timeZone;
    const c = f.termChecks.find((x) => {
      const made = todayIn(tz, new Date(x.at));
      // A term line's occurrence is its term; a one-off period also takes a справка written within it.
      return (x.end_date >= o.from && x.end_date <= o.to) || (row.repeat !== 'term' && made >= o.from && made <= o.due);
    });
    if (c)
      return { what: c.title, link: { kind: 'term-check', id: c.id }, by: nameOf(c), at: c.at, comment: '', markId: null, canUndo: false };
  }
  return null;
}

function markDone(ctx: Ctx, m: PlanMarkRow, canWrite: boolean): PlanDone {
  const link = m.report_id
    ? { kind: m.report_kind === 'weekly-check' ? ('weekly' as const) : ('report' as const), id: m.report_id }
    : m.remark_id
      ? { kind: 'remark' as const, id: m.remark_id }
      : null;
  const remark = m.remark_text ? `Замечание: ${m.remark_text.length > 80 ? `${m.remark_text.slice(0, 80)}…` : m.remark_text}` : null;
  return {
    what: m.report_title ?? remark ?? 'Отмечено проверяющим',
    link,
    by: nameOf(m),
    at: m.marked_at,
    comment: m.comment,
    markId: m.id,
    canUndo: canWrite || m.marked_by_user_id === ctx.principal.userId,
  };
}

function whereOf(f: Facts, scope: PlanScope, ids: number[]): { targets: { id: number; name: string }[]; where: string } {
  if (scope === 'college') return { targets: [], where: PLAN_SCOPE_LABELS.college };
  const names = scope === 'groups' ? f.names.groups : scope === 'commission' ? f.names.commissions : f.names.assignments;
  const targets = ids.map((id) => ({ id, name: names.get(id) ?? '—' }));
  return { targets, where: targets.map((t) => t.name).join('; ') };
}

function present(ctx: Ctx, year: Year, f: Facts, row: PlanLineRow, today: string, canWrite: boolean): PlanLine {
  const timing = { repeat: row.repeat as PlanRepeat, startDate: row.start_date, endDate: row.end_date };
  const counts = zero();
  const occurrences = occurrencesOf(timing, year, f.terms).map((o) => {
    const done = doneOf(ctx, f, row, o, canWrite);
    const state = occurrenceState(o, !!done, today);
    counts[state]++;
    return { ...o, state, done };
  });
  const kind = row.kind as PlanKind;
  return {
    id: row.id,
    yearId: row.academic_year_id,
    kind,
    subject: row.subject,
    what: kind === 'other' ? row.subject : row.subject ? `${PLAN_KIND_LABELS[kind]}: ${row.subject}` : PLAN_KIND_LABELS[kind],
    scope: row.scope as PlanScope,
    ...whereOf(f, row.scope as PlanScope, JSON.parse(row.target_ids) as number[]),
    repeat: timing.repeat,
    startDate: row.start_date,
    endDate: row.end_date,
    when: whenRu(timing, year),
    person: { id: row.person_id, name: nameOf(row) },
    note: row.note,
    occurrences,
    counts,
    canMark: canWrite || row.person_id === ctx.principal.personId,
  };
}

/** The months of the year with their occurrences by the month they are due in. */
function monthsOf(year: Year, lines: PlanLine[]): ControlPlan['months'] {
  const months = new Map<string, PlanCounts>();
  for (let d = year.startDate.slice(0, 7); d <= year.endDate.slice(0, 7); d = addDays(`${d}-28`, 4).slice(0, 7)) months.set(d, zero());
  for (const l of lines) {
    for (const o of l.occurrences) {
      const m = months.get(o.due.slice(0, 7)) ?? months.get(year.endDate.slice(0, 7))!;
      m[o.state]++;
    }
  }
  return [...months].map(([month, c]) => ({ month, label: monthRu(month), ...c }));
}

/** The plan of a year; the choices of the line form (people, groups, journals, commissions) for those who write it. */
export async function getPlan(ctx: Ctx, q: { yearId?: number }, withChoices = true): Promise<ControlPlan> {
  const p = ctx.principal;
  const today = todayIn(p.timeZone);
  const years = await yearsOf(ctx);
  const year = pickYear(years, today, q.yearId);
  const canWrite = mayWrite(ctx);
  const choices = withChoices && canWrite;
  const [people, groups, commissions, assignments] = await Promise.all([
    choices ? planPeople(ctx.db, p.organizationId, CHECKER_ROLES) : Promise.resolve([]),
    choices ? orgGroups(ctx.db, p.organizationId) : Promise.resolve([]),
    choices ? orgCommissions(ctx.db, p.organizationId) : Promise.resolve([]),
    choices && year ? planAssignments(ctx.db, p.organizationId, { yearId: year.id }) : Promise.resolve([]),
  ]);
  const base = {
    today,
    years: years.map((y) => ({ id: y.id, name: y.name })),
    canWrite,
    people: people.map((x) => ({ id: x.id, name: nameOf(x) })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    commissions: commissions.map((c) => ({ id: c.id, name: c.name })),
    assignments: assignments.map((a) => ({ id: a.id, name: assignmentLabel(a) })),
  };
  if (!year) return { ...base, year: null, lines: [], months: [], totals: zero() };
  const rows = await planLines(ctx.db, p.organizationId, { yearId: year.id });
  const f = await facts(ctx, year, rows);
  const lines = rows.map((r) => present(ctx, year, f, r, today, canWrite));
  const totals = zero();
  for (const l of lines) for (const k of ['done', 'overdue', 'due', 'planned'] as const) totals[k] += l.counts[k];
  return { ...base, year, lines, months: monthsOf(year, lines), totals };
}

async function lineById(ctx: Ctx, id: number): Promise<{ row: PlanLineRow; year: Year }> {
  const [row] = await planLines(ctx.db, ctx.principal.organizationId, { id });
  if (!row) throw notFound('Строка плана не найдена.');
  const year = (await yearsOf(ctx)).find((y) => y.id === row.academic_year_id)!;
  return { row, year };
}

export async function getLine(ctx: Ctx, id: number): Promise<PlanLine> {
  const { row, year } = await lineById(ctx, id);
  const f = await facts(ctx, year, [row]);
  return present(ctx, year, f, row, todayIn(ctx.principal.timeZone), mayWrite(ctx));
}

/** The line as it will be stored, or a 400 naming the field at fault. */
async function checkedLine(ctx: Ctx, year: Year, b: PlanLineEdit) {
  const orgId = ctx.principal.organizationId;
  if (b.kind === 'other' && !b.subject) throw fieldError('subject', 'Опишите, что проверяется.');
  if (b.repeat === 'once' && !b.startDate) throw fieldError('startDate', 'Укажите дату проверки или начало периода.');
  const outside = `Выберите дату в учебном году ${year.name}: ${formatRu(year.startDate)} — ${formatRu(year.endDate)}.`;
  for (const k of ['startDate', 'endDate'] as const) {
    const d = b[k];
    if (d && (d < year.startDate || d > year.endDate)) throw fieldError(k, outside);
  }
  if (b.startDate && b.endDate && b.endDate < b.startDate) throw fieldError('endDate', 'Окончание раньше начала.');
  const ids = b.scope === 'college' ? [] : [...new Set(b.targetIds)];
  if (b.scope !== 'college' && !ids.length) throw fieldError('targetIds', 'Выберите, где проверяется: группы, журналы или ПЦК.');
  if (b.scope === 'commission' && ids.length !== 1) throw fieldError('targetIds', 'Выберите одну ПЦК.');
  const own =
    b.scope === 'groups'
      ? await countOwn(ctx.db, orgId, 'groups', ids)
      : b.scope === 'commission'
        ? await countOwn(ctx.db, orgId, 'subject_commissions', ids)
        : b.scope === 'assignments'
          ? (await planAssignments(ctx.db, orgId, { ids })).length
          : 0;
  if (own !== ids.length) throw fieldError('targetIds', 'Среди выбранного есть чужое или удалённое: выберите заново.');
  const people = await planPeople(ctx.db, orgId, CHECKER_ROLES);
  if (!people.some((x) => x.id === b.personId)) {
    throw fieldError('personId', 'Проверяющим назначают заместителя директора или методиста колледжа.');
  }
  return {
    kind: b.kind,
    subject: b.subject,
    scope: b.scope,
    target_ids: JSON.stringify(ids),
    repeat: b.repeat,
    start_date: b.startDate ?? null,
    end_date: b.endDate ?? null,
    person_id: b.personId,
    note: b.note,
  };
}

const who = (ctx: Ctx) => ({ organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, ip: ctx.ip });

export async function createLine(ctx: Ctx, b: PlanLineBody): Promise<PlanLine> {
  const years = await yearsOf(ctx);
  const year = years.find((y) => y.id === b.yearId);
  if (!year) throw fieldError('yearId', 'Учебный год не найден.');
  const values = await checkedLine(ctx, year, b);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const lid = await insertPlanLine(tx, {
      organization_id: ctx.principal.organizationId,
      academic_year_id: year.id,
      ...values,
      created_at: at,
      updated_at: at,
    });
    await audit(tx, { ...who(ctx), action: 'control_plan.line_created', entity: 'control_plan_line', entityId: lid, after: values });
    return lid;
  });
  return getLine(ctx, id);
}

export async function updateLine(ctx: Ctx, id: number, b: PlanLineEdit): Promise<PlanLine> {
  const { row, year } = await lineById(ctx, id);
  const values = await checkedLine(ctx, year, b);
  await ctx.db.transaction().execute(async (tx) => {
    await updatePlanLine(tx, ctx.principal.organizationId, id, { ...values, updated_at: nowIso() });
    const { last_name: _l, first_name: _f, middle_name: _m, ...before } = row;
    await audit(tx, { ...who(ctx), action: 'control_plan.line_updated', entity: 'control_plan_line', entityId: id, before, after: values });
  });
  return getLine(ctx, id);
}

export async function deleteLine(ctx: Ctx, id: number): Promise<{ ok: true }> {
  const { row } = await lineById(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await deletePlanLine(tx, ctx.principal.organizationId, id);
    const { last_name: _l, first_name: _f, middle_name: _m, ...before } = row;
    await audit(tx, { ...who(ctx), action: 'control_plan.line_deleted', entity: 'control_plan_line', entityId: id, before });
  });
  return { ok: true };
}

/**
 * Starts a year's plan from another year's: the same lines, dates moved by the years between them
 * (kept only inside the new year), journals of the old year replaced by their groups.
 */
export async function copyPlan(ctx: Ctx, b: { yearId: number; fromYearId: number }): Promise<ControlPlan> {
  const orgId = ctx.principal.organizationId;
  const years = await yearsOf(ctx);
  const to = years.find((y) => y.id === b.yearId);
  const from = years.find((y) => y.id === b.fromYearId);
  if (!to) throw fieldError('yearId', 'Учебный год не найден.');
  if (!from || from.id === to.id) throw fieldError('fromYearId', 'Выберите другой учебный год, план которого скопировать.');
  if ((await planLines(ctx.db, orgId, { yearId: to.id })).length) {
    throw conflict('В плане этого года уже есть строки: копию прошлого года добавляют в пустой план.');
  }
  const source = await planLines(ctx.db, orgId, { yearId: from.id });
  if (!source.length) throw fieldError('fromYearId', 'В плане этого года нет строк.');
  const shift = Number(to.startDate.slice(0, 4)) - Number(from.startDate.slice(0, 4));
  const inYear = (d: string | null) => {
    if (!d) return null;
    const s = shiftYears(d, shift);
    return s < to.startDate ? to.startDate : s > to.endDate ? to.endDate : s;
  };
  const journalIds = source.filter((r) => r.scope === 'assignments').flatMap((r) => JSON.parse(r.target_ids) as number[]);
  const groupOf = new Map((await planAssignments(ctx.db, orgId, { ids: [...new Set(journalIds)] })).map((a) => [a.id, a.group_id]));
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    for (const r of source) {
      const journals = r.scope === 'assignments';
      const ids = JSON.parse(r.target_ids) as number[];
      await insertPlanLine(tx, {
        organization_id: orgId,
        academic_year_id: to.id,
        kind: r.kind,
        subject: r.subject,
        scope: journals ? 'groups' : r.scope,
        target_ids: JSON.stringify(journals ? [...new Set(ids.map((i) => groupOf.get(i)).filter((g) => g !== undefined))] : ids),
        repeat: r.repeat,
        start_date: inYear(r.start_date),
        end_date: inYear(r.end_date),
        person_id: r.person_id,
        note: r.note,
        created_at: at,
        updated_at: at,
      });
    }
    await audit(tx, {
      ...who(ctx),
      action: 'control_plan.copied',
      entity: 'academic_year',
      entityId: to.id,
      after: { fromYearId: from.id, lines: source.length },
    });
  });
  return getPlan(ctx, { yearId: to.id });
}

/** The checker (or whoever keeps the plan) marks an occurrence done, with a report or a remark and a comment. */
export async function markOccurrence(ctx: Ctx, lineId: number, b: PlanDoneBody): Promise<PlanLine> {
  const p = ctx.principal;
  const line = await getLine(ctx, lineId);
  if (!line.canMark) throw forbidden('Отметить выполнение может проверяющий по этой строке или заместитель директора.');
  const o = line.occurrences.find((x) => x.from === b.from);
  if (!o) throw fieldError('from', 'В этой строке плана нет срока с такой датой начала.');
  if (o.state === 'planned') throw fieldError('from', 'Этот срок ещё не наступил.');
  if (o.done) throw conflict('Этот срок плана уже выполнен.');
  if (b.reportId && !(await reportOf(ctx.db, p.organizationId, b.reportId))) throw fieldError('reportId', 'Отчёт не найден.');
  if (b.remarkId && !(await remarkOf(ctx.db, p.organizationId, b.remarkId))) throw fieldError('remarkId', 'Замечание не найдено.');
  if (!b.reportId && !b.remarkId && !b.comment) throw fieldError('comment', 'Укажите отчёт, замечание или опишите, что проверено.');
  const marked = await ctx.db.transaction().execute(async (tx) => {
    const values = { report_id: b.reportId ?? null, remark_id: b.remarkId ?? null, comment: b.comment };
    const id = await insertPlanMark(tx, {
      organization_id: p.organizationId,
      line_id: lineId,
      occurrence_from: b.from,
      ...values,
      marked_by_user_id: p.userId,
      marked_at: nowIso(),
    });
    if (id === null) return false;
    await audit(tx, {
      ...who(ctx),
      action: 'control_plan.done',
      entity: 'control_plan_line',
      entityId: lineId,
      after: { from: b.from, ...values },
    });
    return true;
  });
  if (!marked) throw conflict('Этот срок плана уже выполнен.');
  return getLine(ctx, lineId);
}

export async function unmarkOccurrence(ctx: Ctx, markId: number): Promise<PlanLine> {
  const p = ctx.principal;
  const m = await planMarkById(ctx.db, p.organizationId, markId);
  if (!m) throw notFound('Отметка о выполнении не найдена.');
  if (!mayWrite(ctx) && m.marked_by_user_id !== p.userId)
    throw forbidden('Снять отметку может тот, кто её поставил, или заместитель директора.');
  await ctx.db.transaction().execute(async (tx) => {
    await deletePlanMark(tx, p.organizationId, markId);
    const { organization_id: _o, ...before } = m;
    await audit(tx, { ...who(ctx), action: 'control_plan.undone', entity: 'control_plan_line', entityId: m.line_id, before });
  });
  return getLine(ctx, m.line_id);
}

/** Occurrences of the current year's plan past due and not done, the oldest first. */
export async function overdue(ctx: Ctx): Promise<PlanOverdue> {
  const plan = await getPlan(ctx, {}, false);
  const items = plan.lines.flatMap((l) =>
    l.occurrences
      .filter((o) => o.state === 'overdue')
      .map((o) => ({ lineId: l.id, what: l.what, where: l.where, person: l.person.name, from: o.from, to: o.to, due: o.due })),
  );
  return { items: items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.lineId - b.lineId)) };
}
