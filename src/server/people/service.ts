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
import { logViews } from './view-log.js';
import { accessOf, mayManagePerson, NO_ACCESS, orgSettings, parseSettings, personDto, personOf, refuseBeyondReach, studentScope, who } from './scope.js';
import { contactChangeById, contactChangesPage, decideContactChangeRow, insertContactChange } from './queries/contacts.js';
import {
  childrenOfGuardians, deleteGuardianLink, guardianInScope, guardianLinkById, guardianLinkExists, guardiansPage, insertGuardianLink,
} from './queries/guardians.js';
import { insertEnrollmentEvent, insertGroupMembership, insertSubgroupMemberships, subgroupOf } from './queries/movement.js';
import { groupName, insertPerson, orgSettingsText, saveOrgSettingsText, studentOfPerson, updatePersonRow } from './queries/persons.js';
import { commissionExists, curatedGroups, insertStaffRoles, replaceStaffRoles, staffPage, staffRolesOf } from './queries/staff.js';
import {
  activeGroup, enrollmentEventRows, guardiansOfStudent, insertStudent, membershipsOf, studentInScopeRow, studentRow, studentsPage, studentWithSnils,
  subgroupsOfStudentOn,
} from './queries/students.js';

const RELATIONS: Record<string, string> = { mother: 'мать', father: 'отец', guardian: 'опекун', parent: 'родитель', other: 'законный представитель' };
export const relationTitle = (r: string) => RELATIONS[r] ?? r;
/** The search and page of a list, as the view log shows them. */
async function listDetail(ctx: Ctx, f: { page: number; q?: string; groupId?: number }) {
  const g = f.groupId ? await groupName(ctx.db, ctx.principal.organizationId, f.groupId) : undefined;
  return [g ? `группа ${g}` : '', f.q ? `поиск «${f.q}»` : '', `стр. ${f.page}`].filter(Boolean).join(', ');
}

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
  const { total, items } = await studentsPage(ctx.db, orgId, await studentScope(ctx, scopes), f);
  await logViews(ctx, 'students', items.map((r) => r.person_id), await listDetail(ctx, f));
  return {
    items: items.map((r) => ({
      id: r.id, personId: r.person_id, fullName: fullName(r), birthDate: r.birth_date, status: r.status as StudentStatus,
      groupId: r.group_id, groupName: r.group_name, course: r.course, phone: r.phone, recordBookNo: r.record_book_no,
    })),
    total, page: f.page, pageSize: f.pageSize,
  };
}

/** A student of the organization within the caller's scope, or 404. */
export async function studentInScope(ctx: Ctx, scopes: Scope[], id: number) {
  const sc = await studentScope(ctx, scopes);
  const s = await studentInScopeRow(ctx.db, ctx.principal.organizationId, sc, id);
  if (!s) throw notFound('Обучающийся не найден или недоступен вам.');
  return s;
}

export async function enrollmentEvents(db: Db | Tx, orgId: number, studentId: number) {
  const rows = await enrollmentEventRows(db, orgId, studentId);
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
    membershipsOf(ctx.db, orgId, id),
    subgroupsOfStudentOn(ctx.db, orgId, id, today),
    guardiansOfStudent(ctx.db, orgId, id),
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
  const group = await activeGroup(ctx.db, orgId, input.groupId);
  if (!group) throw fieldError('groupId', 'Выберите действующую группу.');
  if (input.subgroupId) {
    const sg = await subgroupOf(ctx.db, orgId, input.subgroupId, input.groupId);
    if (!sg) throw fieldError('subgroupId', 'Подгруппа не из этой группы.');
  }
  const values = personValues(input);
  if (values.snils) {
    const dup = await studentWithSnils(ctx.db, orgId, values.snils);
    if (dup) throw fieldError('snils', 'Обучающийся с таким СНИЛС уже есть. Найдите его в списке.');
  }
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const personId = await insertPerson(tx, orgId, values, now);
    const id = await insertStudent(tx, orgId, personId, input.recordBookNo);
    await insertGroupMembership(tx, orgId, id, input.groupId, input.enrolDate);
    if (input.subgroupId) await insertSubgroupMemberships(tx, orgId, input.subgroupId, [id], input.enrolDate);
    await insertEnrollmentEvent(tx, orgId, {
      student_id: id, kind: 'enrol', effective_date: input.enrolDate, from_group_id: null, to_group_id: input.groupId, to_subgroup_id: input.subgroupId,
      order_no: input.orderNo, reason: 'Зачисление', created_by_user_id: ctx.principal.userId, created_at: now,
    });
    await audit(tx, {
      ...who(ctx), action: 'people.student_created', entity: 'student', entityId: id,
      after: { ...values, groupId: input.groupId, enrolDate: input.enrolDate, orderNo: input.orderNo },
    });
    return { id, personId };
  });
}

