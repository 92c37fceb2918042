import { scopesFor, type Scope } from '../../domain/permissions.js';
import { forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { itemTaughtTo, planRow, teachesItem, type PlanRow, type PlansReach } from './queries/plans.js';

// Who may read, write and approve a lesson plan (КТП): by the scopes of plans:read, plans:write and plans:approve.

const NOT_FOUND = 'КТП не найден или недоступен вам.';

type PlanTarget = { curriculum_item_id: number; group_id: number | null; subgroup_id: number | null; commission_id: number | null };

/** Does the teacher teach this subject (to the plan's group and subgroup when it is a copy)? */
export const teaches = (ctx: Ctx, itemId: number, groupId: number | null, subgroupId: number | null) =>
  teachesItem(ctx.db, ctx.principal.organizationId, ctx.principal.personId, itemId, groupId, subgroupId);

async function curates(ctx: Ctx, itemId: number, groupId: number | null): Promise<boolean> {
  const groups = ctx.principal.curatorGroupIds;
  if (!groups.length || (groupId !== null && !groups.includes(groupId))) return false;
  return itemTaughtTo(ctx.db, ctx.principal.organizationId, itemId, groupId !== null ? [groupId] : groups);
}

export async function inScope(ctx: Ctx, scopes: readonly Scope[], p: PlanTarget): Promise<boolean> {
  if (scopes.includes('org')) return true;
  if (scopes.includes('commission') && p.commission_id !== null && ctx.principal.commissionIds.includes(p.commission_id)) return true;
  if (scopes.includes('assignment') && (await teaches(ctx, p.curriculum_item_id, p.group_id, p.subgroup_id))) return true;
  if (scopes.includes('group') && (await curates(ctx, p.curriculum_item_id, p.group_id))) return true;
  return false;
}

/** The plans the scopes reach, as a filter of the plans query. */
export function plansReach(ctx: Ctx, scopes: readonly Scope[]): PlansReach {
  if (scopes.includes('org')) return null;
  const me = ctx.principal;
  return {
    commissionIds: scopes.includes('commission') ? me.commissionIds : [],
    teacherPersonId: scopes.includes('assignment') ? me.personId : null,
    curatorGroupIds: scopes.includes('group') ? me.curatorGroupIds : [],
  };
}

export const writeScopes = (ctx: Ctx) => scopesFor(ctx.principal.roles, 'plans:write');
export const approveScopes = (ctx: Ctx) => scopesFor(ctx.principal.roles, 'plans:approve');

/** A plan the caller may read, or 404. */
export async function readablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await planRow(ctx.db, ctx.principal.organizationId, id);
  if (!p) throw notFound(NOT_FOUND);
  const readable = (await inScope(ctx, scopesFor(ctx.principal.roles, 'plans:read'), p)) || (await inScope(ctx, writeScopes(ctx), p)) || (await inScope(ctx, approveScopes(ctx), p));
  if (!readable) throw notFound(NOT_FOUND);
  return p;
}

export async function writablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await readablePlan(ctx, id);
  if (!(await inScope(ctx, writeScopes(ctx), p))) throw forbidden('Изменять КТП может преподаватель, который ведёт эту дисциплину, или методист.');
  return p;
}

export async function assertWritable(ctx: Ctx, target: PlanTarget, message: string): Promise<void> {
  if (!(await inScope(ctx, writeScopes(ctx), target))) throw forbidden(message);
}
