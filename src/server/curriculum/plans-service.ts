import type { MyPlans, PlanDetail, PlanLine, PlanSummary } from '../../contracts/curriculum.js';
import {
  addHours, canMovePlan, checkPlanHours, describeHoursDifference, HOUR_KIND_TITLES, isPlanEditable, planHours, programTermNo, zeroHours,
  type Hours, type LessonPlanStatus,
} from '../../domain/curriculum.js';
import { scopesFor, type Scope } from '../../domain/permissions.js';
import { compareRu, fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, sql, type Db, type Tx } from '../platform/db.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { assertRowLimit, badRequest, conflict, forbidden, HttpError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { itemTerms, itemWithCurriculum, personNames, resolveTerm, termsOf, userNames } from './queries.js';
import { parsePlanWorkbook } from './xlsx.js';

const NOT_FOUND = 'КТП не найден или недоступен вам.';

type PlanRow = { id: number; curriculum_item_id: number; group_id: number | null; subgroup_id: number | null; status: string; version: number; commission_id: number | null };

async function planRow(db: Db | Tx, orgId: number, id: number): Promise<PlanRow | undefined> {
  return db.selectFrom('lesson_plans as lp').innerJoin('curriculum_items as ci', 'ci.id', 'lp.curriculum_item_id')
    .select(['lp.id', 'lp.curriculum_item_id', 'lp.group_id', 'lp.subgroup_id', 'lp.status', 'lp.version', 'ci.commission_id'])
    .where('lp.id', '=', id).where('lp.organization_id', '=', orgId).executeTakeFirst();
}

/** Does the teacher teach this subject (to the plan's group and subgroup when it is a copy)? */
async function teaches(ctx: Ctx, itemId: number, groupId: number | null, subgroupId: number | null): Promise<boolean> {
  let q = ctx.db.selectFrom('assignments').select('id').where('organization_id', '=', ctx.principal.organizationId)
    .where('curriculum_item_id', '=', itemId).where('teacher_person_id', '=', ctx.principal.personId);
  if (groupId !== null) q = q.where('group_id', '=', groupId);
  if (subgroupId !== null) q = q.where((eb) => eb.or([eb('subgroup_id', '=', subgroupId), eb('subgroup_id', 'is', null)]));
  return !!(await q.executeTakeFirst());
}

async function curates(ctx: Ctx, itemId: number, groupId: number | null): Promise<boolean> {
  const groups = ctx.principal.curatorGroupIds;
  if (!groups.length || (groupId !== null && !groups.includes(groupId))) return false;
  const a = await ctx.db.selectFrom('assignments').select('id').where('organization_id', '=', ctx.principal.organizationId)
    .where('curriculum_item_id', '=', itemId).where('group_id', 'in', groupId !== null ? [groupId] : groups).executeTakeFirst();
  return !!a;
}

async function inScope(ctx: Ctx, scopes: readonly Scope[], p: { curriculum_item_id: number; group_id: number | null; subgroup_id: number | null; commission_id: number | null }): Promise<boolean> {
  if (scopes.includes('org')) return true;
  if (scopes.includes('commission') && p.commission_id !== null && ctx.principal.commissionIds.includes(p.commission_id)) return true;
  if (scopes.includes('assignment') && (await teaches(ctx, p.curriculum_item_id, p.group_id, p.subgroup_id))) return true;
  if (scopes.includes('group') && (await curates(ctx, p.curriculum_item_id, p.group_id))) return true;
  return false;
}

const writeScopes = (ctx: Ctx) => scopesFor(ctx.principal.roles, 'plans:write');
const approveScopes = (ctx: Ctx) => scopesFor(ctx.principal.roles, 'plans:approve');

/** A plan the caller may read, or 404. */
async function readablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await planRow(ctx.db, ctx.principal.organizationId, id);
  if (!p) throw notFound(NOT_FOUND);
  const readable = (await inScope(ctx, scopesFor(ctx.principal.roles, 'plans:read'), p)) || (await inScope(ctx, writeScopes(ctx), p)) || (await inScope(ctx, approveScopes(ctx), p));
  if (!readable) throw notFound(NOT_FOUND);
  return p;
}

