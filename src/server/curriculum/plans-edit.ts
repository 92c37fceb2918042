import type { PlanDetail, PlanLine } from '../../contracts/curriculum.js';
import { isPlanEditable } from '../../domain/curriculum.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Tx } from '../platform/db.js';
import { assertRowLimit, badRequest, conflict, fieldError, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { assertWritable, writablePlan } from './plans-access.js';
import { getPlan } from './plans-read.js';
import { itemWithCurriculum } from './queries.js';
import { groupRow } from './queries/load.js';
import { insertPlan, planLines, plansOfItems, replacePlanLines, subgroupOfGroup, updatePlanAt, type PlanRow } from './queries/plans.js';
import { parsePlanWorkbook } from './xlsx.js';

// Writing lesson plans (КТП): a new plan or a group's copy, its lines typed in or loaded from a file.

/** A new КТП: the shared base of a subject, or a group's (subgroup's) copy of the base. */
export async function createPlan(
  ctx: Ctx,
  body: { curriculumItemId: number; groupId?: number | null; subgroupId?: number | null },
): Promise<PlanDetail> {
  const orgId = ctx.principal.organizationId;
  const item = await itemWithCurriculum(ctx.db, orgId, body.curriculumItemId);
  if (!item) throw notFound('Дисциплина не найдена в учебных планах колледжа.');
  if (item.kind === 'module') throw badRequest('КТП составляют на дисциплину, МДК, практику или ГИА, а не на модуль целиком.');
  const groupId = body.groupId ?? null;
  const subgroupId = groupId === null ? null : (body.subgroupId ?? null);
  if (groupId !== null) {
    const g = await groupRow(ctx.db, orgId, groupId);
    if (!g) throw notFound('Группа не найдена.');
    // A group's copy is for a group that studies by this curriculum.
    if (g.program_id !== item.program_id || g.intake_year !== item.intake_year)
      throw fieldError('groupId', `Группа ${g.name} учится не по учебному плану «${item.curriculumName}»: копия КТП для неё не нужна.`);
    if (subgroupId !== null && !(await subgroupOfGroup(ctx.db, orgId, subgroupId, groupId))) {
      throw badRequest('Подгруппа не относится к этой группе.', { subgroupId: 'Выберите подгруппу этой группы' });
    }
  }
  const target = { curriculum_item_id: item.id, group_id: groupId, subgroup_id: subgroupId, commission_id: item.commission_id };
  await assertWritable(
    ctx,
    target,
    groupId === null
      ? 'Общий КТП составляет преподаватель, который ведёт эту дисциплину, или методист.'
      : 'Копию КТП для группы делает преподаватель этой группы по этой дисциплине.',
  );
  const existing = await plansOfItems(ctx.db, orgId, [item.id]);
  const same = existing.find((p) => p.group_id === groupId && p.subgroup_id === subgroupId);
  if (same)
    throw conflict(
      groupId === null ? 'Общий КТП по этой дисциплине уже есть — откройте его.' : 'У этой группы уже есть своя копия КТП — откройте её.',
      { planId: same.id },
    );
  const base = groupId !== null ? (existing.find((p) => p.group_id === null) ?? null) : null;
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await insertPlan(tx, orgId, {
      itemId: item.id,
      groupId,
      subgroupId,
      basedOnPlanId: base?.id ?? null,
      authorPersonId: ctx.principal.personId,
      at: now,
    });
    if (base) await replacePlanLines(tx, orgId, created, await planLines(tx, orgId, base.id));
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'lesson_plan.create',
      entity: 'lesson_plan',
      entityId: created,
      after: { curriculumItemId: item.id, groupId, subgroupId, basedOnPlanId: base?.id ?? null },
      ip: ctx.ip,
    });
    return created;
  });
  return getPlan(ctx, id);
}

async function writeLines(tx: Tx, ctx: Ctx, p: PlanRow, lines: PlanLine[], action: string, reason: string | null = null): Promise<void> {
  const orgId = ctx.principal.organizationId;
  const before = await planLines(tx, orgId, p.id);
  const rows = lines.map((l, i) => ({
    position: i + 1,
    section: l.section?.trim() || null,
    topic: l.topic.trim(),
    hours: l.hours,
    lessonType: l.lessonType,
    selfStudyTask: l.selfStudyTask?.trim() || null,
    selfStudyHours: l.selfStudyHours ?? 0,
  }));
  await replacePlanLines(tx, orgId, p.id, rows);
  if (!(await updatePlanAt(tx, orgId, p, {}, nowIso())))
    throw conflict('КТП только что изменили в другом окне. Обновите страницу и повторите.');
  const sum = (ls: { hours: number }[]) => ls.reduce((s, l) => s + l.hours, 0);
  await audit(tx, {
    organizationId: orgId,
    actorUserId: ctx.principal.userId,
    action,
    entity: 'lesson_plan',
    entityId: p.id,
    before: { lines: before.length, hours: sum(before) },
    after: { lines: rows.length, hours: sum(rows) },
    reason,
    ip: ctx.ip,
  });
}

function assertEditable(p: PlanRow) {
  if (!isPlanEditable(p.status)) {
    throw conflict(
      p.status === 'submitted'
        ? 'КТП на согласовании: изменить его можно после того, как его вернут на доработку.'
        : 'КТП утверждён. Чтобы изменить его, нажмите «Внести изменения» — он вернётся в черновик и потребует нового утверждения.',
    );
  }
}

export async function saveLines(ctx: Ctx, id: number, body: { version: number; lines: PlanLine[] }): Promise<PlanDetail> {
  const p = await writablePlan(ctx, id);
  assertEditable(p);
  if (body.version !== p.version) throw conflict('КТП только что изменили в другом окне. Обновите страницу и повторите.');
  await ctx.db.transaction().execute((tx) => writeLines(tx, ctx, p, body.lines, 'lesson_plan.save'));
  return getPlan(ctx, id);
}

export async function importPlan(
  ctx: Ctx,
  id: number,
  body: { fileName: string; contentBase64: string },
): Promise<{ plan: PlanDetail; imported: number; warnings: string[] }> {
  const p = await writablePlan(ctx, id);
  assertEditable(p);
  const parsed = await parsePlanWorkbook(Buffer.from(body.contentBase64, 'base64'));
  // The editor's cap (SaveLinesBody) holds for a file too.
  assertRowLimit(UPLOAD_LIMITS.lessonPlan, parsed.lines.length);
  if (parsed.errors.length) {
    throw new HttpError(
      400,
      'import_failed',
      `Файл «${body.fileName}» не загружен: ${parsed.errors.slice(0, 5).join('; ')}${parsed.errors.length > 5 ? ` и ещё ${parsed.errors.length - 5}` : ''}. Исправьте файл и загрузите снова.`,
      undefined,
      { errors: parsed.errors },
    );
  }
  if (!parsed.lines.length)
    throw badRequest(`В файле «${body.fileName}» не найдено ни одного занятия. Скачайте шаблон КТП и заполните его.`);
  await ctx.db
    .transaction()
    .execute((tx) => writeLines(tx, ctx, p, parsed.lines, 'lesson_plan.import', `Загрузка из файла «${body.fileName}»`));
  return { plan: await getPlan(ctx, id), imported: parsed.lines.length, warnings: parsed.warnings };
}
