import { inferSex } from '../../domain/name-cases.js';
import type { z } from 'zod';
import type {
  ContactChangesQuery, GuardianLinkBody, GuardiansQuery, PersonFields, StaffCreate, StaffQuery, StaffRoleInput, StudentCard, StudentCreate, StudentsQuery,
} from '../../contracts/people.js';
import { todayIn } from '../../domain/dates.js';
import { scopesFor, type Permission, type Scope } from '../../domain/permissions.js';
import { ENROLLMENT_TITLES, isEmail, normalizePhone, normalizeSnils, type StudentStatus } from '../../domain/people.js';
import { fullName, searchKey, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { groupName } from './queries.js';
import { logViews } from './view-log.js';
import { accessOf, inScope, mayManagePerson, NO_ACCESS, orgSettings, personDto, personOf, refuseBeyondReach, studentScope, who } from './scope.js';

const RELATIONS: Record<string, string> = { mother: 'мать', father: 'отец', guardian: 'опекун', parent: 'родитель', other: 'законный представитель' };
export const relationTitle = (r: string) => RELATIONS[r] ?? r;
/** The search and page of a list, as the view log shows them. */
async function listDetail(ctx: Ctx, f: { page: number; q?: string; groupId?: number }) {
  const g = f.groupId ? await groupName(ctx.db, ctx.principal.organizationId, f.groupId) : undefined;
  return [g ? `группа ${g}` : '', f.q ? `поиск «${f.q}»` : '', `стр. ${f.page}`].filter(Boolean).join(', ');
}
const likeKey = (q: string) => `%${searchKey(q).replace(/[%_]/g, '')}%`;

/** Contacts and documents as stored: СНИЛС and phones normalized, e-mail checked. */
export function cleanPerson(p: Pick<PersonFields, 'snils' | 'phone' | 'email'>) {
  const out = { snils: null as string | null, phone: null as string | null, email: null as string | null };
  if (p.snils) {
    const r = normalizeSnils(p.snils);
    if ('error' in r) throw fieldError('snils', r.error);
    out.snils = r.value;
  }
  if (p.phone) {
    const r = normalizePhone(p.phone);
    if ('error' in r) throw fieldError('phone', r.error);
    out.phone = r.value;
  }
  if (p.email) {
    if (!isEmail(p.email)) throw fieldError('email', 'Эл. почта в виде name@example.ru.');
    out.email = p.email.toLowerCase();
  }
  return out;
}

export function personValues(p: PersonFields) {
  const c = cleanPerson(p);
  return {
    last_name: p.lastName, first_name: p.firstName, middle_name: p.middleName, birth_date: p.birthDate, ...c,
    gender: p.gender ?? inferSex({ last_name: p.lastName, first_name: p.firstName, middle_name: p.middleName }),
    sort_key: searchKey(p.lastName, p.firstName, p.middleName),
  };
}

// ── Students ──

export async function listStudents(ctx: Ctx, scopes: Scope[], f: z.infer<typeof StudentsQuery>) {
  const orgId = ctx.principal.organizationId;
  const sc = await studentScope(ctx, scopes);
  let q = ctx.db.selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.end_date', 'is', null))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .where('s.organization_id', '=', orgId)
    .where(inScope(sc, 's.id', { current: true }));
  if (f.status !== 'all') q = q.where('s.status', '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('p.sort_key', 'like', likeKey(f.q!)), eb('s.record_book_no', '=', f.q!)]));
  if (f.groupId) q = q.where('gm.group_id', '=', f.groupId);
  if (f.course) q = q.where('g.course', '=', f.course);
  if (f.programId) q = q.where('g.program_id', '=', f.programId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const dir = f.sort.startsWith('-') ? 'desc' : 'asc';
  const key = f.sort.replace('-', '');
  let rows = q.select(['s.id', 's.person_id', 's.status', 's.record_book_no', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.birth_date', 'p.phone', 'g.id as group_id', 'g.name as group_name', 'g.course']);
  if (key === 'group') rows = rows.orderBy('g.sort_key', dir).orderBy('p.sort_key');
  else if (key === 'birthDate') rows = rows.orderBy('p.birth_date', dir).orderBy('p.sort_key');
  else rows = rows.orderBy('p.sort_key', dir);
  const items = await rows.orderBy('s.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  await logViews(ctx, 'students', items.map((r) => r.person_id), await listDetail(ctx, f));
  return {
    items: items.map((r) => ({
      id: r.id, personId: r.person_id, fullName: fullName(r), birthDate: r.birth_date, status: r.status as StudentStatus,
      groupId: r.group_id, groupName: r.group_name, course: r.course, phone: r.phone, recordBookNo: r.record_book_no,
    })),
    total: Number(total.n), page: f.page, pageSize: f.pageSize,
  };
}

/** A student of the organization within the caller's scope, or 404. */
export async function studentInScope(ctx: Ctx, scopes: Scope[], id: number) {
  const sc = await studentScope(ctx, scopes);
  const s = await ctx.db.selectFrom('students as s').selectAll('s').where('s.organization_id', '=', ctx.principal.organizationId)
    .where('s.id', '=', id).where(inScope(sc, 's.id')).executeTakeFirst();
  if (!s) throw notFound('Обучающийся не найден или недоступен вам.');
  return s;
}

export async function enrollmentEvents(db: Db | Tx, orgId: number, studentId: number) {
  const rows = await db.selectFrom('enrollment_events as e')
    .leftJoin('groups as gf', 'gf.id', 'e.from_group_id')
    .leftJoin('groups as gt', 'gt.id', 'e.to_group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'e.to_subgroup_id')
    .leftJoin('users as u', 'u.id', 'e.created_by_user_id')
    .leftJoin('persons as up', 'up.id', 'u.person_id')
    .select(['e.id', 'e.kind', 'e.effective_date', 'gf.name as from_name', 'gt.name as to_name', 'sg.name as sub_name', 'e.order_no', 'e.reason', 'e.created_at', 'up.last_name', 'up.first_name', 'up.middle_name'])
    .where('e.organization_id', '=', orgId).where('e.student_id', '=', studentId)
    .orderBy('e.effective_date', 'desc').orderBy('e.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: ENROLLMENT_TITLES[r.kind], effectiveDate: r.effective_date, fromGroup: r.from_name, toGroup: r.to_name, toSubgroup: r.sub_name,
    orderNo: r.order_no, reason: r.reason, by: r.last_name ? shortName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : null, at: r.created_at,
  }));
}

export async function studentCard(ctx: Ctx, scopes: Scope[], id: number): Promise<StudentCard> {
  const orgId = ctx.principal.organizationId;
  const s = await studentInScope(ctx, scopes, id);
  const person = await personOf(ctx.db, orgId, s.person_id);
  const today = todayIn(ctx.principal.timeZone);
  const [memberships, subgroups, guardians, events, settings] = await Promise.all([
    ctx.db.selectFrom('group_memberships as gm').innerJoin('groups as g', 'g.id', 'gm.group_id').leftJoin('persons as c', 'c.id', 'g.curator_person_id')
      .select(['gm.group_id', 'g.name', 'g.course', 'gm.start_date', 'gm.end_date', 'c.last_name', 'c.first_name', 'c.middle_name'])
      .where('gm.organization_id', '=', orgId).where('gm.student_id', '=', id).orderBy('gm.start_date', 'desc').execute(),
    ctx.db.selectFrom('subgroup_memberships as sm').innerJoin('subgroups as sg', 'sg.id', 'sm.subgroup_id').select(['sg.id', 'sg.name'])
      .where('sm.organization_id', '=', orgId).where('sm.student_id', '=', id).where('sm.start_date', '<=', today)
      .where((eb) => eb.or([eb('sm.end_date', 'is', null), eb('sm.end_date', '>=', today)])).execute(),
    ctx.db.selectFrom('guardian_links as gl').innerJoin('persons as p', 'p.id', 'gl.guardian_person_id').selectAll('p').select(['gl.id as link_id', 'gl.relation'])
      .where('gl.organization_id', '=', orgId).where('gl.student_id', '=', id).orderBy('p.sort_key').execute(),
    enrollmentEvents(ctx.db, orgId, id),
    orgSettings(ctx.db, orgId),
  ]);
  const access = await accessOf(ctx.db, orgId, [s.person_id, ...guardians.map((g) => g.id)]);
  const current = memberships.find((m) => m.end_date === null);
  const isStaff = ctx.principal.roles.some((r) => r !== 'student' && r !== 'guardian');
  const [contacts, credentials] = await Promise.all([
    permissionFor(ctx, 'people:contacts').then((sc) => sc.length > 0 && mayManagePerson(ctx, sc, s.person_id)),
    permissionFor(ctx, 'people:credentials').then((sc) => sc.length > 0 && mayManagePerson(ctx, sc, s.person_id)),
  ]);
  await logViews(ctx, 'student-card', [s.person_id, ...guardians.map((g) => g.id)], fullName(person));
  const showPrivate = isStaff;
  return {
    id: s.id,
    person: { ...personDto(person), snils: showPrivate ? person.snils : null },
    status: s.status as StudentStatus,
    recordBookNo: s.record_book_no,
    group: current ? { id: current.group_id, name: current.name, course: current.course, curatorName: current.last_name ? fullName({ last_name: current.last_name, first_name: current.first_name ?? '', middle_name: current.middle_name }) : null } : null,
    subgroups,
    memberships: memberships.map((m) => ({ groupId: m.group_id, groupName: m.name, from: m.start_date, to: m.end_date })),
    guardians: guardians.map((g) => ({ ...personDto(g), snils: null, linkId: g.link_id, relation: relationTitle(g.relation), access: access.get(g.id) ?? NO_ACCESS })),
    events: isStaff ? events : [],
    access: access.get(s.person_id) ?? NO_ACCESS,
    can: {
      editPerson: hasOrg(ctx, 'people:write'),
      editContacts: contacts,
      contactsNeedApproval: contacts && !hasOrg(ctx, 'people:contacts') && settings.contactChangesNeedApproval,
      move: hasOrg(ctx, 'people:movement'),
      credentials,
    },
  };
}

export const permissionFor = async (ctx: Ctx, p: Permission) => scopesFor(ctx.principal.roles, p);
export const hasOrg = (ctx: Ctx, p: Permission) => scopesFor(ctx.principal.roles, p).includes('org');

export async function createStudent(ctx: Ctx, input: z.infer<typeof StudentCreate>) {
  const orgId = ctx.principal.organizationId;
  const group = await ctx.db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('id', '=', input.groupId).where('status', '=', 'active').executeTakeFirst();
  if (!group) throw fieldError('groupId', 'Выберите действующую группу.');
  if (input.subgroupId) {
    const sg = await ctx.db.selectFrom('subgroups').select('id').where('group_id', '=', input.groupId).where('id', '=', input.subgroupId).executeTakeFirst();
    if (!sg) throw fieldError('subgroupId', 'Подгруппа не из этой группы.');
  }
  const values = personValues(input);
  if (values.snils) {
    const dup = await ctx.db.selectFrom('persons').innerJoin('students', 'students.person_id', 'persons.id').select('persons.id')
      .where('persons.organization_id', '=', orgId).where('persons.snils', '=', values.snils).executeTakeFirst();
    if (dup) throw fieldError('snils', 'Обучающийся с таким СНИЛС уже есть. Найдите его в списке.');
  }
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const p = await tx.insertInto('persons').values({ organization_id: orgId, ...values, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const s = await tx.insertInto('students').values({ organization_id: orgId, person_id: p.id, status: 'active', record_book_no: input.recordBookNo }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('group_memberships').values({ organization_id: orgId, student_id: s.id, group_id: input.groupId, start_date: input.enrolDate, end_date: null }).execute();
    if (input.subgroupId) await tx.insertInto('subgroup_memberships').values({ organization_id: orgId, student_id: s.id, subgroup_id: input.subgroupId, start_date: input.enrolDate, end_date: null }).execute();
    await tx.insertInto('enrollment_events').values({
      organization_id: orgId, student_id: s.id, kind: 'enrol', effective_date: input.enrolDate, from_group_id: null, to_group_id: input.groupId, to_subgroup_id: input.subgroupId,
      order_no: input.orderNo, reason: 'Зачисление', created_by_user_id: ctx.principal.userId, created_at: now,
    }).execute();
    await audit(tx, { ...who(ctx), action: 'people.student_created', entity: 'student', entityId: s.id, after: { ...values, groupId: input.groupId, enrolDate: input.enrolDate, orderNo: input.orderNo } });
    return { id: s.id, personId: p.id };
  });
}

/** Full edit of a person's data by the administrator. */
export async function updatePerson(ctx: Ctx, scopes: Scope[], personId: number, input: PersonFields) {
  const orgId = ctx.principal.organizationId;
  const before = await personOf(ctx.db, orgId, personId);
  await refuseBeyondReach(ctx, scopes, [before]);
  const values = personValues(input);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('persons').set({ ...values, updated_at: nowIso() }).where('id', '=', personId).execute();
    await audit(tx, { ...who(ctx), action: 'people.person_updated', entity: 'person', entityId: personId, before: personDto(before), after: values });
  });
  return personDto(await personOf(ctx.db, orgId, personId));
}

// ── Contacts kept by curators (п. 3.12) ──

export async function changeContacts(ctx: Ctx, scopes: Scope[], personId: number, input: { phone?: string | null; email?: string | null }) {
  const orgId = ctx.principal.organizationId;
  const person = await personOf(ctx.db, orgId, personId);
  await refuseBeyondReach(ctx, scopes, [person]);
  const c = cleanPerson({ snils: null, phone: input.phone ?? null, email: input.email ?? null });
  const before: Record<string, string | null> = {};
  const after: Record<string, string | null> = {};
  if (input.phone !== undefined && c.phone !== person.phone) {
    before.phone = person.phone;
    after.phone = c.phone;
  }
  if (input.email !== undefined && c.email !== person.email) {
    before.email = person.email;
    after.email = c.email;
  }
  if (!Object.keys(after).length) return { status: 'unchanged' as const, message: 'Контакты не изменились.' };
  const settings = await orgSettings(ctx.db, orgId);
  const pending = !scopes.includes('org') && settings.contactChangesNeedApproval;
  const student = await ctx.db.selectFrom('students').select('id').where('person_id', '=', personId).executeTakeFirst();
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('contact_changes').values({
      organization_id: orgId, person_id: personId, student_id: student?.id ?? null, before: JSON.stringify(before), after: JSON.stringify(after),
      status: pending ? 'pending' : 'applied', requested_by_user_id: ctx.principal.userId, requested_at: now, decided_by_user_id: null, decided_at: null, decision_note: null,
    }).execute();
    if (!pending) await tx.updateTable('persons').set({ ...after, updated_at: now }).where('id', '=', personId).execute();
    await audit(tx, { ...who(ctx), action: pending ? 'people.contacts_requested' : 'people.contacts_changed', entity: 'person', entityId: personId, before, after });
  });
  return pending
    ? { status: 'pending' as const, message: 'Изменение отправлено администратору журнала на утверждение.' }
    : { status: 'applied' as const, message: `Контакты изменены: ${fullName(person)}.` };
}

export async function listContactChanges(ctx: Ctx, scopes: Scope[], f: z.infer<typeof ContactChangesQuery>) {
  const orgId = ctx.principal.organizationId;
  let q = ctx.db.selectFrom('contact_changes as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('users as ru', 'ru.id', 'c.requested_by_user_id').leftJoin('persons as rp', 'rp.id', 'ru.person_id')
    .leftJoin('users as du', 'du.id', 'c.decided_by_user_id').leftJoin('persons as dp', 'dp.id', 'du.person_id')
    .where('c.organization_id', '=', orgId);
  if (!scopes.includes('org')) q = q.where('c.requested_by_user_id', '=', ctx.principal.userId);
  if (f.status !== 'all') q = q.where('c.status', '=', f.status);
  if (f.personId) q = q.where('c.person_id', '=', f.personId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select([
    'c.id', 'c.person_id', 'c.student_id', 'c.before', 'c.after', 'c.status', 'c.requested_at', 'c.decided_at', 'c.decision_note',
    'p.last_name', 'p.first_name', 'p.middle_name', 'rp.last_name as r_last', 'rp.first_name as r_first', 'rp.middle_name as r_middle',
    'dp.last_name as d_last', 'dp.first_name as d_first', 'dp.middle_name as d_middle',
    (eb) => eb.selectFrom('group_memberships as gm').innerJoin('groups as g', 'g.id', 'gm.group_id').select('g.name')
      .where('gm.end_date', 'is', null)
      .where((e) => e.or([e('gm.student_id', '=', e.ref('c.student_id')), e('gm.student_id', 'in', e.selectFrom('guardian_links as gl').select('gl.student_id').whereRef('gl.guardian_person_id', '=', 'c.person_id'))]))
      .limit(1).as('group_name'),
  ]).orderBy('c.requested_at', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  await logViews(ctx, 'contact-changes', rows.map((r) => r.person_id), await listDetail(ctx, f));
  const nm = (l: string | null, fn: string | null, m: string | null) => (l ? shortName({ last_name: l, first_name: fn ?? '', middle_name: m }) : null);
  return {
    items: rows.map((r) => ({
      id: r.id, personId: r.person_id, personName: fullName(r), studentId: r.student_id, groupName: r.group_name ?? null,
      before: JSON.parse(r.before) as Record<string, string | null>, after: JSON.parse(r.after) as Record<string, string | null>, status: r.status,
      requestedBy: nm(r.r_last, r.r_first, r.r_middle), requestedAt: r.requested_at, decidedBy: nm(r.d_last, r.d_first, r.d_middle), decidedAt: r.decided_at, decisionNote: r.decision_note,
    })),
    total: Number(total.n), page: f.page, pageSize: f.pageSize,
  };
}

export async function decideContactChange(ctx: Ctx, scopes: Scope[], id: number, input: { approve: boolean; note: string | null }) {
  const orgId = ctx.principal.organizationId;
  const c = await ctx.db.selectFrom('contact_changes').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('Заявка на изменение контактов не найдена.');
  await refuseBeyondReach(ctx, scopes, [await personOf(ctx.db, orgId, c.person_id)]);
  if (c.status !== 'pending') throw conflict('Заявка уже рассмотрена.');
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('contact_changes').set({ status: input.approve ? 'approved' : 'rejected', decided_by_user_id: ctx.principal.userId, decided_at: now, decision_note: input.note }).where('id', '=', id).execute();
    if (input.approve) await tx.updateTable('persons').set({ ...(JSON.parse(c.after) as Record<string, string | null>), updated_at: now }).where('id', '=', c.person_id).execute();
    await audit(tx, { ...who(ctx), action: input.approve ? 'people.contacts_approved' : 'people.contacts_rejected', entity: 'person', entityId: c.person_id, before: JSON.parse(c.before), after: JSON.parse(c.after), reason: input.note });
  });
  return { ok: true as const };
}

export async function getSettings(ctx: Ctx) {
  return orgSettings(ctx.db, ctx.principal.organizationId);
}

export async function saveSettings(ctx: Ctx, input: { contactChangesNeedApproval: boolean }) {
  const orgId = ctx.principal.organizationId;
  const o = await ctx.db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  let s: Record<string, unknown> = {};
  try {
    s = JSON.parse(o.settings) as Record<string, unknown>;
  } catch {
    s = {};
  }
  const before = { contactChangesNeedApproval: s.contactChangesNeedApproval === true };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('organizations').set({ settings: JSON.stringify({ ...s, ...input }) }).where('id', '=', orgId).execute();
    await audit(tx, { ...who(ctx), action: 'people.settings_changed', entity: 'organization', entityId: orgId, before, after: input });
  });
  return input;
}

// ── Guardians ──

async function childrenOf(db: Db | Tx, orgId: number, guardianIds: number[]) {
  if (!guardianIds.length) return new Map<number, { studentId: number; fullName: string; groupName: string | null; relation: string }[]>();
  const rows = await db.selectFrom('guardian_links as gl')
    .innerJoin('students as s', 's.id', 'gl.student_id').innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.end_date', 'is', null))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['gl.guardian_person_id', 's.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'g.name', 'gl.relation'])
    .where('gl.organization_id', '=', orgId).where('gl.guardian_person_id', 'in', guardianIds).orderBy('p.sort_key').execute();
  const out = new Map<number, { studentId: number; fullName: string; groupName: string | null; relation: string }[]>();
  for (const r of rows) {
    const list = out.get(r.guardian_person_id) ?? [];
    list.push({ studentId: r.id, fullName: fullName(r), groupName: r.name, relation: relationTitle(r.relation) });
    out.set(r.guardian_person_id, list);
  }
  return out;
}

