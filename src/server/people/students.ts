import type { z } from 'zod';
import type { StudentCard, StudentCreate, StudentsQuery } from '../../contracts/people.js';
import { todayIn } from '../../domain/dates.js';
import { ENROLLMENT_TITLES, type StudentStatus } from '../../domain/people.js';
import { fullName, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { type Db, nowIso, type Tx } from '../platform/db.js';
import { fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { accessOf, hasOrg, listDetail, NO_ACCESS, orgSettings, personDto, personOf, personValues, relationTitle, who } from './persons.js';
import { insertEnrollmentEvent, insertGroupMembership, insertSubgroupMemberships, subgroupOf } from './queries/movement.js';
import { insertPerson } from './queries/persons.js';
import {
  activeGroup,
  enrollmentEventRows,
  guardiansOfStudent,
  insertStudent,
  membershipsOf,
  studentInReachRow,
  studentsPage,
  studentWithSnils,
  subgroupsOfStudentOn,
} from './queries/students.js';
import { mayManagePerson } from './manage.js';
import { logViews } from './view-log.js';

export async function listStudents(ctx: Ctx, f: z.infer<typeof StudentsQuery>) {
  const orgId = ctx.principal.organizationId;
  const { total, items } = await studentsPage(ctx.db, orgId, ctx.reach, f);
  await logViews(
    ctx,
    'students',
    items.map((r) => r.person_id),
    await listDetail(ctx, f),
  );
  return {
    items: items.map((r) => ({
      id: r.id,
      personId: r.person_id,
      fullName: fullName(r),
      birthDate: r.birth_date,
      status: r.status as StudentStatus,
      groupId: r.group_id,
      groupName: r.group_name,
      course: r.course,
      phone: r.phone,
      recordBookNo: r.record_book_no,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** A student of the organization within the caller's scope, or 404. */
export async function studentInReach(ctx: Ctx, id: number) {
  const s = await studentInReachRow(ctx.db, ctx.principal.organizationId, ctx.reach, id);
  if (!s) throw notFound('Обучающийся не найден или недоступен вам.');
  return s;
}

export async function enrollmentEvents(db: Db | Tx, orgId: number, studentId: number) {
  const rows = await enrollmentEventRows(db, orgId, studentId);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: ENROLLMENT_TITLES[r.kind],
    effectiveDate: r.effective_date,
    fromGroup: r.from_name,
    toGroup: r.to_name,
    toSubgroup: r.sub_name,
    orderNo: r.order_no,
    reason: r.reason,
    by: r.last_name ? shortName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : null,
    at: r.created_at,
  }));
}

export async function studentCard(ctx: Ctx, id: number): Promise<StudentCard> {
  const orgId = ctx.principal.organizationId;
  const s = await studentInReach(ctx, id);
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
    mayManagePerson(ctx, 'people:contacts', s.person_id),
    mayManagePerson(ctx, 'people:credentials', s.person_id),
  ]);
  await logViews(ctx, 'student-card', [s.person_id, ...guardians.map((g) => g.id)], fullName(person));
  const showPrivate = isStaff;
  return {
    id: s.id,
    person: { ...personDto(person), snils: showPrivate ? person.snils : null },
    status: s.status as StudentStatus,
    recordBookNo: s.record_book_no,
    group: current
      ? {
          id: current.group_id,
          name: current.name,
          course: current.course,
          curatorName: current.last_name
            ? fullName({ last_name: current.last_name, first_name: current.first_name ?? '', middle_name: current.middle_name })
            : null,
        }
      : null,
    subgroups,
    memberships: memberships.map((m) => ({ groupId: m.group_id, groupName: m.name, from: m.start_date, to: m.end_date })),
    guardians: guardians.map((g) => ({
      ...personDto(g),
      snils: null,
      linkId: g.link_id,
      relation: relationTitle(g.relation),
      access: access.get(g.id) ?? NO_ACCESS,
    })),
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
      student_id: id,
      kind: 'enrol',
      effective_date: input.enrolDate,
      from_group_id: null,
      to_group_id: input.groupId,
      to_subgroup_id: input.subgroupId,
      order_no: input.orderNo,
      reason: 'Зачисление',
      created_by_user_id: ctx.principal.userId,
      created_at: now,
    });
    await audit(tx, {
      ...who(ctx),
      action: 'people.student_created',
      entity: 'student',
      entityId: id,
      after: { ...values, groupId: input.groupId, enrolDate: input.enrolDate, orderNo: input.orderNo },
    });
    return { id, personId };
  });
}
