import type { Curriculum, CurriculumList, ImportResult, ItemBody } from '../../contracts/curriculum.js';
import { addHours, cycleOfCode, itemKindOfCode, moduleNumberOfCode, weeklyLoad, zeroHours } from '../../domain/curriculum.js';
import { scopesFor } from '../../domain/permissions.js';
import { compareRu, searchKey } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import type { Tx } from '../platform/db.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { assertRowLimit, badRequest, conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { itemTerms, replaceItemTerms } from './queries.js';
import { parseCurriculumWorkbook } from './xlsx.js';

/** Typical weeks of study in the autumn and spring terms of a СПО calendar. */
const DEFAULT_WEEKS = [17, 22, 17, 22, 17, 22, 17, 22];

const canEdit = (ctx: Ctx) => scopesFor(ctx.principal.roles, 'curriculum:write').includes('org');

export async function listCurricula(ctx: Ctx, programId?: number): Promise<CurriculumList> {
  const orgId = ctx.principal.organizationId;
  const [rows, programs, commissions, counts, groups] = await Promise.all([
    ctx.db.selectFrom('curricula as c').innerJoin('programs as p', 'p.id', 'c.program_id')
      .select(['c.id', 'c.program_id', 'c.intake_year', 'c.name', 'c.status', 'p.code', 'p.name as programName'])
      .where('c.organization_id', '=', orgId).$if(!!programId, (q) => q.where('c.program_id', '=', programId!))
      .orderBy('p.code').orderBy('c.intake_year', 'desc').execute(),
    ctx.db.selectFrom('programs').select(['id', 'code', 'name']).where('organization_id', '=', orgId).orderBy('code').execute(),
    ctx.db.selectFrom('subject_commissions').select(['id', 'name']).where('organization_id', '=', orgId).orderBy('name').execute(),
    ctx.db.selectFrom('curriculum_items').select(['curriculum_id', (eb) => eb.fn.countAll<number>().as('n')]).where('organization_id', '=', orgId).groupBy('curriculum_id').execute(),
    ctx.db.selectFrom('groups').select(['id', 'name', 'program_id', 'intake_year', 'sort_key']).where('organization_id', '=', orgId).where('status', '=', 'active').orderBy('sort_key').execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id, programId: r.program_id, programCode: r.code, programName: r.programName, intakeYear: r.intake_year, name: r.name, status: r.status,
      items: Number(counts.find((c) => c.curriculum_id === r.id)?.n ?? 0),
      groups: groups.filter((g) => g.program_id === r.program_id && g.intake_year === r.intake_year).map((g) => ({ id: g.id, name: g.name })),
    })),
    programs, commissions, canEdit: canEdit(ctx),
  };
}

async function curriculumRow(ctx: Ctx, id: number) {
  const c = await ctx.db.selectFrom('curricula as c').innerJoin('programs as p', 'p.id', 'c.program_id')
    .select(['c.id', 'c.program_id', 'c.intake_year', 'c.name', 'c.status', 'c.term_weeks', 'p.code', 'p.name as programName'])
    .where('c.id', '=', id).where('c.organization_id', '=', ctx.principal.organizationId).executeTakeFirst();
  if (!c) throw notFound('Учебный план не найден.');
  return c;
}

export async function getCurriculum(ctx: Ctx, id: number): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  const c = await curriculumRow(ctx, id);
  const [items, groups, used] = await Promise.all([
    ctx.db.selectFrom('curriculum_items as ci').leftJoin('subject_commissions as sc', 'sc.id', 'ci.commission_id')
      .select(['ci.id', 'ci.parent_id', 'ci.cycle', 'ci.code', 'ci.name', 'ci.kind', 'ci.commission_id', 'ci.position', 'sc.name as commissionName'])
      .where('ci.curriculum_id', '=', id).where('ci.organization_id', '=', orgId).orderBy('ci.position').orderBy('ci.id').execute(),
    ctx.db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('program_id', '=', c.program_id).where('intake_year', '=', c.intake_year).where('status', '=', 'active').orderBy('sort_key').execute(),
    ctx.db.selectFrom('assignments as a').innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
      .select(['a.curriculum_item_id', (eb) => eb.fn.countAll<number>().as('n')]).where('ci.curriculum_id', '=', id).where('a.organization_id', '=', orgId).groupBy('a.curriculum_item_id').execute(),
  ]);
  const terms = await itemTerms(ctx.db, orgId, items.map((i) => i.id));
  const weeks = parseWeeks(c.term_weeks);
  const totals = Array.from({ length: 8 }, (_, i) => {
    let h = zeroHours();
    for (const it of items) for (const t of terms.get(it.id) ?? []) if (t.termNo === i + 1) h = addHours(h, t.hours);
    return { termNo: i + 1, hours: h, weeklyLoad: weeklyLoad(h, weeks[i]) };
  });
  return {
    id: c.id, programId: c.program_id, programCode: c.code, programName: c.programName, intakeYear: c.intake_year, name: c.name, status: c.status,
    items: items.map((i) => {
      const ts = terms.get(i.id) ?? [];
      return {
        id: i.id, parentId: i.parent_id, cycle: i.cycle, code: i.code, name: i.name, kind: i.kind, commissionId: i.commission_id, commissionName: i.commissionName, position: i.position,
        terms: ts, total: ts.reduce((s, t) => addHours(s, t.hours), zeroHours()), assignments: Number(used.find((u) => u.curriculum_item_id === i.id)?.n ?? 0),
      };
    }),
    groups, termWeeks: weeks, totals, canEdit: canEdit(ctx),
  };
}

