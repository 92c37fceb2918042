import type { z } from 'zod';
import type {
  AcademicYearInput,
  CommissionInput,
  DepartmentInput,
  GroupInput,
  GroupsQuery,
  Organization,
  ProgramInput,
  TermInput,
} from '../../contracts/structure.js';
import { formatRu, todayIn } from '../../domain/dates.js';
import { defaultTerm } from '../../domain/terms.js';
import { searchKey } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, type Db, type Tx } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import * as q from './queries.js';

export async function getOrganization(ctx: Ctx): Promise<Organization> {
  const orgId = ctx.principal.organizationId;
  const org = await q.organizationRow(ctx.db, orgId);
  const today = todayIn(org.time_zone);
  const years = await q.yearsWithTerms(ctx.db, orgId);
  const currentYear = years.find((y) => y.startDate <= today && today <= y.endDate) ?? null;
  const terms = currentYear?.terms ?? [];
  const currentTerm = defaultTerm(terms, today);
  const counts = (await q.organizationCounts(ctx.db, [orgId])).get(orgId)!;
  return {
    id: org.id,
    name: org.name,
    shortName: org.short_name,
    region: org.region,
    timeZone: org.time_zone,
    today,
    currentYear,
    currentTerm,
    counts,
  };
}

export async function regionOverview(ctx: Ctx) {
  const orgs = await q.regionOrganizations(ctx.db, ctx.principal.region);
  const counts = await q.organizationCounts(
    ctx.db,
    orgs.map((o) => o.id),
  );
  return {
    region: ctx.principal.region,
    organizations: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.short_name,
      timeZone: o.time_zone,
      groups: counts.get(o.id)!.groups,
      students: counts.get(o.id)!.students,
    })),
  };
}

const who = (ctx: Ctx) => ({ organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, ip: ctx.ip });
export const today = (ctx: Ctx) => todayIn(ctx.principal.timeZone);

/** A staff person of the caller's organization (a curator, a head, a chair), or a field error. */
async function ensureStaff(db: Db | Tx, orgId: number, personId: number | null, field: string) {
  if (personId === null) return;
  if (!(await q.staffRoleOf(db, orgId, personId))) throw fieldError(field, 'Выберите сотрудника колледжа из списка.');
}

// ── Academic years and terms ──

function checkTerms(yearStart: string, yearEnd: string, terms: z.infer<typeof TermInput>[]) {
  if (yearStart >= yearEnd) throw fieldError('endDate', 'Учебный год должен заканчиваться позже, чем начинается.');
  const sorted = [...terms].sort((a, b) => a.number - b.number);
  sorted.forEach((t, i) => {
    if (t.number !== i + 1) throw fieldError('terms', 'Семестры нумеруются подряд: 1, 2 …');
    if (t.startDate > t.endDate) throw fieldError('terms', `Семестр ${t.number}: дата начала позже даты окончания.`);
    if (t.startDate < yearStart || t.endDate > yearEnd) throw fieldError('terms', `Семестр ${t.number} выходит за границы учебного года.`);
    if (i > 0 && t.startDate <= sorted[i - 1].endDate)
      throw fieldError('terms', `Семестр ${t.number} начинается раньше, чем кончается семестр ${t.number - 1}.`);
  });
}

export async function listYears(ctx: Ctx) {
  return q.yearsWithTerms(ctx.db, ctx.principal.organizationId);
}

/** The name is the years the dates span, «2026/2027»: the regional reports line colleges' periods up by it (decision 041). */
function checkYearName(name: string, start: string, end: string) {
  const [first, second] = name.split('/').map(Number);
  const expected = `${start.slice(0, 4)}/${Number(start.slice(0, 4)) + 1}`;
  if (second !== first + 1 || first !== Number(start.slice(0, 4)) || end.slice(0, 4) !== String(second))
    throw fieldError('name', `Учебный год с ${formatRu(start)} по ${formatRu(end)} называется ${expected}: проверьте название и даты.`);
}

