import type { Fulfilment } from '../../contracts/curriculum.js';
import { classroomHours, fulfilmentPercent, planHours } from '../../domain/curriculum.js';
import { compareRu, fullName } from '../../domain/text.js';
import type { Ctx } from '../platform/http.js';
import { endedNow } from '../control/fill-queries.js';
import { termRef } from './load-read.js';
import { resolveTerm } from './queries.js';
import { fulfilmentRows } from './queries/load.js';
import { linesOfPlans, plansOfItems } from './queries/plans.js';

/**
 * п. 2.12: per assignment, hours due by today (lessons of the timetable up to today) against
 * hours delivered (lessons recorded in the journal and not cancelled).
 */
export async function getFulfilment(ctx: Ctx, query: { termId?: number; teacherPersonId?: number; groupId?: number }): Promise<Fulfilment> {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, query.termId);
  // Due: lessons that have ended by their bells, not those still to come today (issue 12).
  const ended = await endedNow(ctx.db, orgId, ctx.principal.timeZone);
  const today = ended.today;
  const rows = await fulfilmentRows(ctx.db, ctx.reach, term.id, query, ended);
  // Classroom hours of the КТП each assignment follows (its copy, else the shared base).
  const itemIds = [...new Set(rows.map((r) => r.curriculum_item_id))];
  const plans = await plansOfItems(ctx.db, orgId, itemIds);
  const lines = await linesOfPlans(
    ctx.db,
    orgId,
    plans.map((p) => p.id),
  );
  const linesOf = new Map<number, { hours: number; lessonType: string }[]>();
  for (const l of lines) {
    if (!linesOf.has(l.lesson_plan_id)) linesOf.set(l.lesson_plan_id, []);
    linesOf.get(l.lesson_plan_id)!.push({ hours: l.hours, lessonType: l.lesson_type });
  }
  const planHoursOf = (planId: number) => classroomHours(planHours(linesOf.get(planId) ?? []));
  const plansOf = new Map<number, typeof plans>();
  for (const p of plans) plansOf.set(p.curriculum_item_id, [...(plansOf.get(p.curriculum_item_id) ?? []), p]);
  const out = rows
    .map((r) => {
      const cands = (plansOf.get(r.curriculum_item_id) ?? []).filter(
        (p) => p.group_id === null || (p.group_id === r.group_id && (p.subgroup_id === null || p.subgroup_id === r.subgroup_id)),
      );
      const best = cands.sort(
        (x, y) => (x.group_id === null ? 3 : x.subgroup_id === null ? 2 : 1) - (y.group_id === null ? 3 : y.subgroup_id === null ? 2 : 1),
      )[0];
      const due = Number(r.due);
      const delivered = Number(r.delivered);
      return {
        assignmentId: r.id,
        groupName: r.groupName,
        subgroupName: r.subgroupName,
        code: r.code,
        subjectName: r.name,
        teacherName: fullName(r),
        hours: r.hours,
        planHours: best ? planHoursOf(best.id) : null,
        dueToDate: due,
        delivered,
        behind: Math.max(0, due - delivered),
        percent: fulfilmentPercent(delivered, due),
      };
    })
    .sort((a, b) => b.behind - a.behind || compareRu(a.groupName, b.groupName) || a.code.localeCompare(b.code));
  const totals = out.reduce(
    (s, r) => ({ hours: s.hours + r.hours, dueToDate: s.dueToDate + r.dueToDate, delivered: s.delivered + r.delivered }),
    { hours: 0, dueToDate: 0, delivered: 0 },
  );
  return { term: termRef(term), today, rows: out, totals: { ...totals, percent: fulfilmentPercent(totals.delivered, totals.dueToDate) } };
}
