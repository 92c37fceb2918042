import type { Curriculum, ImportResult, ItemBody } from '../../contracts/curriculum.js';
import { cycleOfCode, itemKindOfCode, moduleNumberOfCode } from '../../domain/curriculum.js';
import { diffItems } from '../../domain/plx.js';
import { compareRu, searchKey } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import type { Tx } from '../platform/db.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { assertRowLimit, badRequest, conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { curriculumRow, getCurriculum } from './curricula-service.js';
import { itemTerms, replaceItemTerms } from './queries.js';
import * as q from './queries/curricula.js';
import { parseCurriculumWorkbook } from './xlsx.js';

// The items (disciplines, МДК, practices) of a curriculum: typed in one by one or loaded from a workbook.

async function resolveParent(
  tx: Tx,
  orgId: number,
  curriculumId: number,
  code: string,
  parentId: number | null | undefined,
): Promise<number | null> {
  if (parentId) {
    const p = await q.itemRow(tx, orgId, curriculumId, parentId);
    if (!p) throw fieldError('parentId', 'Модуль не найден в этом учебном плане.');
    return p.id;
  }
  const kind = itemKindOfCode(code);
  const n = moduleNumberOfCode(code);
  if (kind === 'module' || !n || !['mdk', 'educational_practice', 'industrial_practice', 'module_exam'].includes(kind)) return null;
  const parent = await q.itemByCode(tx, orgId, curriculumId, `ПМ.${n}`);
  return parent?.id ?? null;
}

async function validCommission(ctx: Ctx, id: number | null | undefined): Promise<number | null> {
  if (!id) return null;
  const c = await q.commissionById(ctx.db, ctx.principal.organizationId, id);
  if (!c) throw fieldError('commissionId', 'Выберите ПЦК колледжа.');
  return c.id;
}

function assertUniqueTerms(body: ItemBody) {
  const seen = new Set<number>();
  for (const t of body.terms) {
    if (seen.has(t.termNo)) throw badRequest(`Семестр ${t.termNo} указан дважды.`, { terms: `Семестр ${t.termNo} указан дважды` });
    seen.add(t.termNo);
  }
}

export async function createItem(ctx: Ctx, curriculumId: number, body: ItemBody): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  assertUniqueTerms(body);
  const commissionId = await validCommission(ctx, body.commissionId);
  await ctx.db.transaction().execute(async (tx) => {
    const dup = await q.itemByCode(tx, orgId, curriculumId, body.code);
    if (dup) throw fieldError('code', `Индекс ${body.code} уже есть в этом плане.`);
    const last = await q.lastItemPosition(tx, orgId, curriculumId);
    const id = await q.insertItem(tx, orgId, curriculumId, {
      parent_id: await resolveParent(tx, orgId, curriculumId, body.code, body.parentId),
      cycle: cycleOfCode(body.code),
      code: body.code,
      name: body.name,
      kind: itemKindOfCode(body.code),
      commission_id: commissionId,
      position: last + 10,
    });
    await replaceItemTerms(tx, orgId, id, body.terms);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum_item.create',
      entity: 'curriculum_item',
      entityId: id,
      after: body,
      ip: ctx.ip,
    });
  });
  return getCurriculum(ctx, curriculumId);
}

export async function updateItem(ctx: Ctx, curriculumId: number, itemId: number, body: ItemBody): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  assertUniqueTerms(body);
  const item = await q.itemRow(ctx.db, orgId, curriculumId, itemId);
  if (!item) throw notFound('Дисциплина не найдена в этом учебном плане.');
  const commissionId = await validCommission(ctx, body.commissionId);
  const before = {
    code: item.code,
    name: item.name,
    commissionId: item.commission_id,
    terms: (await itemTerms(ctx.db, orgId, [itemId])).get(itemId) ?? [],
  };
  await ctx.db.transaction().execute(async (tx) => {
    const dup = await q.itemByCode(tx, orgId, curriculumId, body.code, itemId);
    if (dup) throw fieldError('code', `Индекс ${body.code} уже есть в этом плане.`);
    await q.updateItemRow(tx, orgId, itemId, {
      code: body.code,
      name: body.name,
      cycle: cycleOfCode(body.code),
      kind: itemKindOfCode(body.code),
      commission_id: commissionId,
      parent_id: await resolveParent(tx, orgId, curriculumId, body.code, body.parentId),
    });
    await replaceItemTerms(tx, orgId, itemId, body.terms);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum_item.update',
      entity: 'curriculum_item',
      entityId: itemId,
      before,
      after: body,
      ip: ctx.ip,
    });
  });
  return getCurriculum(ctx, curriculumId);
}