export async function createYear(ctx: Ctx, input: AcademicYearInput) {
  checkTerms(input.startDate, input.endDate, input.terms);
  checkYearName(input.name, input.startDate, input.endDate);
  const orgId = ctx.principal.organizationId;
  const overlap = await q.overlappingYear(ctx.db, orgId, input.startDate, input.endDate);
  if (overlap) throw conflict(`Даты пересекаются с учебным годом ${overlap.name}. Измените даты.`);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const id = await q.insertYearWithTerms(tx, orgId, input, input.terms);
      await audit(tx, { ...who(ctx), action: 'structure.year_created', entity: 'academic_year', entityId: id, after: input });
      return (await q.yearsWithTerms(tx, orgId)).find((x) => x.id === id)!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`Учебный год ${input.name} уже есть.`);
    throw e;
  }
}

/** Changes a year's terms; closing and reopening it are the archive's (archive/close.ts, decision 028). */
export async function updateYear(ctx: Ctx, id: number, input: { terms?: z.infer<typeof TermInput>[] }) {
  const orgId = ctx.principal.organizationId;
  const year = await q.yearRow(ctx.db, orgId, id);
  if (!year) throw notFound('Учебный год не найден.');
  if (input.terms) checkTerms(year.start_date, year.end_date, input.terms);
  return ctx.db.transaction().execute(async (tx) => {
    const before = (await q.yearsWithTerms(tx, orgId)).find((x) => x.id === id)!;
    for (const t of input.terms ?? []) {
      const existing = before.terms.find((x) => x.number === t.number);
      if (existing) await q.setTermDates(tx, orgId, existing.id, t);
      else await q.insertTerm(tx, orgId, id, t);
    }
    const after = (await q.yearsWithTerms(tx, orgId)).find((x) => x.id === id)!;
    await audit(tx, { ...who(ctx), action: 'structure.year_updated', entity: 'academic_year', entityId: id, before, after });
    return after;
  });
}

// ── Departments, programs, commissions ──

export const listDepartments = (ctx: Ctx) => q.departments(ctx.db, ctx.principal.organizationId);
export const listPrograms = (ctx: Ctx) => q.programs(ctx.db, ctx.principal.organizationId);
export const listCommissions = (ctx: Ctx) => q.commissions(ctx.db, ctx.principal.organizationId);

/**
 * Creates a row of the college's structure (id null) or updates it, with its audit entry, inside
 * the caller's transaction; 404 when the row to update is not the college's. Returns its id.
 */
async function saveAudited<V>(
  ctx: Ctx,
  tx: Tx,
  id: number | null,
  values: V,
  s: {
    kind: string;
    entity: string;
    notFound: string;
    row(tx: Tx, orgId: number, id: number): Promise<unknown>;
    insert(tx: Tx, orgId: number, values: V): Promise<number>;
    update(tx: Tx, orgId: number, id: number, values: V): Promise<unknown>;
  },
): Promise<number> {
  const orgId = ctx.principal.organizationId;
  let before: unknown;
  if (id === null) id = await s.insert(tx, orgId, values);
  else {
    before = await s.row(tx, orgId, id);
    if (!before) throw notFound(s.notFound);
    await s.update(tx, orgId, id, values);
  }
  await audit(tx, {
    ...who(ctx),
    action: `structure.${s.kind}_${before ? 'updated' : 'created'}`,
    entity: s.entity,
    entityId: id,
    before,
    after: values,
  });
  return id;
}

export async function saveDepartment(ctx: Ctx, id: number | null, input: z.infer<typeof DepartmentInput>) {
  const orgId = ctx.principal.organizationId;
  await ensureStaff(ctx.db, orgId, input.headPersonId, 'headPersonId');
  const values = { name: input.name, head_person_id: input.headPersonId };
  const saved = await ctx.db.transaction().execute(async (tx) => {
    id = await saveAudited(ctx, tx, id, values, {
      kind: 'department',
      entity: 'department',
      notFound: 'Отделение не найдено.',
      row: q.departmentRow,
      insert: q.insertDepartment,
      update: q.updateDepartment,
    });
    return id;
  });
  return (await q.departments(ctx.db, orgId)).find((d) => d.id === saved)!;
}

