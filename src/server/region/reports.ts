import type { CollegeFigures, RegionPeriod, RegionReport, RegionReportQuery } from '../../contracts/region-reports.js';
import { mergeSmallGroups, ratesOf, sumFigures, type Figures, type Named } from '../../domain/region-figures.js';
import { audit } from '../platform/audit.js';
import { notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { computeFigures, keptPeriods as collegePeriods } from './figures.js';
import { collegesOf, computedAt, figuresOf, keptPeriods, type FigureRow } from './figures-queries.js';
import { collegeOfRegion } from './queries.js';

// The regional reports (issue 15 item 3, decision 041): read from region_figures only, a few rows
// per group of the region, never the journal. The observer and the regional administrator see
// every college of their region; nothing below a group, and no group below five students apart.

const periodTitle = (yearName: string, termNumber: number) =>
  termNumber ? `${termNumber}-й семестр ${yearName}` : `${yearName} учебный год`;
const periodOf = (yearName: string, termNumber: number): RegionPeriod => ({
  yearName,
  termNumber,
  title: periodTitle(yearName, termNumber),
});
const yearBefore = (y: string) => y.replace(/^(\d{4})\/(\d{4})$/, (_, a: string, b: string) => `${Number(a) - 1}/${Number(b) - 1}`);

export function figuresOfRow(r: FigureRow): Figures {
  return {
    groups: 1,
    students: r.students,
    counts: { '5': r.n5, '4': r.n4, '3': r.n3, '2': r.n2, 'н/а': r.nna },
    points: r.points,
    graded: r.graded,
    excused: r.excused_hours,
    unexcused: r.unexcused_hours,
    lessons: r.lessons,
    lessonsOnTime: r.lessons_on_time,
    guardians: r.guardians,
    guardiansActive: r.guardians_active,
  };
}
const rated = (rows: FigureRow[]) => (rows.length ? ratesOf(sumFigures(rows.map(figuresOfRow))) : null);

/** The period asked for (by default the latest term with figures) and the one before it. */
async function periodsFor(ctx: Ctx, orgIds: number[], q: RegionReportQuery) {
  const kept = (await keptPeriods(ctx.reports, orgIds)).map((p) => periodOf(p.year_name, p.term_number));
  const latest = kept.find((p) => p.termNumber > 0) ?? kept[0] ?? null;
  const period = q.year ? periodOf(q.year, q.term ?? 0) : latest;
  let previous: RegionPeriod | null = null;
  if (period) {
    if (period.termNumber > 1) previous = periodOf(period.yearName, period.termNumber - 1);
    else {
      const y = yearBefore(period.yearName);
      const last = Math.max(0, ...kept.filter((p) => p.yearName === y).map((p) => p.termNumber));
      previous = periodOf(y, period.termNumber === 0 ? 0 : last || 2);
    }
  }
  return { period, previous, periods: kept };
}

const computedOf = (rows: FigureRow[]) => {
  if (!rows.length) return null;
  const at = rows.map((r) => r.computed_at).sort();
  return { oldest: at[0], newest: at.at(-1)! };
};

/** Per college and for the region, with the previous period beside each figure. */
export async function regionReport(ctx: Ctx, q: RegionReportQuery): Promise<RegionReport> {
  const region = ctx.principal.region;
  const colleges = await collegesOf(ctx.reports, region);
  const ids = colleges.map((c) => c.id);
  const { period, previous, periods } = await periodsFor(ctx, ids, q);
  const [now, before] = await Promise.all([
    period ? figuresOf(ctx.reports, ids, period.yearName, period.termNumber) : Promise.resolve([]),
    previous ? figuresOf(ctx.reports, ids, previous.yearName, previous.termNumber) : Promise.resolve([]),
  ]);
  const byCollege = (rows: FigureRow[]) => {
    const m = new Map<number, FigureRow[]>();
    for (const r of rows) {
      const list = m.get(r.organization_id);
      if (list) list.push(r);
      else m.set(r.organization_id, [r]);
    }
    return m;
  };
  const [nowOf, beforeOf] = [byCollege(now), byCollege(before)];
  const of = (m: Map<number, FigureRow[]>, id: number) => m.get(id) ?? [];
  return {
    region,
    period,
    previous,
    periods,
    colleges: colleges.map((c) => ({
      id: c.id,
      name: c.name,
      shortName: c.short_name,
      computedAt: computedOf(of(nowOf, c.id))?.oldest ?? null,
      now: rated(of(nowOf, c.id)),
      before: rated(of(beforeOf, c.id)),
    })),
    total: { now: rated(now), before: rated(before) },
    computed: computedOf(now),
  };
}

async function collegeIn(ctx: Ctx, id: number) {
  const c = await collegeOfRegion(ctx.db, ctx.principal.region, id);
  if (!c) throw notFound('Колледж не найден в вашем регионе.');
  return c;
}

/** A college's figures by group (small ones merged) and by course. */
export async function collegeFigures(ctx: Ctx, id: number, q: RegionReportQuery): Promise<CollegeFigures> {
  const c = await collegeIn(ctx, id);
  const { period, previous, periods } = await periodsFor(ctx, [id], q);
  const [now, before] = await Promise.all([
    period ? figuresOf(ctx.reports, [id], period.yearName, period.termNumber) : Promise.resolve([]),
    previous ? figuresOf(ctx.reports, [id], previous.yearName, previous.termNumber) : Promise.resolve([]),
  ]);
  const named = (rows: FigureRow[], keyOf: (r: FigureRow) => string, nameOf: (r: FigureRow) => string): Named<string>[] => {
    const m = new Map<string, { name: string; rows: FigureRow[] }>();
    for (const r of rows) {
      const k = keyOf(r);
      m.set(k, { name: nameOf(r), rows: [...(m.get(k)?.rows ?? []), r] });
    }
    return [...m.entries()].map(([key, x]) => ({ key, name: x.name, figures: sumFigures(x.rows.map(figuresOfRow)) }));
  };
  const groupKey = (r: FigureRow) => `g${r.group_id}`;
  const courseKey = (r: FigureRow) => `c${r.course}`;
  const courseName = (r: FigureRow) => `${r.course} курс`;
  const shownGroups = mergeSmallGroups(
    named(now, groupKey, (r) => r.group_name),
    'other',
  );
  const shownCourses = mergeSmallGroups(named(now, courseKey, courseName), 'other');
  // «Было» of a merged row: the same groups a period before.
  const beforeOf = (keys: (r: FigureRow) => string, shown: Named<string>[], row: Named<string>) => {
    const apart = new Set(shown.filter((x) => x.key !== 'other').map((x) => x.key));
    const rows = before.filter((r) =>
      row.key === 'other' ? !apart.has(keys(r)) && now.some((n) => keys(n) === keys(r)) : keys(r) === row.key,
    );
    return rows.length ? ratesOf(sumFigures(rows.map(figuresOfRow))) : null;
  };
  const courseOf = new Map(now.map((r) => [groupKey(r), r.course]));
  return {
    college: { id: c.id, name: c.name, shortName: c.short_name },
    period,
    previous,
    periods,
    groups: shownGroups
      .map((g) => ({
        key: g.key,
        name: g.name,
        course: courseOf.get(g.key) ?? null,
        now: ratesOf(g.figures),
        before: beforeOf(groupKey, shownGroups, g),
      }))
      .sort((a, b) => (a.course ?? 99) - (b.course ?? 99) || a.name.localeCompare(b.name, 'ru')),
    courses: shownCourses
      .map((g) => ({
        key: g.key,
        name: g.key === 'other' ? 'Прочие курсы' : g.name,
        now: ratesOf(g.figures),
        before: beforeOf(courseKey, shownCourses, g),
      }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    total: { now: rated(now), before: rated(before) },
    computed: computedOf(now),
  };
}

/** «Пересчитать»: the regional administrator recomputes a college's kept periods now (audited). */
export async function recomputeNow(ctx: Ctx, id: number) {
  const c = await collegeIn(ctx, id);
  const org = { id: c.id, timeZone: c.time_zone };
  const { current, earlier } = await collegePeriods(ctx.db, org);
  let rows = 0;
  for (const p of [...current, ...earlier]) rows += (await computeFigures(ctx.db, org, p)).length;
  await audit(ctx.db, {
    organizationId: c.id,
    actorUserId: ctx.principal.userId,
    ip: ctx.ip,
    action: 'region.figures_recomputed',
    entity: 'organization',
    entityId: c.id,
    after: { rows },
  });
  const at = current.length ? await computedAt(ctx.db, c.id, current[0].kind, current[0].id) : null;
  return { collegeId: c.id, rows, computedAt: at ?? new Date().toISOString() };
}
