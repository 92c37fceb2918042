import type { Fulfilment, Load, LoadOptions, Uncovered } from '../../contracts/curriculum.js';
import { classroomHours, fulfilmentPercent, planHours, programTermNo } from '../../domain/curriculum.js';
import { todayIn } from '../../domain/dates.js';
import { scopesFor, type Scope } from '../../domain/permissions.js';
import { compareRu, fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { sql } from '../platform/db.js';
import { badRequest, conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { endedLessonSql, endedNow } from '../control/fill-queries.js';
import { followLoadTeacher } from '../timetable/load-follow.js';
import { itemTerms, resolveTerm, termsOf, type TermInfo } from './queries.js';

// Teaching load (нагрузка): who teaches what to whom in a term, totals, hours nobody teaches,
// and fulfilment — hours due by today against hours delivered (п. 2.12).

/** Kinds of items that are not taught as class lessons and so are not in the load. */
const NOT_LOAD_KINDS = ['module', 'gia', 'module_exam', 'industrial_practice'];

const termRef = (t: TermInfo) => ({ id: t.id, number: t.number, yearName: t.yearName, label: t.label, startDate: t.startDate, endDate: t.endDate });

function assignmentsQuery(ctx: Ctx, scopes: readonly Scope[], termId: number, f: { teacherPersonId?: number; groupId?: number }) {
  const me = ctx.principal;
  let q = ctx.db.selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('persons as t', 't.id', 'a.teacher_person_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .where('a.organization_id', '=', me.organizationId)
    .where('a.term_id', '=', termId);
  if (f.teacherPersonId) q = q.where('a.teacher_person_id', '=', f.teacherPersonId);
  if (f.groupId) q = q.where('a.group_id', '=', f.groupId);
  if (!scopes.includes('org')) {
    q = q.where((eb) => {
      const ors = [];
      if (scopes.includes('assignment')) ors.push(eb('a.teacher_person_id', '=', me.personId));
      if (scopes.includes('group') && me.curatorGroupIds.length) ors.push(eb('a.group_id', 'in', me.curatorGroupIds));
      if (scopes.includes('commission') && me.commissionIds.length) ors.push(eb('ci.commission_id', 'in', me.commissionIds));
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    });
  }
  return q;
}

export async function getLoad(ctx: Ctx, scopes: readonly Scope[], query: { termId?: number; teacherPersonId?: number; groupId?: number }): Promise<Load> {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, query.termId);
  const rows = await assignmentsQuery(ctx, scopes, term.id, query)
    .select(['a.id', 'a.term_id', 'a.group_id', 'a.subgroup_id', 'a.curriculum_item_id', 'a.teacher_person_id', 'a.hours', 'g.name as groupName', 'g.sort_key as groupKey', 'g.intake_year',
      'sg.name as subgroupName', 'ci.code', 'ci.name', 't.last_name', 't.first_name', 't.middle_name', 't.sort_key as teacherKey',
      (eb) => eb.selectFrom('lessons as l').select((e) => e.fn.countAll<number>().as('n')).whereRef('l.assignment_id', '=', 'a.id').as('lessons')])
    .execute();
  rows.sort((x, y) => compareRu(x.groupName, y.groupName) || x.code.localeCompare(y.code) || (x.subgroupName ?? '').localeCompare(y.subgroupName ?? ''));
  const teachers = new Map<number, { personId: number; name: string; hours: number; assignments: number; groups: Set<number> }>();
  for (const r of rows) {
    const t = teachers.get(r.teacher_person_id) ?? { personId: r.teacher_person_id, name: fullName(r), hours: 0, assignments: 0, groups: new Set<number>() };
    t.hours += r.hours;
    t.assignments++;
    t.groups.add(r.group_id);
    teachers.set(r.teacher_person_id, t);
  }
  // Curriculum hours of each group in this term, to compare with its load.
  const groupIds = [...new Set(rows.map((r) => r.group_id))];
  const required = await requiredHours(ctx, term, groupIds);
  const groups = new Map<number, { groupId: number; name: string; hours: number; curriculumHours: number }>();
  for (const r of rows) {
    const g = groups.get(r.group_id) ?? { groupId: r.group_id, name: r.groupName, hours: 0, curriculumHours: required.get(r.group_id)?.total ?? 0 };
    // Subgroups are taught separately; the group's own timetable counts one of them.
    if (r.subgroup_id === null || rows.find((x) => x.group_id === r.group_id && x.curriculum_item_id === r.curriculum_item_id && x.subgroup_id !== null)?.id === r.id) g.hours += r.hours;
    groups.set(r.group_id, g);
  }
  return {
    term: termRef(term),
    rows: rows.map((r) => ({
      id: r.id, termId: r.term_id, groupId: r.group_id, groupName: r.groupName, subgroupId: r.subgroup_id, subgroupName: r.subgroupName, itemId: r.curriculum_item_id, code: r.code, subjectName: r.name,
      teacherPersonId: r.teacher_person_id, teacherName: fullName(r), hours: r.hours, lessons: Number(r.lessons ?? 0),
    })),
    byTeacher: [...teachers.values()].map((t) => ({ personId: t.personId, name: t.name, hours: t.hours, assignments: t.assignments, groups: t.groups.size })).sort((a, b) => compareRu(a.name, b.name)),
    byGroup: [...groups.values()].sort((a, b) => compareRu(a.name, b.name)),
    canEdit: scopesFor(ctx.principal.roles, 'load:write').includes('org'),
  };
}

/** Each group's curriculum items of a term with their classroom hours. */
async function requiredHours(ctx: Ctx, term: TermInfo, groupIds: number[], commissionIds?: number[]) {
  const orgId = ctx.principal.organizationId;
  const out = new Map<number, { total: number; items: { itemId: number; code: string; name: string; termNo: number; hours: number; position: number }[] }>();
  if (!groupIds.length) return out;
  const groups = await ctx.db.selectFrom('groups').select(['id', 'program_id', 'intake_year']).where('organization_id', '=', orgId).where('id', 'in', groupIds).execute();
  const curricula = await ctx.db.selectFrom('curricula').select(['id', 'program_id', 'intake_year']).where('organization_id', '=', orgId).execute();
  const curIds = [...new Set(groups.map((g) => curricula.find((c) => c.program_id === g.program_id && c.intake_year === g.intake_year)?.id).filter((x): x is number => !!x))];
  if (!curIds.length) return out;
  let iq = ctx.db.selectFrom('curriculum_items').select(['id', 'curriculum_id', 'code', 'name', 'kind', 'position', 'commission_id']).where('organization_id', '=', orgId).where('curriculum_id', 'in', curIds).where('kind', 'not in', NOT_LOAD_KINDS);
  if (commissionIds) iq = iq.where('commission_id', 'in', commissionIds.length ? commissionIds : [0]);
  const items = await iq.execute();
  const terms = await itemTerms(ctx.db, orgId, items.map((i) => i.id));
  for (const g of groups) {
    const cur = curricula.find((c) => c.program_id === g.program_id && c.intake_year === g.intake_year);
    const termNo = programTermNo(g.intake_year, term.yearStart, term.number);
    const list = items.filter((i) => i.curriculum_id === cur?.id).flatMap((i) => {
      const t = (terms.get(i.id) ?? []).find((x) => x.termNo === termNo);
      const hours = t ? classroomHours(t.hours) : 0;
      return hours > 0 ? [{ itemId: i.id, code: i.code, name: i.name, termNo, hours, position: i.position }] : [];
    });
    out.set(g.id, { total: list.reduce((s, x) => s + x.hours, 0), items: list });
  }
  return out;
}

export async function getUncovered(ctx: Ctx, scopes: readonly Scope[], termId?: number): Promise<Uncovered> {
  const orgId = ctx.principal.organizationId;
  const me = ctx.principal;
  const term = await resolveTerm(ctx.db, orgId, me.timeZone, termId);
  let gq = ctx.db.selectFrom('groups').select(['id', 'name', 'sort_key']).where('organization_id', '=', orgId).where('status', '=', 'active');
  if (!scopes.includes('org')) {
    if (scopes.includes('group')) gq = gq.where('id', 'in', me.curatorGroupIds.length ? me.curatorGroupIds : [0]);
    else if (!scopes.includes('commission')) return { term: termRef(term), rows: [], missingHours: 0 };
  }
  const groups = await gq.orderBy('sort_key').execute();
  const commissionFilter = !scopes.includes('org') && !scopes.includes('group') ? me.commissionIds : undefined;
  const required = await requiredHours(ctx, term, groups.map((g) => g.id), commissionFilter);
  const assigned = groups.length
    ? await ctx.db.selectFrom('assignments').select(['group_id', 'subgroup_id', 'curriculum_item_id', 'hours']).where('organization_id', '=', orgId).where('term_id', '=', term.id).where('group_id', 'in', groups.map((g) => g.id)).execute()
    : [];
  const subgroups = groups.length ? await ctx.db.selectFrom('subgroups').select(['id', 'group_id']).where('group_id', 'in', groups.map((g) => g.id)).execute() : [];
  const rows: Uncovered['rows'] = [];
  for (const g of groups) {
    for (const it of required.get(g.id)?.items ?? []) {
      const mine = assigned.filter((a) => a.group_id === g.id && a.curriculum_item_id === it.itemId);
      const whole = mine.filter((a) => a.subgroup_id === null).reduce((s, a) => s + a.hours, 0);
      const split = mine.some((a) => a.subgroup_id !== null);
      const sgIds = subgroups.filter((s) => s.group_id === g.id).map((s) => s.id);
      // A subject taught by subgroups is covered when every subgroup has its hours.
      const bySubgroup = split ? Math.min(...sgIds.map((id) => mine.filter((a) => a.subgroup_id === id).reduce((s, a) => s + a.hours, 0))) : 0;
      const got = whole + bySubgroup;
      if (got < it.hours) {
        rows.push({ groupId: g.id, groupName: g.name, subgroupId: null, subgroupName: null, itemId: it.itemId, code: it.code, subjectName: it.name, termNo: it.termNo, curriculumHours: it.hours, assignedHours: got, missingHours: it.hours - got });
      }
    }
  }
  return { term: termRef(term), rows, missingHours: rows.reduce((s, r) => s + r.missingHours, 0) };
}

export async function loadOptions(ctx: Ctx): Promise<LoadOptions> {
  const orgId = ctx.principal.organizationId;
  const [terms, groups, subgroups, teachers] = await Promise.all([
    termsOf(ctx.db, orgId),
    ctx.db.selectFrom('groups').select(['id', 'name', 'course', 'sort_key']).where('organization_id', '=', orgId).where('status', '=', 'active').orderBy('sort_key').execute(),
    ctx.db.selectFrom('subgroups').select(['id', 'group_id', 'name']).where('organization_id', '=', orgId).orderBy('name').execute(),
    ctx.db.selectFrom('staff_roles as r').innerJoin('persons as p', 'p.id', 'r.person_id').select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
      .where('r.organization_id', '=', orgId).where('r.role', '=', 'teacher').distinct().orderBy('p.sort_key').execute(),
  ]);
  const current = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone).catch(() => null);
  return {
    terms: terms.map(termRef),
    currentTermId: current?.id ?? null,
    groups: groups.map((g) => ({ id: g.id, name: g.name, course: g.course, subgroups: subgroups.filter((s) => s.group_id === g.id).map((s) => ({ id: s.id, name: s.name })) })),
    teachers: teachers.map((t) => ({ personId: t.id, name: fullName(t) })),
  };
}

export async function groupItems(ctx: Ctx, groupId: number, termId: number) {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, termId);
  const g = await ctx.db.selectFrom('groups').select(['id', 'program_id', 'intake_year']).where('id', '=', groupId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!g) throw notFound('Группа не найдена.');
  const cur = await ctx.db.selectFrom('curricula').select('id').where('organization_id', '=', orgId).where('program_id', '=', g.program_id).where('intake_year', '=', g.intake_year).executeTakeFirst();
  const req = (await requiredHours(ctx, term, [groupId])).get(groupId);
  const assigned = await ctx.db.selectFrom('assignments').select(['curriculum_item_id', 'hours', 'subgroup_id']).where('group_id', '=', groupId).where('term_id', '=', term.id).execute();
  return {
    termNo: programTermNo(g.intake_year, term.yearStart, term.number),
    curriculumId: cur?.id ?? null,
    items: (req?.items ?? []).sort((a, b) => a.position - b.position).map((i) => ({
      itemId: i.itemId, code: i.code, name: i.name, hours: i.hours, assignedHours: assigned.filter((a) => a.curriculum_item_id === i.itemId).reduce((s, a) => s + a.hours, 0),
    })),
  };
}