function parseWeeks(raw: string | null): number[] {
  try {
    const w = raw ? (JSON.parse(raw) as unknown) : null;
    if (Array.isArray(w) && w.length === 8 && w.every((x) => Number.isInteger(x) && x > 0)) return w as number[];
  } catch {
    /* the default below */
  }
  return DEFAULT_WEEKS;
}

export async function createCurriculum(ctx: Ctx, body: { programId: number; intakeYear: number; name?: string; copyFromId?: number | null }): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  const program = await ctx.db.selectFrom('programs').select(['id', 'code', 'name']).where('id', '=', body.programId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!program) throw fieldError('programId', 'Выберите специальность (профессию) колледжа.');
  const dup = await ctx.db.selectFrom('curricula').select('id').where('organization_id', '=', orgId).where('program_id', '=', program.id).where('intake_year', '=', body.intakeYear).executeTakeFirst();
  if (dup) throw conflict(`Учебный план ${program.code} набора ${body.intakeYear} года уже есть — откройте его.`, { curriculumId: dup.id });
  const source = body.copyFromId ? await curriculumRow(ctx, body.copyFromId) : null;
  const id = await ctx.db.transaction().execute(async (tx) => {
    const c = await tx.insertInto('curricula').values({
      organization_id: orgId, program_id: program.id, intake_year: body.intakeYear, name: body.name?.trim() || `${program.code} ${program.name}, набор ${body.intakeYear} года`, status: 'draft',
      term_weeks: source?.term_weeks ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    if (source) await copyItems(tx, orgId, source.id, c.id);
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum.create', entity: 'curriculum', entityId: c.id, after: { programId: program.id, intakeYear: body.intakeYear, copyFromId: source?.id ?? null }, ip: ctx.ip });
    return c.id;
  });
  return getCurriculum(ctx, id);
}

async function copyItems(tx: Tx, orgId: number, fromId: number, toId: number) {
  const items = await tx.selectFrom('curriculum_items').selectAll().where('curriculum_id', '=', fromId).where('organization_id', '=', orgId).orderBy('parent_id').orderBy('id').execute();
  const terms = await itemTerms(tx, orgId, items.map((i) => i.id));
  const idMap = new Map<number, number>();
  // Parents first: items without a parent, then their children.
  for (const it of [...items.filter((i) => i.parent_id === null), ...items.filter((i) => i.parent_id !== null)]) {
    const r = await tx.insertInto('curriculum_items').values({
      organization_id: orgId, curriculum_id: toId, parent_id: it.parent_id !== null ? idMap.get(it.parent_id) ?? null : null, cycle: it.cycle, code: it.code, name: it.name, kind: it.kind, commission_id: it.commission_id, position: it.position,
    }).returning('id').executeTakeFirstOrThrow();
    idMap.set(it.id, r.id);
    await replaceItemTerms(tx, orgId, r.id, terms.get(it.id) ?? []);
  }
}

export async function updateCurriculum(ctx: Ctx, id: number, body: { name?: string; status?: 'draft' | 'approved'; termWeeks?: number[] }): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  const c = await curriculumRow(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('curricula').set({
      ...(body.name ? { name: body.name } : {}), ...(body.status ? { status: body.status } : {}), ...(body.termWeeks ? { term_weeks: JSON.stringify(body.termWeeks) } : {}),
    }).where('id', '=', id).execute();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum.update', entity: 'curriculum', entityId: id, before: { name: c.name, status: c.status, termWeeks: c.term_weeks }, after: body, ip: ctx.ip });
  });
  return getCurriculum(ctx, id);
}

