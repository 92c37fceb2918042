import type { Permission } from '../../domain/permissions.js';
import { forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { reachOf, type Reach } from '../platform/reach.js';
import { itemTaughtTo, planRow, teachesItem, type PlanRow } from './queries/plans.js';
import { scopesOf } from '../platform/access.js';

// Who may read, write and approve a lesson plan (КТП): the caller's reach (platform/reach) under
// plans:read, plans:write and plans:approve.

const NOT_FOUND = 'КТП не найден или недоступен вам.';

type PlanTarget = { curriculum_item_id: number; group_id: number | null; subgroup_id: number | null; commission_id: number | null };

/** The caller's reach under a permission of plans. */
export const plansReachOf = (ctx: Ctx, permission: Permission) => reachOf(ctx.principal, scopesOf(ctx.principal, permission));
export const writeReach = (ctx: Ctx) => plansReachOf(ctx, 'plans:write');
export const approveReach = (ctx: Ctx) => plansReachOf(ctx, 'plans:approve');

/** Does the teacher teach this subject (to the plan's group and subgroup when it is a copy)? */
export const teaches = (ctx: Ctx, itemId: number, groupId: number | null, subgroupId: number | null) =>
  teachesItem(ctx.db, ctx.principal.organizationId, ctx.principal.personId, itemId, groupId, subgroupId);

/** Is the subject taught to the plan's group (or, for the base, to any group) the caller curates? */
async function curates(ctx: Ctx, r: Reach, itemId: number, groupId: number | null): Promise<boolean> {
  const groups = r.curatorGroupIds;
  if (!groups.length || (groupId !== null && !groups.includes(groupId))) return false;
  return itemTaughtTo(ctx.db, r.orgId, itemId, groupId !== null ? [groupId] : [...groups]);
}

/** Whether a plan is within the reach: of the organization, of a chaired commission, of a subject taught or of a curated group. */
export async function inReach(ctx: Ctx, r: Reach, p: PlanTarget): Promise<boolean> {
  if (r.all) return true;
  if (p.commission_id !== null && r.commissionIds.includes(p.commission_id)) return true;
  if (r.teaches && (await teaches(ctx, p.curriculum_item_id, p.group_id, p.subgroup_id))) return true;
  return curates(ctx, r, p.curriculum_item_id, p.group_id);
}

/** A plan the caller may read, or 404. */
export async function readablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await planRow(ctx.db, ctx.principal.organizationId, id);
  if (!p) throw notFound(NOT_FOUND);
  const readable =
    (await inReach(ctx, plansReachOf(ctx, 'plans:read'), p)) ||
    (await inReach(ctx, writeReach(ctx), p)) ||
    (await inReach(ctx, approveReach(ctx), p));
  if (!readable) throw notFound(NOT_FOUND);
  return p;
}

export async function writablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await readablePlan(ctx, id);
  if (!(await inReach(ctx, writeReach(ctx), p)))
    throw forbidden('Изменять КТП может преподаватель, который ведёт эту дисциплину, или методист.');
  return p;
}

export async function assertWritable(ctx: Ctx, target: PlanTarget, message: string): Promise<void> {
  if (!(await inReach(ctx, writeReach(ctx), target))) throw forbidden(message);
}