async function assertTeacher(ctx: Ctx, personId: number) {
  const t = await ctx.db.selectFrom('staff_roles').select('id').where('organization_id', '=', ctx.principal.organizationId).where('person_id', '=', personId).where('role', '=', 'teacher').executeTakeFirst();
  if (!t) throw fieldError('teacherPersonId', 'Выберите преподавателя колледжа.');
}

export async function createAssignment(ctx: Ctx, body: { termId: number; groupId: number; subgroupId?: number | null; curriculumItemId: number; teacherPersonId: number; hours: number }) {
  const orgId = ctx.principal.organizationId;
  await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, body.termId);
  const g = await ctx.db.selectFrom('groups').select(['id', 'program_id', 'intake_year', 'name']).where('id', '=', body.groupId).where('organization_id', '=', orgId).executeTakeFirst();
  if (!g) throw fieldError('groupId', 'Выберите группу колледжа.');
  const subgroupId = body.subgroupId ?? null;
  if (subgroupId !== null && !(await ctx.db.selectFrom('subgroups').select('id').where('id', '=', subgroupId).where('group_id', '=', g.id).executeTakeFirst())) {
    throw fieldError('subgroupId', 'Подгруппа не относится к этой группе.');
  }
  const item = await ctx.db.selectFrom('curriculum_items as ci').innerJoin('curricula as c', 'c.id', 'ci.curriculum_id').select(['ci.id', 'ci.kind', 'ci.code', 'ci.name', 'c.program_id', 'c.intake_year'])
    .where('ci.id', '=', body.curriculumItemId).where('ci.organization_id', '=', orgId).executeTakeFirst();
  if (!item) throw fieldError('curriculumItemId', 'Дисциплина не найдена.');
  if (item.program_id !== g.program_id || item.intake_year !== g.intake_year) throw fieldError('curriculumItemId', `«${item.code} ${item.name}» не из учебного плана группы ${g.name}.`);
  if (item.kind === 'module' || item.kind === 'gia') throw fieldError('curriculumItemId', 'Нагрузку распределяют по МДК, дисциплинам и практикам, а не по модулю целиком.');
  await assertTeacher(ctx, body.teacherPersonId);
  const dup = await ctx.db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('term_id', '=', body.termId).where('group_id', '=', g.id)
    .where('curriculum_item_id', '=', item.id).where((eb) => (subgroupId === null ? eb('subgroup_id', 'is', null) : eb('subgroup_id', '=', subgroupId))).executeTakeFirst();
  if (dup) throw conflict('Эта дисциплина у этой группы (подгруппы) в семестре уже распределена. Измените существующую строку нагрузки.');
  return ctx.db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('assignments').values({
      organization_id: orgId, term_id: body.termId, group_id: g.id, subgroup_id: subgroupId, curriculum_item_id: item.id, teacher_person_id: body.teacherPersonId, hours: body.hours,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { organizationId: orgId, actorUserId: ctx.principal.userId, action: 'assignment.create', entity: 'assignment', entityId: r.id, after: body, ip: ctx.ip });
    return { id: r.id };
  });
}