export async function deleteCurriculum(ctx: Ctx, id: number): Promise<void> {
  const orgId = ctx.principal.organizationId;
  const c = await curriculumRow(ctx, id);
  const used = await ctx.db.selectFrom('assignments as a').innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id').select('a.id').where('ci.curriculum_id', '=', id).executeTakeFirst();
  if (used) throw conflict('По этому учебному плану уже распределена нагрузка — удалить его нельзя. Снимите нагрузку или оставьте план.');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('curricula').where('id', '=', id).where('organization_id', '=', orgId).execute();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum.delete', entity: 'curriculum', entityId: id, before: { name: c.name }, ip: ctx.ip });
  });
}

async function resolveParent(tx: Tx, orgId: number, curriculumId: number, code: string, parentId: number | null | undefined): Promise<number | null> {
  if (parentId) {
    const p = await tx.selectFrom('curriculum_items').select(['id', 'kind']).where('id', '=', parentId).where('curriculum_id', '=', curriculumId).where('organization_id', '=', orgId).executeTakeFirst();
    if (!p) throw fieldError('parentId', 'Модуль не найден в этом учебном плане.');
    return p.id;
  }
  const kind = itemKindOfCode(code);
  const n = moduleNumberOfCode(code);
  if (kind === 'module' || !n || !['mdk', 'educational_practice', 'industrial_practice', 'module_exam'].includes(kind)) return null;
  const parent = await tx.selectFrom('curriculum_items').select('id').where('curriculum_id', '=', curriculumId).where('organization_id', '=', orgId).where('code', '=', `ПМ.${n}`).executeTakeFirst();
  return parent?.id ?? null;
}

async function validCommission(ctx: Ctx, id: number | null | undefined): Promise<number | null> {
  if (!id) return null;
  const c = await ctx.db.selectFrom('subject_commissions').select('id').where('id', '=', id).where('organization_id', '=', ctx.principal.organizationId).executeTakeFirst();
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
    const dup = await tx.selectFrom('curriculum_items').select('id').where('curriculum_id', '=', curriculumId).where('code', '=', body.code).executeTakeFirst();
    if (dup) throw fieldError('code', `Индекс ${body.code} уже есть в этом плане.`);
    const last = await tx.selectFrom('curriculum_items').select((eb) => eb.fn.max('position').as('m')).where('curriculum_id', '=', curriculumId).executeTakeFirst();
    const r = await tx.insertInto('curriculum_items').values({
      organization_id: orgId, curriculum_id: curriculumId, parent_id: await resolveParent(tx, orgId, curriculumId, body.code, body.parentId), cycle: cycleOfCode(body.code), code: body.code,
      name: body.name, kind: itemKindOfCode(body.code), commission_id: commissionId, position: Number(last?.m ?? 0) + 10,
    }).returning('id').executeTakeFirstOrThrow();
    await replaceItemTerms(tx, orgId, r.id, body.terms);
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum_item.create', entity: 'curriculum_item', entityId: r.id, after: body, ip: ctx.ip });
  });
  return getCurriculum(ctx, curriculumId);
}

export async function updateItem(ctx: Ctx, curriculumId: number, itemId: number, body: ItemBody): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  assertUniqueTerms(body);
  const item = await ctx.db.selectFrom('curriculum_items').selectAll().where('id', '=', itemId).where('curriculum_id', '=', curriculumId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!item) throw notFound('Дисциплина не найдена в этом учебном плане.');
  const commissionId = await validCommission(ctx, body.commissionId);
  const before = { code: item.code, name: item.name, commissionId: item.commission_id, terms: (await itemTerms(ctx.db, orgId, [itemId])).get(itemId) ?? [] };
  await ctx.db.transaction().execute(async (tx) => {
    const dup = await tx.selectFrom('curriculum_items').select('id').where('curriculum_id', '=', curriculumId).where('code', '=', body.code).where('id', '!=', itemId).executeTakeFirst();
    if (dup) throw fieldError('code', `Индекс ${body.code} уже есть в этом плане.`);
    await tx.updateTable('curriculum_items').set({
      code: body.code, name: body.name, cycle: cycleOfCode(body.code), kind: itemKindOfCode(body.code), commission_id: commissionId,
      parent_id: await resolveParent(tx, orgId, curriculumId, body.code, body.parentId),
    }).where('id', '=', itemId).execute();
    await replaceItemTerms(tx, orgId, itemId, body.terms);
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum_item.update', entity: 'curriculum_item', entityId: itemId, before, after: body, ip: ctx.ip });
  });
  return getCurriculum(ctx, curriculumId);
}

