import { addDays, localDateTime, todayIn } from '../../domain/dates.js';
import { gradePoints, levelOf, resultOf } from '../../domain/performance.js';
import { defaultTerm } from '../../domain/terms.js';
import { nowIso, type Db } from '../platform/db.js';
import { absenceHours, allTerms, assignmentFacts, membershipsAt, termResults } from '../control/performance-queries.js';
import {
  computedAt,
  groupsOfCollege,
  guardianLinks,
  journalWrittenSince,
  lessonsOfTerms,
  loginsSince,
  replaceFigures,
  type FigureRow,
} from './figures-queries.js';

// A college's kept figures of a period, per group (issue 15 item 3, decision 041). Results and
// absences are read by the queries of the performance report (control/performance-queries.ts) and
// counted as it counts them: a student's results in the group's assignments, while still in the
// group at the period's end; their level by levelOf, the average's parts by gradePoints.

type TermRow = Awaited<ReturnType<typeof allTerms>>[number];
export interface KeptPeriod {
  kind: 'term' | 'year';
  id: number;
  yearName: string;
  termNumber: number;
  terms: TermRow[];
}
interface College {
  id: number;
  timeZone: string;
}

/** The UTC instant at which a local calendar day begins. */
function dayStartUtc(date: string, timeZone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const l = localDateTime(timeZone, new Date(guess));
  return guess - (Date.parse(`${l.date}T${l.time}:00Z`) - guess);
}

/** Computes and stores a college's figures of a period; returns the rows stored. */
export async function computeFigures(db: Db, org: College, p: KeptPeriod): Promise<FigureRow[]> {
  const at = nowIso();
  const today = todayIn(org.timeZone);
  const termIds = p.terms.map((t) => t.id);
  const from = p.terms[0].start_date;
  const to = p.terms.at(-1)!.end_date;
  const through = to < today ? to : today;
  const [groups, facts, results, absences, present, lessons, links, logins] = await Promise.all([
    groupsOfCollege(db, org.id),
    assignmentFacts(db, org.id, termIds, null),
    termResults(db, org.id, termIds, null),
    absenceHours(db, org.id, termIds, null),
    membershipsAt(db, org.id, to),
    lessonsOfTerms(db, org.id, termIds, through),
    guardianLinks(db, org.id),
    loginsSince(db, org.id, new Date(dayStartUtc(from, org.timeZone)).toISOString()),
  ]);
  const endUtc = dayStartUtc(addDays(through, 1), org.timeZone);
  const groupOf = new Map(facts.map((f) => [f.id, f.group_id]));
  const stays = new Set(present.map((m) => `${m.student_id}:${m.group_id}`));
  const roster = new Map<number, number[]>();
  for (const m of present) roster.set(m.group_id, [...(roster.get(m.group_id) ?? []), m.student_id]);

  // Results per group and student, as the performance report's «Группы» section gathers them.
  const cells = new Map<string, Partial<Record<'term' | 'exam' | 'final', string>>>();
  for (const r of results) {
    const g = groupOf.get(r.assignment_id);
    if (g === undefined || !stays.has(`${r.student_id}:${g}`)) continue;
    const k = `${g}:${r.student_id}:${r.assignment_id}`;
    cells.set(k, { ...cells.get(k), [r.kind]: r.value });
  }
  const values = new Map<string, string[]>();
  for (const [k, grades] of cells) {
    const v = resultOf(grades);
    if (!v) continue;
    const gs = k.slice(0, k.lastIndexOf(':'));
    values.set(gs, [...(values.get(gs) ?? []), v]);
  }

  const rows = new Map<number, FigureRow>();
  const byId = new Map(groups.map((g) => [g.id, g]));
  const row = (groupId: number): FigureRow | null => {
    let r = rows.get(groupId);
    const g = byId.get(groupId);
    if (!r && g) {
      r = {
        organization_id: org.id,
        period_kind: p.kind,
        period_id: p.id,
        year_name: p.yearName,
        term_number: p.termNumber,
        group_id: groupId,
        group_name: g.name,
        course: g.course,
        students: roster.get(groupId)?.length ?? 0,
        n5: 0,
        n4: 0,
        n3: 0,
        n2: 0,
        nna: 0,
        points: 0,
        graded: 0,
        excused_hours: 0,
        unexcused_hours: 0,
        lessons: 0,
        lessons_on_time: 0,
        guardians: 0,
        guardians_active: 0,
        computed_at: at,
      };
      rows.set(groupId, r);
    }
    return r ?? null;
  };
  // A group counts in the period when it has students at its end or assignments in it.
  for (const g of roster.keys()) row(g);
  for (const f of facts) row(f.group_id);

  const LEVEL = { '5': 'n5', '4': 'n4', '3': 'n3', '2': 'n2', 'н/а': 'nna' } as const;
  for (const [gs, vs] of values) {
    const r = row(Number(gs.slice(0, gs.indexOf(':'))));
    const level = levelOf(vs);
    if (!r || !level) continue;
    r[LEVEL[level]] += 1;
    const g = gradePoints(vs);
    r.points += g.points;
    r.graded += g.graded;
  }
  for (const a of absences) {
    const g = groupOf.get(a.assignment_id);
    if (g === undefined || !stays.has(`${a.student_id}:${g}`)) continue;
    const r = row(g);
    if (!r) continue;
    r.excused_hours += Number(a.excused);
    r.unexcused_hours += Number(a.unexcused);
  }
  // Journal fill: a lesson is on time when recorded before its local day ended; one of today not yet recorded is not counted.
  const dayEnd = new Map<string, number>();
  for (const l of lessons) {
    if (!l.recorded_at && l.date >= today) continue;
    const r = row(l.group_id);
    if (!r) continue;
    r.lessons += 1;
    if (!l.recorded_at) continue;
    let end = dayEnd.get(l.date);
    if (end === undefined) dayEnd.set(l.date, (end = dayStartUtc(addDays(l.date, 1), org.timeZone)));
    if (Date.parse(l.recorded_at) < end) r.lessons_on_time += 1;
  }
  // Guardians of the students at the period's end; active: logged in during the period.
  const active = new Set(logins.filter((x) => Date.parse(x.at) < endUtc).map((x) => x.actor_user_id));
  const guardiansOf = new Map<number, { person: number; user: number | null }[]>();
  for (const l of links)
    guardiansOf.set(l.student_id, [...(guardiansOf.get(l.student_id) ?? []), { person: l.guardian_person_id, user: l.user_id }]);
  for (const [groupId, students] of roster) {
    const r = row(groupId);
    if (!r) continue;
    const persons = new Map<number, boolean>();
    for (const s of students)
      for (const g of guardiansOf.get(s) ?? []) persons.set(g.person, persons.get(g.person) || (g.user !== null && active.has(g.user)));
    r.guardians = persons.size;
    r.guardians_active = [...persons.values()].filter(Boolean).length;
  }
  const out = [...rows.values()];
  await replaceFigures(db, org.id, p.kind, p.id, out);
  return out;
}