async function writablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await readablePlan(ctx, id);
  if (!(await inScope(ctx, writeScopes(ctx), p))) throw forbidden('Изменять КТП может преподаватель, который ведёт эту дисциплину, или методист.');
  return p;
}

function curriculumTotal(terms: { hours: Hours }[]): Hours {
  return terms.reduce((s, t) => addHours(s, t.hours), zeroHours());
}

function hoursCheck(lines: { hours: number; lessonType: string; selfStudyHours: number | null }[], curriculum: Hours) {
  const r = checkPlanHours(planHours(lines), curriculum);
  return { rows: r.rows.map((x) => ({ ...x, title: HOUR_KIND_TITLES[x.kind] })), matches: r.matches, messages: describeHoursDifference(r.rows) };
}

async function planLines(db: Db | Tx, orgId: number, planId: number) {
  const rows = await db.selectFrom('lesson_plan_items').selectAll().where('organization_id', '=', orgId).where('lesson_plan_id', '=', planId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, position: r.position, section: r.section, topic: r.topic, hours: r.hours, lessonType: r.lesson_type as PlanLine['lessonType'], selfStudyTask: r.self_study_task, selfStudyHours: r.self_study_hours }));
}

export async function getPlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const orgId = ctx.principal.organizationId;
  const p = await readablePlan(ctx, id);
  const full = await ctx.db.selectFrom('lesson_plans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const item = (await itemWithCurriculum(ctx.db, orgId, p.curriculum_item_id))!;
  const terms = (await itemTerms(ctx.db, orgId, [item.id])).get(item.id) ?? [];
  const lines = await planLines(ctx.db, orgId, id);
  const [group, subgroup] = await Promise.all([
    p.group_id ? ctx.db.selectFrom('groups').select('name').where('id', '=', p.group_id).executeTakeFirst() : undefined,
    p.subgroup_id ? ctx.db.selectFrom('subgroups').select('name').where('id', '=', p.subgroup_id).executeTakeFirst() : undefined,
  ]);
  const authors = await personNames(ctx.db, orgId, [full.author_person_id]);
  const deciders = await userNames(ctx.db, orgId, [full.decided_by_user_id]);
  // Who follows this plan: the assignments of the subject that have no copy of their own.
  const usedRows = await ctx.db.selectFrom('assignments as a').innerJoin('groups as g', 'g.id', 'a.group_id').innerJoin('persons as t', 't.id', 'a.teacher_person_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .select(['a.group_id', 'a.subgroup_id', 'g.name as groupName', 'sg.name as subgroupName', 't.last_name', 't.first_name', 't.middle_name'])
    .where('a.organization_id', '=', orgId).where('a.curriculum_item_id', '=', item.id)
    .$if(p.group_id !== null, (q) => q.where('a.group_id', '=', p.group_id!))
    .execute();
  const copies = p.group_id === null
    ? await ctx.db.selectFrom('lesson_plans').select(['group_id', 'subgroup_id']).where('organization_id', '=', orgId).where('curriculum_item_id', '=', item.id).where('group_id', 'is not', null).execute()
    : [];
  const seen = new Set<string>();
  const usedBy = usedRows
    .filter((u) => p.group_id !== null ? (p.subgroup_id === null || u.subgroup_id === p.subgroup_id) : !copies.some((c) => c.group_id === u.group_id && (c.subgroup_id === null || c.subgroup_id === u.subgroup_id)))
    .map((u) => ({ groupName: u.groupName, subgroupName: u.subgroupName, teacherName: fullName(u) }))
    .filter((u) => { const k = `${u.groupName}|${u.subgroupName}|${u.teacherName}`; if (seen.has(k)) return false; seen.add(k); return true; })
    .sort((a, b) => compareRu(a.groupName, b.groupName));
  const mayWrite = await inScope(ctx, writeScopes(ctx), p);
  const writeAll = writeScopes(ctx).includes('org');
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
  const mayApprove = await inScope(ctx, approveScopes(ctx), p);
  const status = p.status as LessonPlanStatus;
  return {
    id: p.id,
    item: { id: item.id, code: item.code, name: item.name, curriculumName: item.curriculumName, commissionName: item.commissionName, terms },
    groupId: p.group_id, groupName: group?.name ?? null, subgroupId: p.subgroup_id, subgroupName: subgroup?.name ?? null,
    basedOnPlanId: full.based_on_plan_id, status, remarks: full.remarks, version: full.version,
    authorName: full.author_person_id ? authors.get(full.author_person_id) ?? null : null,
    submittedAt: full.submitted_at, decidedAt: full.decided_at, decidedByName: full.decided_by_user_id ? deciders.get(full.decided_by_user_id) ?? null : null,
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
export async function listPlans(ctx: Ctx, scopes: readonly Scope[], status?: LessonPlanStatus): Promise<{ items: PlanSummary[]; canApprove: boolean }> {
  const orgId = ctx.principal.organizationId;
  const me = ctx.principal;
  const all = [...new Set([...scopes, ...approveScopes(ctx)])];
  let q = ctx.db.selectFrom('lesson_plans as lp')
    .innerJoin('curriculum_items as ci', 'ci.id', 'lp.curriculum_item_id')
    .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
    .leftJoin('groups as g', 'g.id', 'lp.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'lp.subgroup_id')
    .leftJoin('persons as au', 'au.id', 'lp.author_person_id')
    .select(['lp.id', 'lp.curriculum_item_id', 'lp.group_id', 'lp.subgroup_id', 'lp.status', 'lp.submitted_at', 'lp.updated_at', 'ci.code', 'ci.name', 'c.name as curriculumName',
      'g.name as groupName', 'sg.name as subgroupName', 'au.last_name', 'au.first_name', 'au.middle_name'])
    .where('lp.organization_id', '=', orgId);
  if (status) q = q.where('lp.status', '=', status);
  if (!all.includes('org')) {
    q = q.where((eb) => {
      const ors = [];
      if (all.includes('commission') && me.commissionIds.length) ors.push(eb('ci.commission_id', 'in', me.commissionIds));
      if (all.includes('assignment')) {
        ors.push(eb.exists(eb.selectFrom('assignments as a').select('a.id').whereRef('a.curriculum_item_id', '=', 'lp.curriculum_item_id').where('a.teacher_person_id', '=', me.personId)));
      }
      if (all.includes('group') && me.curatorGroupIds.length) {
        ors.push(eb.exists(eb.selectFrom('assignments as a').select('a.id').whereRef('a.curriculum_item_id', '=', 'lp.curriculum_item_id').where('a.group_id', 'in', me.curatorGroupIds)));
      }
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    });
  }
  const rows = await q.orderBy('lp.submitted_at').orderBy('lp.id').limit(1000).execute();
  const ids = rows.map((r) => r.id);
  const lines = ids.length
    ? await ctx.db.selectFrom('lesson_plan_items').select(['lesson_plan_id', 'hours', 'lesson_type', 'self_study_hours']).where('organization_id', '=', orgId).where('lesson_plan_id', 'in', ids).execute()
    : [];
  const terms = await itemTerms(ctx.db, orgId, [...new Set(rows.map((r) => r.curriculum_item_id))]);
  const byPlan = new Map<number, { hours: number; lessonType: string; selfStudyHours: number }[]>();
  for (const l of lines) {
    if (!byPlan.has(l.lesson_plan_id)) byPlan.set(l.lesson_plan_id, []);
    byPlan.get(l.lesson_plan_id)!.push({ hours: l.hours, lessonType: l.lesson_type, selfStudyHours: l.self_study_hours });
  }
  return {
    canApprove: approveScopes(ctx).length > 0,
    items: rows.map((r) => {
      const ls = byPlan.get(r.id) ?? [];
      return {
        id: r.id, itemId: r.curriculum_item_id, code: r.code, subjectName: r.name, curriculumName: r.curriculumName,
        groupId: r.group_id, groupName: r.groupName, subgroupId: r.subgroup_id, subgroupName: r.subgroupName,
        status: r.status as LessonPlanStatus, authorName: r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name!, middle_name: r.middle_name }) : null,
        submittedAt: r.submitted_at, updatedAt: r.updated_at, hours: ls.reduce((s, l) => s + l.hours, 0),
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
  const rows = await ctx.db.selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .select(['a.curriculum_item_id', 'a.group_id', 'a.subgroup_id', 'a.term_id', 'ci.code', 'ci.name', 'g.name as groupName', 'g.intake_year', 'g.sort_key', 'sg.name as subgroupName'])
    .where('a.organization_id', '=', orgId).where('a.teacher_person_id', '=', ctx.principal.personId)
    .where('a.term_id', 'in', yearTerms.map((t) => t.id))
    .execute();
  const itemIds = [...new Set(rows.map((r) => r.curriculum_item_id))];
  const plans = itemIds.length
    ? await ctx.db.selectFrom('lesson_plans').select(['id', 'curriculum_item_id', 'group_id', 'subgroup_id', 'status']).where('organization_id', '=', orgId).where('curriculum_item_id', 'in', itemIds).execute()
    : [];
  const lines = plans.length
    ? await ctx.db.selectFrom('lesson_plan_items').select(['lesson_plan_id', 'hours', 'lesson_type', 'self_study_hours']).where('organization_id', '=', orgId).where('lesson_plan_id', 'in', plans.map((p) => p.id)).execute()
    : [];
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
    const candidates = plans.filter((p) => p.curriculum_item_id === r.curriculum_item_id && (p.group_id === null || (p.group_id === r.group_id && (p.subgroup_id === null || p.subgroup_id === r.subgroup_id))));
    const rank = (p: (typeof plans)[number]) => (p.group_id === null ? 3 : p.subgroup_id === null ? 2 : 1);
    const best = candidates.sort((x, y) => rank(x) - rank(y))[0];
    const ls = best ? lines.filter((l) => l.lesson_plan_id === best.id).map((l) => ({ hours: l.hours, lessonType: l.lesson_type, selfStudyHours: l.self_study_hours })) : [];
    map.set(key, {
      itemId: r.curriculum_item_id, code: r.code, subjectName: r.name, groupId: r.group_id, groupName: r.groupName, subgroupId: r.subgroup_id, subgroupName: r.subgroupName,
      terms: [termLabel],
      plan: best ? { id: best.id, status: best.status as LessonPlanStatus, isCopy: best.group_id !== null, matches: checkPlanHours(planHours(ls), curriculumTotal(terms.get(r.curriculum_item_id) ?? [])).matches } : null,
    });
  }
  return { rows: [...map.values()].sort((a, b) => compareRu(a.groupName, b.groupName) || a.code.localeCompare(b.code)) };
}

/** A new КТП: the shared base of a subject, or a group's (subgroup's) copy of the base. */
export async function createPlan(ctx: Ctx, body: { curriculumItemId: number; groupId?: number | null; subgroupId?: number | null }): Promise<PlanDetail> {
  const orgId = ctx.principal.organizationId;
  const item = await itemWithCurriculum(ctx.db, orgId, body.curriculumItemId);
  if (!item) throw notFound('Дисциплина не найдена в учебных планах колледжа.');
  if (item.kind === 'module' || item.kind === 'gia') throw badRequest('КТП составляют на дисциплину, МДК или практику, а не на модуль целиком или ГИА.');
  const groupId = body.groupId ?? null;
  const subgroupId = groupId === null ? null : body.subgroupId ?? null;
  if (groupId !== null) {
    const g = await ctx.db.selectFrom('groups').select('id').where('id', '=', groupId).where('organization_id', '=', orgId).executeTakeFirst();
    if (!g) throw notFound('Группа не найдена.');
    if (subgroupId !== null && !(await ctx.db.selectFrom('subgroups').select('id').where('id', '=', subgroupId).where('group_id', '=', groupId).executeTakeFirst())) {
      throw badRequest('Подгруппа не относится к этой группе.', { subgroupId: 'Выберите подгруппу этой группы' });
    }
  }
  const target = { curriculum_item_id: item.id, group_id: groupId, subgroup_id: subgroupId, commission_id: item.commission_id };
  if (!(await inScope(ctx, writeScopes(ctx), target))) {
    throw forbidden(groupId === null ? 'Общий КТП составляет преподаватель, который ведёт эту дисциплину, или методист.' : 'Копию КТП для группы делает преподаватель этой группы по этой дисциплине.');
  }
  const existing = await ctx.db.selectFrom('lesson_plans').select(['id', 'group_id', 'subgroup_id']).where('organization_id', '=', orgId).where('curriculum_item_id', '=', item.id).execute();
  const same = existing.find((p) => p.group_id === groupId && p.subgroup_id === subgroupId);
  if (same) throw conflict(groupId === null ? 'Общий КТП по этой дисциплине уже есть — откройте его.' : 'У этой группы уже есть своя копия КТП — откройте её.', { planId: same.id });
  const base = groupId !== null ? existing.find((p) => p.group_id === null) ?? null : null;
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await tx.insertInto('lesson_plans').values({
      organization_id: orgId, curriculum_item_id: item.id, group_id: groupId, subgroup_id: subgroupId, based_on_plan_id: base?.id ?? null, status: 'draft', remarks: null,
      author_person_id: ctx.principal.personId, submitted_at: null, submitted_by_user_id: null, decided_at: null, decided_by_user_id: null, version: 1, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (base) {
      const lines = await planLines(tx, orgId, base.id);
      if (lines.length) {
        await tx.insertInto('lesson_plan_items').values(lines.map((l) => ({
          organization_id: orgId, lesson_plan_id: created.id, position: l.position, section: l.section, topic: l.topic, hours: l.hours, lesson_type: l.lessonType, self_study_task: l.selfStudyTask, self_study_hours: l.selfStudyHours,
        }))).execute();
      }
    }
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'lesson_plan.create', entity: 'lesson_plan', entityId: created.id, after: { curriculumItemId: item.id, groupId, subgroupId, basedOnPlanId: base?.id ?? null }, ip: ctx.ip });
    return created.id;
  });
  return getPlan(ctx, id);
}

async function writeLines(tx: Tx, ctx: Ctx, p: PlanRow, lines: PlanLine[], action: string, reason: string | null = null): Promise<void> {
  const orgId = ctx.principal.organizationId;
  const before = await planLines(tx, orgId, p.id);
  await tx.deleteFrom('lesson_plan_items').where('organization_id', '=', orgId).where('lesson_plan_id', '=', p.id).execute();
  const rows = lines.map((l, i) => ({
    organization_id: orgId, lesson_plan_id: p.id, position: i + 1, section: l.section?.trim() || null, topic: l.topic.trim(), hours: l.hours, lesson_type: l.lessonType,
    self_study_task: l.selfStudyTask?.trim() || null, self_study_hours: l.selfStudyHours ?? 0,
  }));
  for (let i = 0; i < rows.length; i += 300) await tx.insertInto('lesson_plan_items').values(rows.slice(i, i + 300)).execute();
  const updated = await tx.updateTable('lesson_plans').set({ version: p.version + 1, updated_at: nowIso() })
    .where('id', '=', p.id).where('version', '=', p.version).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('КТП только что изменили в другом окне. Обновите страницу и повторите.');
  const sum = (ls: { hours: number }[]) => ls.reduce((s, l) => s + l.hours, 0);
  await audit(tx, {
    organizationId: orgId, actorUserId: ctx.principal.userId, action, entity: 'lesson_plan', entityId: p.id,
    before: { lines: before.length, hours: sum(before) }, after: { lines: rows.length, hours: sum(rows) }, reason, ip: ctx.ip,
  });
}

function assertEditable(p: PlanRow) {
  if (!isPlanEditable(p.status)) {
    throw conflict(p.status === 'submitted'
      ? 'КТП на согласовании: изменить его можно после того, как его вернут на доработку.'
      : 'КТП утверждён. Чтобы изменить его, нажмите «Внести изменения» — он вернётся в черновик и потребует нового утверждения.');
  }
}

export async function saveLines(ctx: Ctx, id: number, body: { version: number; lines: PlanLine[] }): Promise<PlanDetail> {
  const p = await writablePlan(ctx, id);
  assertEditable(p);
  if (body.version !== p.version) throw conflict('КТП только что изменили в другом окне. Обновите страницу и повторите.');
  await ctx.db.transaction().execute((tx) => writeLines(tx, ctx, p, body.lines, 'lesson_plan.save'));
  return getPlan(ctx, id);
}

export async function importPlan(ctx: Ctx, id: number, body: { fileName: string; contentBase64: string }): Promise<{ plan: PlanDetail; imported: number; warnings: string[] }> {
  const p = await writablePlan(ctx, id);
  assertEditable(p);
  const parsed = await parsePlanWorkbook(Buffer.from(body.contentBase64, 'base64'));
  // The editor's cap (SaveLinesBody) holds for a file too.
  assertRowLimit(UPLOAD_LIMITS.lessonPlan, parsed.lines.length);
  if (parsed.errors.length) {
    throw new HttpError(400, 'import_failed', `Файл «${body.fileName}» не загружен: ${parsed.errors.slice(0, 5).join('; ')}${parsed.errors.length > 5 ? ` и ещё ${parsed.errors.length - 5}` : ''}. Исправьте файл и загрузите снова.`, undefined, { errors: parsed.errors });
  }
  if (!parsed.lines.length) throw badRequest(`В файле «${body.fileName}» не найдено ни одного занятия. Скачайте шаблон КТП и заполните его.`);
  await ctx.db.transaction().execute((tx) => writeLines(tx, ctx, p, parsed.lines, 'lesson_plan.import', `Загрузка из файла «${body.fileName}»`));
  return { plan: await getPlan(ctx, id), imported: parsed.lines.length, warnings: parsed.warnings };
}

async function move(ctx: Ctx, p: PlanRow, to: LessonPlanStatus, set: Record<string, unknown>, reason: string | null = null): Promise<void> {
  if (!canMovePlan(p.status as LessonPlanStatus, to)) throw conflict('Состояние КТП уже изменилось. Обновите страницу.');
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('lesson_plans').set({ status: to, version: p.version + 1, updated_at: nowIso(), ...set })
      .where('id', '=', p.id).where('version', '=', p.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('КТП только что изменили в другом окне. Обновите страницу и повторите.');
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: `lesson_plan.${to}`, entity: 'lesson_plan', entityId: p.id, before: { status: p.status }, after: { status: to }, reason, ip: ctx.ip });
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
    throw new HttpError(409, 'hours_mismatch', `${action} нельзя: часы КТП не совпадают с учебным планом (п. 3.13). ${check.messages.join('; ')}.`, undefined, { check });
  }
}

export async function submitPlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const p = await writablePlan(ctx, id);
  if (!canMovePlan(p.status as LessonPlanStatus, 'submitted')) throw conflict(p.status === 'submitted' ? 'КТП уже на согласовании.' : 'Утверждённый КТП не отправляют повторно. Чтобы изменить его, нажмите «Внести изменения».');
  await assertHoursMatch(ctx, p, 'Отправить на согласование');
  await move(ctx, p, 'submitted', { submitted_at: nowIso(), submitted_by_user_id: ctx.principal.userId, remarks: null });
  return getPlan(ctx, id);
}

async function decidablePlan(ctx: Ctx, id: number): Promise<PlanRow> {
  const p = await readablePlan(ctx, id);
  if (!(await inScope(ctx, approveScopes(ctx), p))) throw forbidden('Утверждает КТП председатель ПЦК этой дисциплины, методист или заместитель директора.');
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
  if (p.status === 'approved' || p.status === 'submitted') throw conflict('Утверждённый или отправленный на согласование КТП удалить нельзя.');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('lesson_plans').where('id', '=', p.id).execute();
    await audit(tx, { organizationId: ctx.principal.organizationId, actorUserId: ctx.principal.userId, action: 'lesson_plan.delete', entity: 'lesson_plan', entityId: p.id, before: { status: p.status, curriculumItemId: p.curriculum_item_id, groupId: p.group_id }, ip: ctx.ip });
  });
}