/** Full edit of a person's data by the administrator. */
export async function updatePerson(ctx: Ctx, scopes: Scope[], personId: number, input: PersonFields) {
  const orgId = ctx.principal.organizationId;
  const before = await personOf(ctx.db, orgId, personId);
  await refuseBeyondReach(ctx, scopes, [before]);
  const values = personValues(input);
  await ctx.db.transaction().execute(async (tx) => {
    await updatePersonRow(tx, orgId, personId, values, nowIso());
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
  const student = await studentOfPerson(ctx.db, orgId, personId);
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await insertContactChange(tx, orgId, {
      person_id: personId, student_id: student?.id ?? null, before: JSON.stringify(before), after: JSON.stringify(after),
      status: pending ? 'pending' : 'applied', requested_by_user_id: ctx.principal.userId, requested_at: now, decided_by_user_id: null, decided_at: null, decision_note: null,
    });
    if (!pending) await updatePersonRow(tx, orgId, personId, after, now);
    await audit(tx, { ...who(ctx), action: pending ? 'people.contacts_requested' : 'people.contacts_changed', entity: 'person', entityId: personId, before, after });
  });
  return pending
    ? { status: 'pending' as const, message: 'Изменение отправлено администратору журнала на утверждение.' }
    : { status: 'applied' as const, message: `Контакты изменены: ${fullName(person)}.` };
}

export async function listContactChanges(ctx: Ctx, scopes: Scope[], f: z.infer<typeof ContactChangesQuery>) {
  const orgId = ctx.principal.organizationId;
  const { total, rows } = await contactChangesPage(ctx.db, orgId, { ...f, requestedBy: scopes.includes('org') ? null : ctx.principal.userId });
  await logViews(ctx, 'contact-changes', rows.map((r) => r.person_id), await listDetail(ctx, f));
  const nm = (l: string | null, fn: string | null, m: string | null) => (l ? shortName({ last_name: l, first_name: fn ?? '', middle_name: m }) : null);
  return {
    items: rows.map((r) => ({
      id: r.id, personId: r.person_id, personName: fullName(r), studentId: r.student_id, groupName: r.group_name ?? null,
      before: JSON.parse(r.before) as Record<string, string | null>, after: JSON.parse(r.after) as Record<string, string | null>, status: r.status,
      requestedBy: nm(r.r_last, r.r_first, r.r_middle), requestedAt: r.requested_at, decidedBy: nm(r.d_last, r.d_first, r.d_middle), decidedAt: r.decided_at, decisionNote: r.decision_note,
    })),
    total, page: f.page, pageSize: f.pageSize,
  };
}

export async function decideContactChange(ctx: Ctx, scopes: Scope[], id: number, input: { approve: boolean; note: string | null }) {
  const orgId = ctx.principal.organizationId;
  const c = await contactChangeById(ctx.db, orgId, id);
  if (!c) throw notFound('Заявка на изменение контактов не найдена.');
  await refuseBeyondReach(ctx, scopes, [await personOf(ctx.db, orgId, c.person_id)]);
  if (c.status !== 'pending') throw conflict('Заявка уже рассмотрена.');
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await decideContactChangeRow(tx, orgId, id, { approve: input.approve, userId: ctx.principal.userId, at: now, note: input.note });
    if (input.approve) await updatePersonRow(tx, orgId, c.person_id, JSON.parse(c.after) as Record<string, string | null>, now);
    await audit(tx, { ...who(ctx), action: input.approve ? 'people.contacts_approved' : 'people.contacts_rejected', entity: 'person', entityId: c.person_id, before: JSON.parse(c.before), after: JSON.parse(c.after), reason: input.note });
  });
  return { ok: true as const };
}

export async function getSettings(ctx: Ctx) {
  return orgSettings(ctx.db, ctx.principal.organizationId);
}

export async function saveSettings(ctx: Ctx, input: { contactChangesNeedApproval: boolean }) {
  const orgId = ctx.principal.organizationId;
  const s = parseSettings(await orgSettingsText(ctx.db, orgId));
  const before = { contactChangesNeedApproval: s.contactChangesNeedApproval === true };
  await ctx.db.transaction().execute(async (tx) => {
    await saveOrgSettingsText(tx, orgId, JSON.stringify({ ...s, ...input }));
    await audit(tx, { ...who(ctx), action: 'people.settings_changed', entity: 'organization', entityId: orgId, before, after: input });
  });
  return input;
}

// ── Guardians ──

async function childrenOf(db: Db | Tx, orgId: number, guardianIds: number[]) {
  if (!guardianIds.length) return new Map<number, { studentId: number; fullName: string; groupName: string | null; relation: string }[]>();
  const rows = await childrenOfGuardians(db, orgId, guardianIds);
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
  const { total, rows } = await guardiansPage(ctx.db, orgId, await studentScope(ctx, scopes), f);
  const [kids, access] = await Promise.all([childrenOf(ctx.db, orgId, rows.map((r) => r.id)), accessOf(ctx.db, orgId, rows.map((r) => r.id))]);
  await logViews(ctx, 'guardians', rows.map((r) => r.id), await listDetail(ctx, f));
  return {
    items: rows.map((r) => ({ personId: r.id, fullName: fullName(r), phone: r.phone, email: r.email, children: kids.get(r.id) ?? [], access: access.get(r.id) ?? NO_ACCESS })),
    total, page: f.page, pageSize: f.pageSize,
  };
}

