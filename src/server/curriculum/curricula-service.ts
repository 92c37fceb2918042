import type { Curriculum, CurriculumList } from '../../contracts/curriculum.js';
import { addHours, weeklyLoad, zeroHours } from '../../domain/curriculum.js';
import { calendarSemesters, cycleTotals, type CalendarCourse, type PlxTotals } from '../../domain/plx.js';
import { audit } from '../platform/audit.js';
import type { Tx } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { itemTerms, replaceItemTerms } from './queries.js';
import * as q from './queries/curricula.js';
import { scopesOf } from '../platform/access.js';

/** Typical weeks of study in the autumn and spring terms of a СПО calendar. */
export const DEFAULT_WEEKS = [17, 22, 17, 22, 17, 22, 17, 22];

export const canEdit = (ctx: Ctx) => scopesOf(ctx.principal, 'curriculum:write').includes('org');

export async function listCurricula(ctx: Ctx, programId?: number): Promise<CurriculumList> {
  const orgId = ctx.principal.organizationId;
  const [rows, programs, commissions, counts, groups] = await Promise.all([
    q.curriculaList(ctx.db, orgId, programId),
    q.programs(ctx.db, orgId),
    q.commissions(ctx.db, orgId),
    q.itemCounts(ctx.db, orgId),
    q.activeGroupsOf(ctx.db, orgId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      programId: r.program_id,
      programCode: r.code,
      programName: r.programName,
      intakeYear: r.intake_year,
      name: r.name,
      status: r.status,
      items: Number(counts.find((c) => c.curriculum_id === r.id)?.n ?? 0),
      groups: groups
        .filter((g) => g.program_id === r.program_id && g.intake_year === r.intake_year)
        .map((g) => ({ id: g.id, name: g.name })),
    })),
    programs,
    commissions,
    canEdit: canEdit(ctx),
  };
}

export async function curriculumRow(ctx: Ctx, id: number) {
  const c = await q.curriculumRow(ctx.db, ctx.principal.organizationId, id);
  if (!c) throw notFound('Учебный план не найден.');
  return c;
}

export async function getCurriculum(ctx: Ctx, id: number): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  const c = await curriculumRow(ctx, id);
  const [items, activeGroups, used] = await Promise.all([
    q.curriculumItems(ctx.db, orgId, id),
    q.activeGroupsOf(ctx.db, orgId, { programId: c.program_id, intakeYear: c.intake_year }),
    q.assignmentsPerItem(ctx.db, orgId, id),
  ]);
  const groups = activeGroups.map((g) => ({ id: g.id, name: g.name }));
  const terms = await itemTerms(
    ctx.db,
    orgId,
    items.map((i) => i.id),
  );
  const weeks = parseWeeks(c.term_weeks);
  const totals = Array.from({ length: 8 }, (_, i) => {
    let h = zeroHours();
    for (const it of items) for (const t of terms.get(it.id) ?? []) if (t.termNo === i + 1) h = addHours(h, t.hours);
    return { termNo: i + 1, hours: h, weeklyLoad: weeklyLoad(h, weeks[i]) };
  });
  const calendar = parseJson<CalendarCourse[]>(c.calendar);
  return {
    id: c.id,
    programId: c.program_id,
    programCode: c.code,
    programName: c.programName,
    intakeYear: c.intake_year,
    name: c.name,
    status: c.status,
    studyForm: c.study_form,
    sourceFile: c.source_file,
    importedAt: c.imported_at,
    calendar,
    calendarSemesters: calendar ? calendarSemesters(calendar) : [],
    cycleTotals: cycleTotals(
      items.map((i) => ({ cycle: i.cycle, terms: terms.get(i.id) ?? [] })),
      parseJson<PlxTotals>(c.plx_totals),
    ),
    items: items.map((i) => {
      const ts = terms.get(i.id) ?? [];
      return {
        id: i.id,
        parentId: i.parent_id,
        cycle: i.cycle,
        code: i.code,
        name: i.name,
        kind: i.kind,
        commissionId: i.commission_id,
        commissionName: i.commissionName,
        position: i.position,
        terms: ts,
        total: ts.reduce((s, t) => addHours(s, t.hours), zeroHours()),
        assignments: Number(used.find((u) => u.curriculum_item_id === i.id)?.n ?? 0),
      };
    }),
    groups,
    termWeeks: weeks,
    totals,
    canEdit: canEdit(ctx),
  };
}