export async function listGuardians(ctx: Ctx, scopes: Scope[], f: z.infer<typeof GuardiansQuery>) {
  const orgId = ctx.principal.organizationId;
  const sc = await studentScope(ctx, scopes);
  let q = ctx.db.selectFrom('persons as p').where('p.organization_id', '=', orgId)
    .where((eb) => eb.exists(eb.selectFrom('guardian_links as gl').select('gl.id').whereRef('gl.guardian_person_id', '=', 'p.id')
      .where(inScope(sc, 'gl.student_id', { current: true }))
      .$if(!!f.groupId, (qb) => qb.where('gl.student_id', 'in', ctx.db.selectFrom('group_memberships').select('student_id').where('group_id', '=', f.groupId!).where('end_date', 'is', null)))));
  if (f.q) q = q.where((eb) => eb.or([eb('p.sort_key', 'like', likeKey(f.q!)), eb('p.phone', 'like', `%${f.q}%`)]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.phone', 'p.email']).orderBy('p.sort_key').orderBy('p.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const [kids, access] = await Promise.all([childrenOf(ctx.db, orgId, rows.map((r) => r.id)), accessOf(ctx.db, orgId, rows.map((r) => r.id))]);
  await logViews(ctx, 'guardians', rows.map((r) => r.id), await listDetail(ctx, f));
  return {
    items: rows.map((r) => ({ personId: r.id, fullName: fullName(r), phone: r.phone, email: r.email, children: kids.get(r.id) ?? [], access: access.get(r.id) ?? NO_ACCESS })),
    total: Number(total.n), page: f.page, pageSize: f.pageSize,
  };
}

export async function guardianCard(ctx: Ctx, scopes: Scope[], personId: number) {
  const orgId = ctx.principal.organizationId;
  const sc = await studentScope(ctx, scopes);
  const visible = ctx.principal.personId === personId || await ctx.db.selectFrom('guardian_links as gl').select('gl.id').where('gl.organization_id', '=', orgId)
    .where('gl.guardian_person_id', '=', personId).where(inScope(sc, 'gl.student_id')).executeTakeFirst();
  if (!visible) throw notFound('Родитель не найден или недоступен вам.');
  const person = await personOf(ctx.db, orgId, personId);
  const [kids, access, contacts, credentials] = await Promise.all([
    childrenOf(ctx.db, orgId, [personId]), accessOf(ctx.db, orgId, [personId]),
    permissionFor(ctx, 'people:contacts').then((s) => s.length > 0 && mayManagePerson(ctx, s, personId)),
    permissionFor(ctx, 'people:credentials').then((s) => s.length > 0 && mayManagePerson(ctx, s, personId)),
  ]);
  await logViews(ctx, 'guardian-card', [personId], fullName(person));
  return {
    person: { ...personDto(person), snils: null },
    children: kids.get(personId) ?? [],
    access: access.get(personId) ?? NO_ACCESS,
    can: { editPerson: hasOrg(ctx, 'people:write'), editContacts: contacts, credentials },
  };
}

export async function linkGuardian(ctx: Ctx, scopes: Scope[], studentId: number, input: z.infer<typeof GuardianLinkBody>) {
  const orgId = ctx.principal.organizationId;
  const s = await ctx.db.selectFrom('students').select(['id', 'person_id']).where('organization_id', '=', orgId).where('id', '=', studentId).executeTakeFirst();
  if (!s) throw notFound('Обучающийся не найден.');
  const concerned = [s.person_id, ...(input.guardianPersonId ? [input.guardianPersonId] : [])];
  await refuseBeyondReach(ctx, scopes, await Promise.all(concerned.map((id) => personOf(ctx.db, orgId, id))));
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    let guardianId = input.guardianPersonId;
    if (guardianId) await personOf(tx, orgId, guardianId);
    else guardianId = (await tx.insertInto('persons').values({ organization_id: orgId, ...personValues(input), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const exists = await tx.selectFrom('guardian_links').select('id').where('guardian_person_id', '=', guardianId).where('student_id', '=', studentId).executeTakeFirst();
    if (exists) throw conflict('Этот родитель уже связан с обучающимся.');
    const link = await tx.insertInto('guardian_links').values({ organization_id: orgId, guardian_person_id: guardianId, student_id: studentId, relation: input.relation }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, { ...who(ctx), action: 'people.guardian_linked', entity: 'student', entityId: studentId, after: { guardianPersonId: guardianId, relation: input.relation } });
    return { linkId: link.id, personId: guardianId };
  });
}

export async function unlinkGuardian(ctx: Ctx, scopes: Scope[], linkId: number) {
  const orgId = ctx.principal.organizationId;
  const link = await ctx.db.selectFrom('guardian_links').selectAll().where('organization_id', '=', orgId).where('id', '=', linkId).executeTakeFirst();
  if (!link) throw notFound('Связь не найдена.');
  await refuseBeyondReach(ctx, scopes, [await personOf(ctx.db, orgId, link.guardian_person_id)]);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('guardian_links').where('id', '=', linkId).execute();
    await audit(tx, { ...who(ctx), action: 'people.guardian_unlinked', entity: 'student', entityId: link.student_id, before: { guardianPersonId: link.guardian_person_id, relation: link.relation } });
  });
}

// ── Staff ──

export async function listStaff(ctx: Ctx, scopes: Scope[], f: z.infer<typeof StaffQuery>) {
  if (!scopes.includes('org')) throw forbidden('Список сотрудников доступен администрации колледжа.');
  const orgId = ctx.principal.organizationId;
  let q = ctx.db.selectFrom('persons as p').where('p.organization_id', '=', orgId)
    .where((eb) => eb.exists(eb.selectFrom('staff_roles as r').select('r.id').whereRef('r.person_id', '=', 'p.id').$if(!!f.role, (qb) => qb.where('r.role', '=', f.role!))));
  if (f.q) q = q.where('p.sort_key', 'like', likeKey(f.q));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.phone', 'p.email']).orderBy('p.sort_key').orderBy('p.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const ids = rows.map((r) => r.id);
  const [roles, curated, access] = await Promise.all([
    ids.length ? ctx.db.selectFrom('staff_roles as r').leftJoin('subject_commissions as c', 'c.id', 'r.commission_id').select(['r.person_id', 'r.role', 'r.title', 'c.name']).where('r.person_id', 'in', ids).execute() : [],
    ids.length ? ctx.db.selectFrom('groups').select(['curator_person_id', 'name']).where('curator_person_id', 'in', ids).where('status', '=', 'active').orderBy('sort_key').execute() : [],
    accessOf(ctx.db, orgId, ids),
  ]);
  await logViews(ctx, 'staff', ids, await listDetail(ctx, f));
  return {
    items: rows.map((r) => ({
      personId: r.id, fullName: fullName(r), phone: r.phone, email: r.email,
      roles: roles.filter((x) => x.person_id === r.id).map((x) => ({ role: x.role as StaffRoleName, title: x.title, commissionName: x.name })),
      curatorOf: curated.filter((g) => g.curator_person_id === r.id).map((g) => g.name),
      access: access.get(r.id) ?? NO_ACCESS,
    })),
    total: Number(total.n), page: f.page, pageSize: f.pageSize,
  };
}
type StaffRoleName = z.infer<typeof StaffRoleInput>['role'];

async function checkRoles(db: Db | Tx, orgId: number, roles: z.infer<typeof StaffRoleInput>[]) {
  for (const r of roles) {
    if (r.role === 'chair') {
      if (!r.commissionId) throw fieldError('roles', 'Для председателя ПЦК выберите комиссию.');
      const c = await db.selectFrom('subject_commissions').select('id').where('organization_id', '=', orgId).where('id', '=', r.commissionId).executeTakeFirst();
      if (!c) throw fieldError('roles', 'Выберите ПЦК из списка.');
    }
  }
}

export async function createStaff(ctx: Ctx, input: z.infer<typeof StaffCreate>) {
  const orgId = ctx.principal.organizationId;
  await checkRoles(ctx.db, orgId, input.roles);
  const values = personValues(input);
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const p = await tx.insertInto('persons').values({ organization_id: orgId, ...values, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('staff_roles').values(input.roles.map((r) => ({ organization_id: orgId, person_id: p.id, role: r.role, title: r.title, commission_id: r.role === 'chair' ? r.commissionId : null }))).execute();
    await audit(tx, { ...who(ctx), action: 'people.staff_created', entity: 'person', entityId: p.id, after: { ...values, roles: input.roles } });
    return { personId: p.id };
  });
}

export async function setStaffRoles(ctx: Ctx, scopes: Scope[], personId: number, roles: z.infer<typeof StaffRoleInput>[]) {
  const orgId = ctx.principal.organizationId;
  await refuseBeyondReach(ctx, scopes, [await personOf(ctx.db, orgId, personId)]);
  await checkRoles(ctx.db, orgId, roles);
  if (personId === ctx.principal.personId && !roles.some((r) => r.role === 'admin')) throw conflict('Нельзя снять роль администратора с самого себя: попросите другого администратора.');
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('staff_roles').select(['role', 'title', 'commission_id']).where('person_id', '=', personId).execute();
    await tx.deleteFrom('staff_roles').where('organization_id', '=', orgId).where('person_id', '=', personId).execute();
    if (roles.length) await tx.insertInto('staff_roles').values(roles.map((r) => ({ organization_id: orgId, person_id: personId, role: r.role, title: r.title, commission_id: r.role === 'chair' ? r.commissionId : null }))).execute();
    // A chair's commission follows the role.
    await tx.updateTable('subject_commissions').set({ chair_person_id: null }).where('organization_id', '=', orgId).where('chair_person_id', '=', personId).execute();
    for (const r of roles) if (r.role === 'chair' && r.commissionId) await tx.updateTable('subject_commissions').set({ chair_person_id: personId }).where('id', '=', r.commissionId).execute();
    await audit(tx, { ...who(ctx), action: 'people.staff_roles_changed', entity: 'person', entityId: personId, before, after: roles });
  });
  return { ok: true as const };
}
