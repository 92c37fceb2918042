import type { FillDay, FillLesson, FillTeachers, MyUnrecorded } from '../../contracts/control-fill.js';
import { addDays, localDateTime } from '../../domain/dates.js';
import { fillState, lessonEnded, teacherFill, type FillState, type Period } from '../../domain/fill.js';
import { compareRu, fullName, shortName } from '../../domain/text.js';
import { resolveTerm } from '../curriculum/queries.js';
import type { Db } from '../platform/db.js';
import type { Ctx } from '../platform/http.js';
import type { Reach } from '../platform/reach.js';
import { bellsForDates } from '../timetable/queries.js';
import { fillDayLessons, fillSpanLessons, personsByIds, unrecordedOf, type FillRow } from './fill-queries.js';

// Daily fill control (п. 3.8, 3.11): the lessons of a day that have ended and are not recorded,
// those recorded late, and each teacher's figures over a term.

/** Whether the caller's reach of `control:fill` covers a lesson's subject (the chair: their commission). */
export const inReach = (r: Reach) => (commissionId: number | null) =>
  r.all || (commissionId !== null && r.commissionIds.includes(commissionId));

async function periodsOf(db: Db, orgId: number, date: string): Promise<Period[]> {
  return (await bellsForDates(db, orgId, [date])).get(date)?.periods ?? [];
}

function itemOf(r: FillRow, periods: readonly Period[], state: FillState): FillLesson {
  return {
    lessonId: r.id,
    assignmentId: r.assignment_id,
    date: r.date,
    pairNo: r.pair_no,
    endsAt: periods.find((p) => p.pairNo === r.pair_no)?.endsAt ?? null,
    state,
    recordedAt: r.recorded_at,
    group: r.subgroup_name ? `${r.group_name} (${r.subgroup_name})` : r.group_name,
    subject: `${r.subject_code} ${r.subject_name}`,
    teacher: { personId: r.teacher_person_id, name: shortName(r) },
  };
}

/** The day's list, by default yesterday's (the methodologist's home). */
export async function fillDay(
  db: Db,
  org: { id: number; timeZone: string },
  date: string | undefined,
  reach: (commissionId: number | null) => boolean,
): Promise<FillDay> {
  const local = localDateTime(org.timeZone);
  const day = date ?? addDays(local.date, -1);
  const [rows, periods] = await Promise.all([fillDayLessons(db, org.id, day), periodsOf(db, org.id, day)]);
  const out: FillDay = {
    date: day,
    today: local.date,
    counts: { lessons: 0, ended: 0, onDay: 0, late: 0, missing: 0 },
    missing: [],
    late: [],
  };
  for (const r of rows) {
    if (!reach(r.commission_id)) continue;
    out.counts.lessons++;
    if (!lessonEnded({ date: r.date, pairNo: r.pair_no }, periods, local)) continue;
    out.counts.ended++;
    const state = fillState(r.date, r.recorded_at, org.timeZone);
    if (state === 'on-day') out.counts.onDay++;
    else if (state === 'late') {
      out.counts.late++;
      out.late.push(itemOf(r, periods, state));
    } else {
      out.counts.missing++;
      out.missing.push(itemOf(r, periods, state));
    }
  }
  return out;
}

export const fillDayFor = (ctx: Ctx, date?: string) =>
  fillDay(ctx.db, { id: ctx.principal.organizationId, timeZone: ctx.principal.timeZone }, date, inReach(ctx.reach));

/** Per teacher over a term up to now: unrecorded lessons, the longest streak, the share on the day. */
export async function fillTeachers(ctx: Ctx, termId?: number): Promise<FillTeachers> {
  const orgId = ctx.principal.organizationId;
  const tz = ctx.principal.timeZone;
  const term = await resolveTerm(ctx.db, orgId, tz, termId);
  const local = localDateTime(tz);
  const to = term.endDate < local.date ? term.endDate : local.date;
  const reach = inReach(ctx.reach);
  const [rows, periods] = await Promise.all([fillSpanLessons(ctx.db, orgId, term.startDate, to), periodsOf(ctx.db, orgId, local.date)]);
  const states = new Map<number, FillState[]>();
  for (const r of rows) {
    if (!reach(r.commission_id) || !lessonEnded({ date: r.date, pairNo: r.pair_no }, periods, local)) continue;
    let list = states.get(r.teacher_person_id);
    if (!list) states.set(r.teacher_person_id, (list = []));
    list.push(fillState(r.date, r.recorded_at, tz));
  }
  const names = new Map((await personsByIds(ctx.db, orgId, [...states.keys()])).map((p) => [p.id, fullName(p)]));
  const items = [...states]
    .map(([personId, s]) => ({ personId, name: names.get(personId) ?? '', ...teacherFill(s) }))
    .sort((a, b) => b.missing - a.missing || compareRu(a.name, b.name));
  return { term: { id: term.id, label: term.label, startDate: term.startDate, endDate: term.endDate }, items };
}

/** The caller's own lessons (taught or substituted) of the last 60 days that have ended unrecorded. */
export async function myUnrecorded(ctx: Ctx): Promise<MyUnrecorded> {
  const orgId = ctx.principal.organizationId;
  const local = localDateTime(ctx.principal.timeZone);
  const [rows, periods] = await Promise.all([
    unrecordedOf(ctx.db, orgId, ctx.principal.personId, addDays(local.date, -60), local.date),
    periodsOf(ctx.db, orgId, local.date),
  ]);
  const items = rows
    .filter((r) => lessonEnded({ date: r.date, pairNo: r.pair_no }, periods, local))
    .map((r) => itemOf(r, r.date === local.date ? periods : [], 'missing'));
  return { today: local.date, items };
}