export async function deleteItem(ctx: Ctx, curriculumId: number, itemId: number): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  const item = await q.itemRow(ctx.db, orgId, curriculumId, itemId);
  if (!item) throw notFound('Дисциплина не найдена в этом учебном плане.');
  const ids = [itemId, ...(await q.childItemIds(ctx.db, orgId, itemId))];
  if (await q.itemsHaveLoad(ctx.db, orgId, ids))
    throw conflict(
      `По «${item.code} ${item.name}» уже распределена нагрузка — удалить нельзя. Сначала снимите нагрузку на странице «Нагрузка».`,
    );
  await ctx.db.transaction().execute(async (tx) => {
    await q.deleteItemRow(tx, orgId, itemId);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum_item.delete',
      entity: 'curriculum_item',
      entityId: itemId,
      before: { code: item.code, name: item.name },
      ip: ctx.ip,
    });
  });
  return getCurriculum(ctx, curriculumId);
}

/** Upserts items by index from an XLSX file; nothing is written when a row is wrong or on a dry run. */
export async function importCurriculum(
  ctx: Ctx,
  curriculumId: number,
  body: { fileName: string; contentBase64: string; dryRun?: boolean },
): Promise<ImportResult> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  const parsed = await parseCurriculumWorkbook(Buffer.from(body.contentBase64, 'base64'));
  assertRowLimit(UPLOAD_LIMITS.curriculum, parsed.rows);
  const errors = [...parsed.errors];
  const commissions = await q.commissions(ctx.db, orgId);
  const commissionOf = new Map<string, number | null>();
  for (const it of parsed.items) {
    if (!it.commission) {
      commissionOf.set(it.code, null);
      continue;
    }
    const k = searchKey(it.commission);
    const found = commissions.find((c) => searchKey(c.name) === k) ?? commissions.find((c) => searchKey(c.name).includes(k));
    if (!found)
      errors.push({
        row: it.row,
        message: `ПЦК «${it.commission}» не найдена (есть: ${commissions
          .map((c) => c.name)
          .sort(compareRu)
          .join('; ')})`,
      });
    commissionOf.set(it.code, found?.id ?? null);
  }
  const existing = await q.itemCodes(ctx.db, orgId, curriculumId);
  // An item whose name, hours, forms and ПЦК are those of the file is counted as unchanged, not updated.
  const oldTerms = await itemTerms(
    ctx.db,
    orgId,
    existing.map((e) => e.id),
  );
  const changes = diffItems(
    existing.map((e) => ({ id: e.id, code: e.code, name: e.name, terms: oldTerms.get(e.id) ?? [], assignments: 0, lessons: 0 })),
    parsed.items.map((i) => ({ code: i.code, name: i.name, terms: i.terms.map((t) => ({ ...t, extraForms: t.extraForms ?? [] })) })),
  );
  const changed = new Set(changes.filter((c) => c.change === 'update').map((c) => c.code));
  for (const e of existing) if (commissionOf.has(e.code) && commissionOf.get(e.code) !== e.commission_id) changed.add(e.code);
  const created = changes.filter((c) => c.change === 'add').length;
  const result = {
    dryRun: !!body.dryRun,
    created,
    updated: changed.size,
    unchanged: parsed.items.length - created - changed.size,
    errors: errors.sort((a, b) => a.row - b.row),
  };
  if (errors.length || body.dryRun) return errors.length ? { ...result, created: 0, updated: 0, unchanged: 0 } : result;
  await ctx.db.transaction().execute(async (tx) => {
    const position = await q.lastItemPosition(tx, orgId, curriculumId);
    // Modules first, so that МДК and practices find their parent.
    const ordered = [...parsed.items].sort(
      (a, b) => Number(itemKindOfCode(b.code) === 'module') - Number(itemKindOfCode(a.code) === 'module'),
    );
    const fileOrder = new Map(parsed.items.map((it, i) => [it.code, i]));
    for (const it of ordered) {
      const found = existing.find((e) => e.code === it.code);
      const values = {
        name: it.name,
        cycle: cycleOfCode(it.code),
        kind: itemKindOfCode(it.code),
        commission_id: commissionOf.get(it.code) ?? null,
      };
      let id: number;
      if (found) {
        await q.updateItemRow(tx, orgId, found.id, values);
        id = found.id;
      } else {
        id = await q.insertItem(tx, orgId, curriculumId, {
          parent_id: await resolveParent(tx, orgId, curriculumId, it.code, null),
          code: it.code,
          position: position + 10 * (fileOrder.get(it.code)! + 1),
          ...values,
        });
      }
      await replaceItemTerms(tx, orgId, id, it.terms);
    }
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum.import',
      entity: 'curriculum',
      entityId: curriculumId,
      after: { created: result.created, updated: result.updated },
      reason: `Загрузка из файла «${body.fileName}»`,
      ip: ctx.ip,
    });
  });
  return result;
}