async function assignmentRow(ctx: Ctx, id: number) {
  const a = await ctx.db.selectFrom('assignments').selectAll().where('id', '=', id).where('organization_id', '=', ctx.principal.organizationId).executeTakeFirst();
  if (!a) throw notFound('Строка нагрузки не найдена.');
  return a;
}

export async function updateAssignment(ctx: Ctx, id: number, body: { teacherPersonId?: number; hours?: number }) {
  const a = await assignmentRow(ctx, id);
  if (body.teacherPersonId === undefined && body.hours === undefined) throw badRequest('Укажите преподавателя или часы.');
  if (body.teacherPersonId) await assertTeacher(ctx, body.teacherPersonId);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('assignments').set({ ...(body.teacherPersonId ? { teacher_person_id: body.teacherPersonId } : {}), ...(body.hours ? { hours: body.hours } : {}) }).where('id', '=', id).execute();
    // The timetable and the lessons not yet recorded go to the new teacher from today.
    if (body.teacherPersonId) await followLoadTeacher(tx, a.organization_id, id, a.teacher_person_id, body.teacherPersonId, todayIn(ctx.principal.timeZone));
    await audit(tx, { organizationId: a.organization_id, actorUserId: ctx.principal.userId, action: 'assignment.update', entity: 'assignment', entityId: id, before: { teacherPersonId: a.teacher_person_id, hours: a.hours }, after: body, ip: ctx.ip });
  });
  return { id };
}

