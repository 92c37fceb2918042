import type { MyPlans, PlanDetail, PlanSummary } from '../../contracts/curriculum.js';
import {
  addHours,
  canMovePlan,
  checkPlanHours,
  describeHoursDifference,
  HOUR_KIND_TITLES,
  isPlanEditable,
  planHours,
  programTermNo,
  zeroHours,
  type Hours,
  type LessonPlanStatus,
} from '../../domain/curriculum.js';
import { compareRu, fullName } from '../../domain/text.js';
import type { Ctx } from '../platform/http.js';
import { reachOf } from '../platform/reach.js';
import { approveReach, inReach, readablePlan, teaches, writeReach } from './plans-access.js';
import { itemTerms, itemWithCurriculum, personNames, resolveTerm, termsOf, userNames } from './queries.js';
import {
  groupNameOf,
  itemAssignments,
  linesOfPlans,
  planFull,
  planLines,
  plansInReach,
  plansOfItems,
  subgroupNameOf,
  teacherAssignments,
} from './queries/plans.js';

// Reading lesson plans (КТП): one plan with its check and abilities, the plans in reach, the teacher's own.

export function curriculumTotal(terms: { hours: Hours }[]): Hours {
  return terms.reduce((s, t) => addHours(s, t.hours), zeroHours());
}

export function hoursCheck(lines: { hours: number; lessonType: string; selfStudyHours: number | null }[], curriculum: Hours) {
  const r = checkPlanHours(planHours(lines), curriculum);
  return {
    rows: r.rows.map((x) => ({ ...x, title: HOUR_KIND_TITLES[x.kind] })),
    matches: r.matches,
    messages: describeHoursDifference(r.rows),
  };
}

