import type { PlanDetail } from '../../contracts/curriculum.js';
import { canMovePlan, type LessonPlanStatus } from '../../domain/curriculum.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { badRequest, conflict, forbidden, HttpError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { approveReach, inReach, readablePlan, writablePlan } from './plans-access.js';
import { curriculumTotal, getPlan, hoursCheck } from './plans-read.js';
import { itemTerms } from './queries.js';
import { deletePlanRow, planLines, updatePlanAt, type PlanRow } from './queries/plans.js';

// The way of a lesson plan (КТП): submitted, approved or returned, revised, deleted.

async function move(ctx: Ctx, p: PlanRow, to: LessonPlanStatus, set: Record<string, unknown>, reason: string | null = null): Promise<void> {
  if (!canMovePlan(p.status as LessonPlanStatus, to)) throw conflict('Состояние КТП уже изменилось. Обновите страницу.');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await updatePlanAt(tx, ctx.principal.organizationId, p, { status: to, ...set }, nowIso())))
      throw conflict('КТП только что изменили в другом окне. Обновите страницу и повторите.');
    await audit(tx, {
      organizationId: ctx.principal.organizationId,
      actorUserId: ctx.principal.userId,
      action: `lesson_plan.${to}`,
      entity: 'lesson_plan',
      entityId: p.id,
      before: { status: p.status },
      after: { status: to },
      reason,
      ip: ctx.ip,
    });
  });
}

/** п. 3.13: a plan whose hours differ from the curriculum can be neither submitted nor approved. */
async function assertHoursMatch(ctx: Ctx, p: PlanRow, action: string): Promise<void> {
  const orgId = ctx.principal.organizationId;
  const lines = await planLines(ctx.db, orgId, p.id);
  if (!lines.length) throw badRequest('В КТП нет ни одного занятия. Добавьте занятия или загрузите КТП из файла.');
  const terms = (await itemTerms(ctx.db, orgId, [p.curriculum_item_id])).get(p.curriculum_item_id) ?? [];
  const check = hoursCheck(lines, curriculumTotal(terms));
  if (!check.matches) {
    throw new HttpError(
      409,
      'hours_mismatch',
      `${action} нельзя: часы КТП не совпадают с учебным планом (п. 3.13). ${check.messages.join('; ')}.`,
      undefined,
      { check },
    );
  }
}

export async function submitPlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const p = await writablePlan(ctx, id);
  if (!canMovePlan(p.status as LessonPlanStatus, 'submitted'))
    throw conflict(
      p.status === 'submitted'
        ? 'КТП уже на согласовании.'
        : 'Утверждённый КТП не отправляют повторно. Чтобы изменить его, нажмите «Внести изменения».',
    );
  await assertHoursMatch(ctx, p, 'Отправить на согласование');
  await move(ctx, p, 'submitted', { submitted_at: nowIso(), submitted_by_user_id: ctx.principal.userId, remarks: null });
  return getPlan(ctx, id);
}

async function decidablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await readablePlan(ctx, id);
  if (!(await inReach(ctx, approveReach(ctx), p)))
    throw forbidden('Утверждает КТП председатель ПЦК этой дисциплины, методист или заместитель директора.');
  if (p.status !== 'submitted') throw conflict('КТП не на согласовании: утвердить или вернуть можно только отправленный КТП.');
  return p;
}

export async function approvePlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const p = await decidablePlan(ctx, id);
  await assertHoursMatch(ctx, p, 'Утвердить КТП');
  await move(ctx, p, 'approved', { decided_at: nowIso(), decided_by_user_id: ctx.principal.userId, remarks: null });
  return getPlan(ctx, id);
}

export async function returnPlan(ctx: Ctx, id: number, remarks: string): Promise<PlanDetail> {
  const p = await decidablePlan(ctx, id);
  await move(ctx, p, 'returned', { decided_at: nowIso(), decided_by_user_id: ctx.principal.userId, remarks }, remarks);
  return getPlan(ctx, id);
}

export async function revisePlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const p = await writablePlan(ctx, id);
  if (p.status !== 'approved') throw conflict('Изменения вносят в утверждённый КТП; этот КТП и так можно редактировать.');
  await move(ctx, p, 'draft', {});
  return getPlan(ctx, id);
}

export async function deletePlan(ctx: Ctx, id: number): Promise<void> {
  const p = await writablePlan(ctx, id);
  if (p.status === 'approved' || p.status === 'submitted')
    throw conflict('Утверждённый или отправленный на согласование КТП удалить нельзя.');
  await ctx.db.transaction().execute(async (tx) => {
    await deletePlanRow(tx, ctx.principal.organizationId, p.id);
    await audit(tx, {
      organizationId: ctx.principal.organizationId,
      actorUserId: ctx.principal.userId,
      action: 'lesson_plan.delete',
      entity: 'lesson_plan',
      entityId: p.id,
      before: { status: p.status, curriculumItemId: p.curriculum_item_id, groupId: p.group_id },
      ip: ctx.ip,
    });
  });
}