export async function guardianCard(ctx: Ctx, scopes: Scope[], personId: number) {
  const orgId = ctx.principal.organizationId;
  const sc = await studentScope(ctx, scopes);
  const visible = ctx.principal.personId === personId || await guardianInScope(ctx.db, orgId, sc, personId);
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
  const s = await studentRow(ctx.db, orgId, studentId);
  if (!s) throw notFound('Обучающийся не найден.');
  const concerned = [s.person_id, ...(input.guardianPersonId ? [input.guardianPersonId] : [])];
  await refuseBeyondReach(ctx, scopes, await Promise.all(concerned.map((id) => personOf(ctx.db, orgId, id))));
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    let guardianId = input.guardianPersonId;
    if (guardianId) await personOf(tx, orgId, guardianId);
    else guardianId = await insertPerson(tx, orgId, personValues(input), now);
    if (await guardianLinkExists(tx, orgId, guardianId, studentId)) throw conflict('Этот родитель уже связан с обучающимся.');
    const linkId = await insertGuardianLink(tx, orgId, guardianId, studentId, input.relation);
    await audit(tx, { ...who(ctx), action: 'people.guardian_linked', entity: 'student', entityId: studentId, after: { guardianPersonId: guardianId, relation: input.relation } });
    return { linkId, personId: guardianId };
  });
}

export async function unlinkGuardian(ctx: Ctx, scopes: Scope[], linkId: number) {
  const orgId = ctx.principal.organizationId;
  const link = await guardianLinkById(ctx.db, orgId, linkId);
  if (!link) throw notFound('Связь не найдена.');
  await refuseBeyondReach(ctx, scopes, [await personOf(ctx.db, orgId, link.guardian_person_id)]);
  await ctx.db.transaction().execute(async (tx) => {
    await deleteGuardianLink(tx, orgId, linkId);
    await audit(tx, { ...who(ctx), action: 'people.guardian_unlinked', entity: 'student', entityId: link.student_id, before: { guardianPersonId: link.guardian_person_id, relation: link.relation } });
  });
}

// ── Staff ──

export async function listStaff(ctx: Ctx, scopes: Scope[], f: z.infer<typeof StaffQuery>) {
  if (!scopes.includes('org')) throw forbidden('Список сотрудников доступен администрации колледжа.');
  const orgId = ctx.principal.organizationId;
  const { total, rows } = await staffPage(ctx.db, orgId, f);
  const ids = rows.map((r) => r.id);
  const [roles, curated, access] = await Promise.all([
    staffRolesOf(ctx.db, orgId, ids),
    curatedGroups(ctx.db, orgId, ids),
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
    total, page: f.page, pageSize: f.pageSize,
  };
}
type StaffRoleName = z.infer<typeof StaffRoleInput>['role'];
/** Only a chair keeps a commission. */
const roleRows = (roles: z.infer<typeof StaffRoleInput>[]) => roles.map((r) => ({ role: r.role, title: r.title, commissionId: r.role === 'chair' ? r.commissionId : null }));

async function checkRoles(db: Db | Tx, orgId: number, roles: z.infer<typeof StaffRoleInput>[]) {
  for (const r of roles) {
    if (r.role === 'chair') {
      if (!r.commissionId) throw fieldError('roles', 'Для председателя ПЦК выберите комиссию.');
      if (!(await commissionExists(db, orgId, r.commissionId))) throw fieldError('roles', 'Выберите ПЦК из списка.');
    }
  }
}

export async function createStaff(ctx: Ctx, input: z.infer<typeof StaffCreate>) {
  const orgId = ctx.principal.organizationId;
  await checkRoles(ctx.db, orgId, input.roles);
  const values = personValues(input);
  const now = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const personId = await insertPerson(tx, orgId, values, now);
    await insertStaffRoles(tx, orgId, personId, roleRows(input.roles));
    await audit(tx, { ...who(ctx), action: 'people.staff_created', entity: 'person', entityId: personId, after: { ...values, roles: input.roles } });
    return { personId };
  });
}

export async function setStaffRoles(ctx: Ctx, scopes: Scope[], personId: number, roles: z.infer<typeof StaffRoleInput>[]) {
  const orgId = ctx.principal.organizationId;
  await refuseBeyondReach(ctx, scopes, [await personOf(ctx.db, orgId, personId)]);
  await checkRoles(ctx.db, orgId, roles);
  if (personId === ctx.principal.personId && !roles.some((r) => r.role === 'admin')) throw conflict('Нельзя снять роль администратора с самого себя: попросите другого администратора.');
  await ctx.db.transaction().execute(async (tx) => {
    const before = await replaceStaffRoles(tx, orgId, personId, roleRows(roles));
    await audit(tx, { ...who(ctx), action: 'people.staff_roles_changed', entity: 'person', entityId: personId, before, after: roles });
  });
  return { ok: true as const };
}