function parseJson<T>(raw: string | null): T | null {
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function parseWeeks(raw: string | null): number[] {
  try {
    const w = raw ? (JSON.parse(raw) as unknown) : null;
    if (Array.isArray(w) && w.length === 8 && w.every((x) => Number.isInteger(x) && x > 0)) return w as number[];
  } catch {
    /* the default below */
  }
  return DEFAULT_WEEKS;
}

export async function createCurriculum(
  ctx: Ctx,
  body: { programId: number; intakeYear: number; name?: string; copyFromId?: number | null },
): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  const program = await q.programById(ctx.db, orgId, body.programId);
  if (!program) throw fieldError('programId', 'Выберите специальность (профессию) колледжа.');
  const dup = await q.curriculumOf(ctx.db, orgId, program.id, body.intakeYear);
  if (dup) throw conflict(`Учебный план ${program.code} набора ${body.intakeYear} года уже есть — откройте его.`, { curriculumId: dup.id });
  const source = body.copyFromId ? await curriculumRow(ctx, body.copyFromId) : null;
  const id = await ctx.db.transaction().execute(async (tx) => {
    const cid = await q.insertCurriculum(tx, orgId, {
      programId: program.id,
      intakeYear: body.intakeYear,
      name: body.name?.trim() || `${program.code} ${program.name}, набор ${body.intakeYear} года`,
      term_weeks: source?.term_weeks ?? null,
    });
    if (source) await copyItems(tx, orgId, source.id, cid);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum.create',
      entity: 'curriculum',
      entityId: cid,
      after: { programId: program.id, intakeYear: body.intakeYear, copyFromId: source?.id ?? null },
      ip: ctx.ip,
    });
    return cid;
  });
  return getCurriculum(ctx, id);
}

async function copyItems(tx: Tx, orgId: number, fromId: number, toId: number) {
  const items = await q.itemRows(tx, orgId, fromId);
  const terms = await itemTerms(
    tx,
    orgId,
    items.map((i) => i.id),
  );
  const idMap = new Map<number, number>();
  // Parents first: items without a parent, then their children.
  for (const it of [...items.filter((i) => i.parent_id === null), ...items.filter((i) => i.parent_id !== null)]) {
    const id = await q.insertItem(tx, orgId, toId, {
      parent_id: it.parent_id !== null ? (idMap.get(it.parent_id) ?? null) : null,
      cycle: it.cycle,
      code: it.code,
      name: it.name,
      kind: it.kind,
      commission_id: it.commission_id,
      position: it.position,
    });
    idMap.set(it.id, id);
    await replaceItemTerms(tx, orgId, id, terms.get(it.id) ?? []);
  }
}

export async function updateCurriculum(
  ctx: Ctx,
  id: number,
  body: { name?: string; status?: 'draft' | 'approved'; termWeeks?: number[] },
): Promise<Curriculum> {
  const orgId = ctx.principal.organizationId;
  const c = await curriculumRow(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    await q.updateCurriculumRow(tx, orgId, id, {
      ...(body.name ? { name: body.name } : {}),
      ...(body.status ? { status: body.status } : {}),
      ...(body.termWeeks ? { term_weeks: JSON.stringify(body.termWeeks) } : {}),
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum.update',
      entity: 'curriculum',
      entityId: id,
      before: { name: c.name, status: c.status, termWeeks: c.term_weeks },
      after: body,
      ip: ctx.ip,
    });
  });
  return getCurriculum(ctx, id);
}

export async function deleteCurriculum(ctx: Ctx, id: number): Promise<void> {
  const orgId = ctx.principal.organizationId;
  const c = await curriculumRow(ctx, id);
  if (await q.curriculumHasLoad(ctx.db, orgId, id))
    throw conflict('По этому учебному плану уже распределена нагрузка — удалить его нельзя. Снимите нагрузку или оставьте план.');
  await ctx.db.transaction().execute(async (tx) => {
    await q.deleteCurriculumRow(tx, orgId, id);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'curriculum.delete',
      entity: 'curriculum',
      entityId: id,
      before: { name: c.name },
      ip: ctx.ip,
    });
  });
}