/** The periods a college's figures are kept for: the current term and the one before it, and their years. */
export async function keptPeriods(db: Db, org: College): Promise<{ current: KeptPeriod[]; earlier: KeptPeriod[] }> {
  const terms = await allTerms(db, org.id);
  const today = todayIn(org.timeZone);
  const cur = defaultTerm(
    terms.map((t) => ({ ...t, startDate: t.start_date, endDate: t.end_date })),
    today,
  );
  if (!cur) return { current: [], earlier: [] };
  const at = terms.findIndex((t) => t.id === cur.id);
  const term = (t: TermRow): KeptPeriod => ({ kind: 'term', id: t.id, yearName: t.year_name, termNumber: t.number, terms: [t] });
  const year = (yearId: number): KeptPeriod | null => {
    const ts = terms.filter((t) => t.year_id === yearId);
    return ts.length ? { kind: 'year', id: yearId, yearName: ts[0].year_name, termNumber: 0, terms: ts } : null;
  };
  const prev = at > 0 ? terms[at - 1] : null;
  const years = [...new Set(terms.map((t) => t.year_id))];
  const prevYear = years.indexOf(cur.year_id) > 0 ? years[years.indexOf(cur.year_id) - 1] : null;
  return {
    current: [term(terms[at]), year(cur.year_id)!],
    earlier: [prev ? term(prev) : null, prevYear !== null ? year(prevYear) : null].filter((x): x is KeptPeriod => x !== null),
  };
}

/** Recomputes a college's current periods (and the earlier ones with them when asked or never computed). */
export async function recomputeCollege(db: Db, org: College, opts: { earlier: boolean }): Promise<number> {
  const { current, earlier } = await keptPeriods(db, org);
  let n = 0;
  for (const p of current) n += (await computeFigures(db, org, p)).length;
  for (const p of earlier)
    if (opts.earlier || (await computedAt(db, org.id, p.kind, p.id)) === null) n += (await computeFigures(db, org, p)).length;
  return n;
}

export const FIGURES_JOB = 'region-figures';

/**
 * The job, hourly in each college: the first run of a local day recomputes the current and the
 * earlier periods (logins and the journal's fill move with the days, pupils move between groups);
 * another run recomputes the current periods only when the journal was written since they were.
 */
export async function runFiguresJob(db: Db, org: College, slot: string, since: string | null): Promise<void> {
  const newDay = !since || since.slice(0, 10) !== slot.slice(0, 10);
  if (newDay) {
    await recomputeCollege(db, org, { earlier: true });
    return;
  }
  const { current } = await keptPeriods(db, org);
  if (!current.length) return;
  const at = await computedAt(db, org.id, current[0].kind, current[0].id);
  if (at === null || (await journalWrittenSince(db, org.id, at))) await recomputeCollege(db, org, { earlier: false });
}