export async function deleteAssignment(ctx: Ctx, id: number) {
  const a = await assignmentRow(ctx, id);
  const lesson = await ctx.db.selectFrom('lessons').select('id').where('assignment_id', '=', id).executeTakeFirst();
  if (lesson) throw conflict('По этой нагрузке уже есть занятия в расписании или журнале — удалить её нельзя. Передайте её другому преподавателю или измените часы.');
  const entry = await ctx.db.selectFrom('timetable_entries').select('id').where('assignment_id', '=', id).executeTakeFirst();
  if (entry) throw conflict('Эта нагрузка стоит в расписании группы — сначала уберите её из недели группы (раздел «Расписание»), затем удалите.');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('assignments').where('id', '=', id).execute();
    await audit(tx, { organizationId: a.organization_id, actorUserId: ctx.principal.userId, action: 'assignment.delete', entity: 'assignment', entityId: id, before: a, ip: ctx.ip });
  });
}

/**
 * п. 2.12: per assignment, hours due by today (lessons of the timetable up to today) against
 * hours delivered (lessons recorded in the journal and not cancelled).
 */
export async function getFulfilment(ctx: Ctx, scopes: readonly Scope[], query: { termId?: number; teacherPersonId?: number; groupId?: number }): Promise<Fulfilment> {
  const orgId = ctx.principal.organizationId;
  const term = await resolveTerm(ctx.db, orgId, ctx.principal.timeZone, query.termId);
  // Due: lessons that have ended by their bells, not those still to come today (issue 12).
  const ended = await endedNow(ctx.db, orgId, ctx.principal.timeZone);
  const today = ended.today;
  const rows = await assignmentsQuery(ctx, scopes, term.id, query)
    .leftJoin('lessons as l', (j) => j.onRef('l.assignment_id', '=', 'a.id').on('l.status', '!=', 'cancelled'))
    .select(['a.id', 'a.hours', 'a.group_id', 'a.subgroup_id', 'a.curriculum_item_id', 'g.name as groupName', 'sg.name as subgroupName', 'ci.code', 'ci.name', 't.last_name', 't.first_name', 't.middle_name',
      sql<number>`coalesce(sum(case when ${endedLessonSql(ended)} then l.hours else 0 end), 0)`.as('due'),
      sql<number>`coalesce(sum(case when l.recorded_at is not null then l.hours else 0 end), 0)`.as('delivered')])
    .groupBy(['a.id', 'a.hours', 'a.group_id', 'a.subgroup_id', 'a.curriculum_item_id', 'g.name', 'sg.name', 'ci.code', 'ci.name', 't.last_name', 't.first_name', 't.middle_name'])
    .execute();
  // Classroom hours of the КТП each assignment follows (its copy, else the shared base).
  const itemIds = [...new Set(rows.map((r) => r.curriculum_item_id))];
  const plans = itemIds.length ? await ctx.db.selectFrom('lesson_plans').select(['id', 'curriculum_item_id', 'group_id', 'subgroup_id']).where('organization_id', '=', orgId).where('curriculum_item_id', 'in', itemIds).execute() : [];
  const lines = plans.length ? await ctx.db.selectFrom('lesson_plan_items').select(['lesson_plan_id', 'hours', 'lesson_type']).where('lesson_plan_id', 'in', plans.map((p) => p.id)).execute() : [];
  const linesOf = new Map<number, { hours: number; lessonType: string }[]>();
  for (const l of lines) {
    if (!linesOf.has(l.lesson_plan_id)) linesOf.set(l.lesson_plan_id, []);
    linesOf.get(l.lesson_plan_id)!.push({ hours: l.hours, lessonType: l.lesson_type });
  }
  const planHoursOf = (planId: number) => classroomHours(planHours(linesOf.get(planId) ?? []));
  const plansOf = new Map<number, typeof plans>();
  for (const p of plans) plansOf.set(p.curriculum_item_id, [...(plansOf.get(p.curriculum_item_id) ?? []), p]);
  const out = rows.map((r) => {
    const cands = (plansOf.get(r.curriculum_item_id) ?? []).filter((p) => (p.group_id === null || (p.group_id === r.group_id && (p.subgroup_id === null || p.subgroup_id === r.subgroup_id))));
    const best = cands.sort((x, y) => (x.group_id === null ? 3 : x.subgroup_id === null ? 2 : 1) - (y.group_id === null ? 3 : y.subgroup_id === null ? 2 : 1))[0];
    const due = Number(r.due);
    const delivered = Number(r.delivered);
    return {
      assignmentId: r.id, groupName: r.groupName, subgroupName: r.subgroupName, code: r.code, subjectName: r.name, teacherName: fullName(r), hours: r.hours,
      planHours: best ? planHoursOf(best.id) : null, dueToDate: due, delivered, behind: Math.max(0, due - delivered), percent: fulfilmentPercent(delivered, due),
    };
  }).sort((a, b) => b.behind - a.behind || compareRu(a.groupName, b.groupName) || a.code.localeCompare(b.code));
  const totals = out.reduce((s, r) => ({ hours: s.hours + r.hours, dueToDate: s.dueToDate + r.dueToDate, delivered: s.delivered + r.delivered }), { hours: 0, dueToDate: 0, delivered: 0 });
  return { term: termRef(term), today, rows: out, totals: { ...totals, percent: fulfilmentPercent(totals.delivered, totals.dueToDate) } };
}