export async function saveProgram(ctx: Ctx, id: number | null, input: z.infer<typeof ProgramInput>) {
  const orgId = ctx.principal.organizationId;
  if (input.departmentId) {
    if (!(await q.departmentRow(ctx.db, orgId, input.departmentId))) throw fieldError('departmentId', 'Выберите отделение из списка.');
  }
  const values = {
    department_id: input.departmentId,
    code: input.code,
    name: input.name,
    qualification: input.qualification,
    kind: input.kind,
    duration_terms: input.durationTerms,
  };
  try {
    const saved = await ctx.db.transaction().execute(async (tx) => {
      id = await saveAudited(ctx, tx, id, values, {
        kind: 'program',
        entity: 'program',
        notFound: 'Специальность не найдена.',
        row: q.programRow,
        insert: q.insertProgram,
        update: q.updateProgram,
      });
      return id;
    });
    return (await q.programs(ctx.db, orgId)).find((p) => p.id === saved)!;
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('code', `Специальность с кодом ${input.code} уже есть.`);
    throw e;
  }
}

export async function saveCommission(ctx: Ctx, id: number | null, input: z.infer<typeof CommissionInput>) {
  const orgId = ctx.principal.organizationId;
  await ensureStaff(ctx.db, orgId, input.chairPersonId, 'chairPersonId');
  const values = { name: input.name, chair_person_id: input.chairPersonId };
  const saved = await ctx.db.transaction().execute(async (tx) => {
    id = await saveAudited(ctx, tx, id, values, {
      kind: 'commission',
      entity: 'subject_commission',
      notFound: 'ПЦК не найдена.',
      row: q.commissionRow,
      insert: q.insertCommission,
      update: q.updateCommission,
    });
    await q.setCommissionChair(tx, orgId, id, input.chairPersonId);
    return id;
  });
  return (await q.commissions(ctx.db, orgId)).find((c) => c.id === saved)!;
}

// ── Groups and subgroups ──

export async function listGroups(ctx: Ctx, f: z.infer<typeof GroupsQuery>) {
  return q.groupItems(ctx.db, ctx.principal.organizationId, today(ctx), f);
}

export async function saveGroup(ctx: Ctx, id: number | null, input: GroupInput) {
  const orgId = ctx.principal.organizationId;
  const program = await q.programRow(ctx.db, orgId, input.programId);
  if (!program) throw fieldError('programId', 'Выберите специальность из списка.');
  await ensureStaff(ctx.db, orgId, input.curatorPersonId, 'curatorPersonId');
  const dup = await q.activeGroupNamed(ctx.db, orgId, searchKey(input.name), id);
  if (dup) throw fieldError('name', `Группа ${input.name} уже есть. Выберите другое название.`);
  const values = {
    program_id: input.programId,
    name: input.name,
    intake_year: input.intakeYear,
    course: input.course,
    curator_person_id: input.curatorPersonId,
    sort_key: searchKey(input.name),
  };
  const saved = await ctx.db.transaction().execute(async (tx) => {
    id = await saveAudited(ctx, tx, id, values, {
      kind: 'group',
      entity: 'group',
      notFound: 'Группа не найдена.',
      row: q.groupRow,
      insert: q.insertGroup,
      update: q.updateGroup,
    });
    return id;
  });
  return (await q.groupItems(ctx.db, orgId, today(ctx), { status: 'all', ids: [saved] }))[0];
}

export async function addSubgroup(ctx: Ctx, groupId: number, name: string) {
  const orgId = ctx.principal.organizationId;
  if (!(await q.groupRow(ctx.db, orgId, groupId))) throw notFound('Группа не найдена.');
  return ctx.db.transaction().execute(async (tx) => {
    const sid = await q.insertSubgroup(tx, orgId, groupId, name);
    await audit(tx, { ...who(ctx), action: 'structure.subgroup_created', entity: 'subgroup', entityId: sid, after: { groupId, name } });
    return { id: sid, name, students: 0 };
  });
}

export async function deleteSubgroup(ctx: Ctx, id: number) {
  const orgId = ctx.principal.organizationId;
  const s = await q.subgroupRow(ctx.db, orgId, id);
  if (!s) throw notFound('Подгруппа не найдена.');
  if (await q.subgroupHasLoad(ctx.db, orgId, id))
    throw conflict('По подгруппе уже есть нагрузка и журнал: её нельзя удалить. Переведите обучающихся в другую подгруппу.');
  await ctx.db.transaction().execute(async (tx) => {
    await q.deleteSubgroupRow(tx, orgId, id);
    await audit(tx, { ...who(ctx), action: 'structure.subgroup_deleted', entity: 'subgroup', entityId: id, before: s });
  });
}