export async function deleteItem(ctx: Ctx, curriculumId: number, itemId: number): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  const item = await ctx.db.selectFrom('curriculum_items').selectAll().where('id', '=', itemId).where('curriculum_id', '=', curriculumId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!item) throw notFound('Дисциплина не найдена в этом учебном плане.');
  const ids = [itemId, ...(await ctx.db.selectFrom('curriculum_items').select('id').where('parent_id', '=', itemId).execute()).map((x) => x.id)];
  const used = await ctx.db.selectFrom('assignments').select('id').where('curriculum_item_id', 'in', ids).executeTakeFirst();
  if (used) throw conflict(`По «${item.code} ${item.name}» уже распределена нагрузка — удалить нельзя. Сначала снимите нагрузку на странице «Нагрузка».`);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('curriculum_items').where('id', '=', itemId).execute();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum_item.delete', entity: 'curriculum_item', entityId: itemId, before: { code: item.code, name: item.name }, ip: ctx.ip });
  });
  return getCurriculum(ctx, curriculumId);
}

/** Upserts items by index from an XLSX file; nothing is written when a row is wrong or on a dry run. */
export async function importCurriculum(ctx: Ctx, curriculumId: number, body: { fileName: string; contentBase64: string; dryRun?: boolean }): Promise<ImportResult> {
  const orgId = ctx.principal.organizationId;
  await curriculumRow(ctx, curriculumId);
  const parsed = await parseCurriculumWorkbook(Buffer.from(body.contentBase64, 'base64'));
  assertRowLimit(UPLOAD_LIMITS.curriculum, parsed.rows);
  const errors = [...parsed.errors];
  const commissions = await ctx.db.selectFrom('subject_commissions').select(['id', 'name']).where('organization_id', '=', orgId).execute();
  const commissionOf = new Map<string, number | null>();
  for (const it of parsed.items) {
    if (!it.commission) {
      commissionOf.set(it.code, null);
      continue;
    }
    const k = searchKey(it.commission);
    const found = commissions.find((c) => searchKey(c.name) === k) ?? commissions.find((c) => searchKey(c.name).includes(k));
    if (!found) errors.push({ row: it.row, message: `ПЦК «${it.commission}» не найдена (есть: ${commissions.map((c) => c.name).sort(compareRu).join('; ')})` });
    commissionOf.set(it.code, found?.id ?? null);
  }
  const existing = await ctx.db.selectFrom('curriculum_items').select(['id', 'code']).where('curriculum_id', '=', curriculumId).execute();
  const created = parsed.items.filter((i) => !existing.some((e) => e.code === i.code)).length;
  const result = { dryRun: !!body.dryRun, created, updated: parsed.items.length - created, errors: errors.sort((a, b) => a.row - b.row) };
  if (errors.length || body.dryRun) return errors.length ? { ...result, created: 0, updated: 0 } : result;
  await ctx.db.transaction().execute(async (tx) => {
    const last = await tx.selectFrom('curriculum_items').select((eb) => eb.fn.max('position').as('m')).where('curriculum_id', '=', curriculumId).executeTakeFirst();
    const position = Number(last?.m ?? 0);
    // Modules first, so that МДК and practices find their parent.
    const ordered = [...parsed.items].sort((a, b) => Number(itemKindOfCode(b.code) === 'module') - Number(itemKindOfCode(a.code) === 'module'));
    const fileOrder = new Map(parsed.items.map((it, i) => [it.code, i]));
    for (const it of ordered) {
      const found = existing.find((e) => e.code === it.code);
      const values = { name: it.name, cycle: cycleOfCode(it.code), kind: itemKindOfCode(it.code), commission_id: commissionOf.get(it.code) ?? null };
      let id: number;
      if (found) {
        await tx.updateTable('curriculum_items').set(values).where('id', '=', found.id).execute();
        id = found.id;
      } else {
        const r = await tx.insertInto('curriculum_items').values({
          organization_id: orgId, curriculum_id: curriculumId, parent_id: await resolveParent(tx, orgId, curriculumId, it.code, null), code: it.code, position: position + 10 * (fileOrder.get(it.code)! + 1), ...values,
        }).returning('id').executeTakeFirstOrThrow();
        id = r.id;
      }
      await replaceItemTerms(tx, orgId, id, it.terms);
    }
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'curriculum.import', entity: 'curriculum', entityId: curriculumId, after: { created: result.created, updated: result.updated }, reason: `Загрузка из файла «${body.fileName}»`, ip: ctx.ip });
  });
  return result;
}