export async function getPlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const orgId = ctx.principal.organizationId;
  const p = await readablePlan(ctx, id);
  const full = await planFull(ctx.db, orgId, id);
  const item = (await itemWithCurriculum(ctx.db, orgId, p.curriculum_item_id))!;
  const terms = (await itemTerms(ctx.db, orgId, [item.id])).get(item.id) ?? [];
  const lines = await planLines(ctx.db, orgId, id);
  const [group, subgroup] = await Promise.all([
    p.group_id ? groupNameOf(ctx.db, orgId, p.group_id) : undefined,
    p.subgroup_id ? subgroupNameOf(ctx.db, orgId, p.subgroup_id) : undefined,
  ]);
  const authors = await personNames(ctx.db, orgId, [full.author_person_id]);
  const deciders = await userNames(ctx.db, orgId, [full.decided_by_user_id]);
  // Who follows this plan: the assignments of the subject that have no copy of their own.
  const usedRows = await itemAssignments(ctx.db, orgId, item.id, p.group_id);
  const copies = p.group_id === null ? (await plansOfItems(ctx.db, orgId, [item.id])).filter((c) => c.group_id !== null) : [];
  const seen = new Set<string>();
  const usedBy = usedRows
    .filter((u) =>
      p.group_id !== null
        ? p.subgroup_id === null || u.subgroup_id === p.subgroup_id
        : !copies.some((c) => c.group_id === u.group_id && (c.subgroup_id === null || c.subgroup_id === u.subgroup_id)),
    )
    .map((u) => ({ groupName: u.groupName, subgroupName: u.subgroupName, teacherName: fullName(u) }))
    .filter((u) => {
      const k = `${u.groupName}|${u.subgroupName}|${u.teacherName}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => compareRu(a.groupName, b.groupName));
  const mayWrite = await inReach(ctx, writeReach(ctx), p);
  const writeAll = writeReach(ctx).all;
  const copyTargets: PlanDetail['copyTargets'] = [];
  if (p.group_id === null && mayWrite) {
    const have = (g: number, sg: number | null) => copies.some((c) => c.group_id === g && (c.subgroup_id === null || c.subgroup_id === sg));
    for (const u of usedRows) {
      if (!writeAll && !(await teaches(ctx, item.id, u.group_id, u.subgroup_id))) continue;
      if (have(u.group_id, u.subgroup_id) || copyTargets.some((t) => t.groupId === u.group_id && t.subgroupId === u.subgroup_id)) continue;
      copyTargets.push({ groupId: u.group_id, groupName: u.groupName, subgroupId: u.subgroup_id, subgroupName: u.subgroupName });
    }
    copyTargets.sort((a, b) => compareRu(a.groupName, b.groupName) || compareRu(a.subgroupName ?? '', b.subgroupName ?? ''));
  }
  const mayApprove = await inReach(ctx, approveReach(ctx), p);
  const status = p.status as LessonPlanStatus;
  return {
    id: p.id,
    item: {
      id: item.id,
      code: item.code,
      name: item.name,
      curriculumName: item.curriculumName,
      commissionName: item.commissionName,
      terms,
    },
    groupId: p.group_id,
    groupName: group?.name ?? null,
    subgroupId: p.subgroup_id,
    subgroupName: subgroup?.name ?? null,
    basedOnPlanId: full.based_on_plan_id,
    status,
    remarks: full.remarks,
    version: full.version,
    authorName: full.author_person_id ? (authors.get(full.author_person_id) ?? null) : null,
    submittedAt: full.submitted_at,
    decidedAt: full.decided_at,
    decidedByName: full.decided_by_user_id ? (deciders.get(full.decided_by_user_id) ?? null) : null,
    updatedAt: full.updated_at,
    lines,
    check: hoursCheck(lines, curriculumTotal(terms)),
    usedBy,
    abilities: {
      edit: mayWrite && isPlanEditable(status),
      submit: mayWrite && canMovePlan(status, 'submitted'),
      approve: mayApprove && status === 'submitted',
      revise: mayWrite && status === 'approved',
      remove: mayWrite && status !== 'approved' && status !== 'submitted',
    },
    copyTargets,
  };
}

/** Plans in the caller's scope, e.g. those waiting for approval. */
export async function listPlans(ctx: Ctx, status?: LessonPlanStatus): Promise<{ items: PlanSummary[]; canApprove: boolean }> {
  const orgId = ctx.principal.organizationId;
  // The route's reach (plans:read) with the plans the caller may approve.
  const rows = await plansInReach(ctx.db, reachOf(ctx.principal, [...new Set([...ctx.reach.scopes, ...approveReach(ctx).scopes])]), status);
  const ids = rows.map((r) => r.id);
  const lines = await linesOfPlans(ctx.db, orgId, ids);
  const terms = await itemTerms(ctx.db, orgId, [...new Set(rows.map((r) => r.curriculum_item_id))]);
  const byPlan = new Map<number, { hours: number; lessonType: string; selfStudyHours: number }[]>();
  for (const l of lines) {
    if (!byPlan.has(l.lesson_plan_id)) byPlan.set(l.lesson_plan_id, []);
    byPlan.get(l.lesson_plan_id)!.push({ hours: l.hours, lessonType: l.lesson_type, selfStudyHours: l.self_study_hours });
  }
  return {
    canApprove: approveReach(ctx).scopes.length > 0,
    items: rows.map((r) => {
      const ls = byPlan.get(r.id) ?? [];
      return {
        id: r.id,
        itemId: r.curriculum_item_id,
        code: r.code,
        subjectName: r.name,
        curriculumName: r.curriculumName,
        groupId: r.group_id,
        groupName: r.groupName,
        subgroupId: r.subgroup_id,
        subgroupName: r.subgroupName,
        status: r.status as LessonPlanStatus,
        authorName: r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name!, middle_name: r.middle_name }) : null,
        submittedAt: r.submitted_at,
        updatedAt: r.updated_at,
        hours: ls.reduce((s, l) => s + l.hours, 0),
        matches: checkPlanHours(planHours(ls), curriculumTotal(terms.get(r.curriculum_item_id) ?? [])).matches,
      };
    }),
  };
}

/** The teacher's subjects of the current academic year, each with the plan it follows. */
export async function myPlans(ctx: Ctx): Promise<MyPlans> {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone).catch(() => null);
  if (!term) return { rows: [] };
  const yearTerms = (await termsOf(ctx.db, orgId)).filter((t) => t.yearName === term.yearName);
  const rows = await teacherAssignments(
    ctx.db,
    orgId,
    ctx.principal.personId,
    yearTerms.map((t) => t.id),
  );
  const itemIds = [...new Set(rows.map((r) => r.curriculum_item_id))];
  const plans = await plansOfItems(ctx.db, orgId, itemIds);
  const lines = await linesOfPlans(
    ctx.db,
    orgId,
    plans.map((p) => p.id),
  );
  const terms = await itemTerms(ctx.db, orgId, itemIds);
  const map = new Map<string, MyPlans['rows'][number]>();
  for (const r of rows) {
    const key = `${r.curriculum_item_id}|${r.group_id}|${r.subgroup_id ?? ''}`;
    const t = yearTerms.find((x) => x.id === r.term_id)!;
    const termLabel = `${programTermNo(r.intake_year, t.yearStart, t.number)}-й семестр`;
    const existing = map.get(key);
    if (existing) {
      if (!existing.terms.includes(termLabel)) existing.terms.push(termLabel);
      continue;
    }
    const candidates = plans.filter(
      (p) =>
        p.curriculum_item_id === r.curriculum_item_id &&
        (p.group_id === null || (p.group_id === r.group_id && (p.subgroup_id === null || p.subgroup_id === r.subgroup_id))),
    );
    const rank = (p: (typeof plans)[number]) => (p.group_id === null ? 3 : p.subgroup_id === null ? 2 : 1);
    const best = candidates.sort((x, y) => rank(x) - rank(y))[0];
    const ls = best
      ? lines
          .filter((l) => l.lesson_plan_id === best.id)
          .map((l) => ({ hours: l.hours, lessonType: l.lesson_type, selfStudyHours: l.self_study_hours }))
      : [];
    map.set(key, {
      itemId: r.curriculum_item_id,
      code: r.code,
      subjectName: r.name,
      groupId: r.group_id,
      groupName: r.groupName,
      subgroupId: r.subgroup_id,
      subgroupName: r.subgroupName,
      terms: [termLabel],
      plan: best
        ? {
            id: best.id,
            status: best.status as LessonPlanStatus,
            isCopy: best.group_id !== null,
            matches: checkPlanHours(planHours(ls), curriculumTotal(terms.get(r.curriculum_item_id) ?? [])).matches,
          }
        : null,
    });
  }
  return { rows: [...map.values()].sort((a, b) => compareRu(a.groupName, b.groupName) || a.code.localeCompare(b.code)) };
}
