import type { MovementBody } from '../../contracts/people.js';
import { addDays } from '../../domain/dates.js';
import { ENROLLMENT_TITLES, MOVEMENT, type StudentStatus } from '../../domain/people.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Tx } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { who } from './persons.js';
import {
  currentMemberIds,
  endMembership,
  groupOf,
  insertEnrollmentEvent,
  insertGroupMembership,
  insertSubgroupMemberships,
  lastEnrollmentDate,
  openGroupMemberships,
  openSubgroupMemberships,
  setStudentStatus,
  studentWithName,
  subgroupOf,
} from './queries/movement.js';
import { studentRow } from './queries/students.js';
import { countRu, NOUNS } from '../../domain/russian.js';

const STATUS_SAYS: Record<StudentStatus, string> = {
  active: 'обучается',
  leave: 'находится в академическом отпуске',
  expelled: 'отчислен',
  graduated: 'уже выпущен',
};

/**
 * One movement of a student (п. 3.4). The effective date is the first day in the new state: the
 * old membership ends the day before, so whatever was recorded in the old group stays there.
 */
export async function moveStudent(tx: Tx, ctx: Ctx, studentId: number, m: MovementBody) {
  const orgId = ctx.principal.organizationId;
  const s = await studentWithName(tx, orgId, studentId);
  if (!s) throw notFound('Обучающийся не найден.');
  const name = fullName(s);
  const rule = MOVEMENT[m.kind];
  const status = s.status as StudentStatus;
  if (!rule.from.includes(status)) {
    throw conflict(`${ENROLLMENT_TITLES[m.kind]} невозможно: ${name} ${STATUS_SAYS[status]}.`);
  }
  const last = await lastEnrollmentDate(tx, orgId, studentId);
  const open = await openGroupMemberships(tx, orgId, studentId);
  const latestStart = [last, ...open.map((o) => o.start_date)]
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
  if (latestStart && m.date < latestStart)
    throw fieldError('date', `Дата раньше последнего движения (${latestStart.split('-').reverse().join('.')}). Укажите дату не раньше её.`);
  let toGroupId: number | null = null;
  if (rule.needsGroup) {
    if (!m.toGroupId) throw fieldError('toGroupId', 'Выберите группу.');
    const g = await groupOf(tx, orgId, m.toGroupId);
    if (!g || g.status !== 'active') throw fieldError('toGroupId', 'Выберите действующую группу колледжа.');
    if (m.kind === 'transfer' && open.some((o) => o.group_id === m.toGroupId) && !m.toSubgroupId)
      throw fieldError('toGroupId', 'Обучающийся уже в этой группе. Выберите другую группу или подгруппу.');
    toGroupId = g.id;
    if (m.toSubgroupId) {
      const sg = await subgroupOf(tx, orgId, m.toSubgroupId, g.id);
      if (!sg) throw fieldError('toSubgroupId', 'Подгруппа не из выбранной группы.');
    }
  }
  const dayBefore = addDays(m.date, -1);
  const fromGroupId = open[0]?.group_id ?? null;
  const sameGroup = m.kind === 'transfer' && fromGroupId === toGroupId;
  if (!sameGroup) for (const o of open) await endMembership(tx, 'group_memberships', orgId, o, m.date, dayBefore);
  const openSubs = await openSubgroupMemberships(tx, orgId, { studentId });
  for (const o of openSubs) {
    if (sameGroup && !m.toSubgroupId) continue;
    await endMembership(tx, 'subgroup_memberships', orgId, o, m.date, dayBefore);
  }
  if (toGroupId && !sameGroup) await insertGroupMembership(tx, orgId, studentId, toGroupId, m.date);
  if (toGroupId && m.toSubgroupId) await insertSubgroupMemberships(tx, orgId, m.toSubgroupId, [studentId], m.date);
  await setStudentStatus(tx, orgId, studentId, rule.to);
  const eventId = await insertEnrollmentEvent(tx, orgId, {
    student_id: studentId,
    kind: m.kind,
    effective_date: m.date,
    from_group_id: fromGroupId,
    to_group_id: toGroupId,
    to_subgroup_id: m.toSubgroupId,
    order_no: m.orderNo,
    reason: m.reason,
    created_by_user_id: ctx.principal.userId,
    created_at: nowIso(),
  });
  await audit(tx, {
    ...who(ctx),
    action: `people.${m.kind}`,
    entity: 'student',
    entityId: studentId,
    before: { status, groupId: fromGroupId },
    after: { status: rule.to, groupId: toGroupId, date: m.date },
    reason: `${m.reason} (приказ ${m.orderNo})`,
  });
  return { eventId, status: rule.to, name };
}

export async function move(ctx: Ctx, studentId: number, m: MovementBody) {
  const r = await ctx.db.transaction().execute((tx) => moveStudent(tx, ctx, studentId, m));
  return {
    eventId: r.eventId,
    status: r.status,
    message: `${ENROLLMENT_TITLES[m.kind]}: ${r.name}, с ${m.date.split('-').reverse().join('.')}.`,
  };
}

/** Start of the year (п. 3.2): many students into one group at once. */
export async function assignToGroup(ctx: Ctx, groupId: number, input: { studentIds: number[]; date: string; orderNo: string }) {
  const orgId = ctx.principal.organizationId;
  const g = await groupOf(ctx.db, orgId, groupId);
  if (!g || g.status !== 'active') throw notFound('Группа не найдена.');
  return ctx.db.transaction().execute(async (tx) => {
    let moved = 0;
    let enrolled = 0;
    let already = 0;
    for (const sid of [...new Set(input.studentIds)]) {
      const s = await studentRow(tx, orgId, sid);
      if (!s) throw notFound(`Обучающийся №${sid} не найден.`);
      const open = await openGroupMemberships(tx, orgId, sid);
      if (open.some((o) => o.group_id === groupId)) {
        already++;
        continue;
      }
      if (open.length) {
        await moveStudent(tx, ctx, sid, {
          kind: 'transfer',
          date: input.date,
          toGroupId: groupId,
          toSubgroupId: null,
          orderNo: input.orderNo,
          reason: 'Распределение по группам',
        });
        moved++;
      } else if (s.status === 'active') {
        await insertGroupMembership(tx, orgId, sid, groupId, input.date);
        await insertEnrollmentEvent(tx, orgId, {
          student_id: sid,
          kind: 'enrol',
          effective_date: input.date,
          from_group_id: null,
          to_group_id: groupId,
          to_subgroup_id: null,
          order_no: input.orderNo,
          reason: 'Распределение по группам',
          created_by_user_id: ctx.principal.userId,
          created_at: nowIso(),
        });
        enrolled++;
      } else throw conflict('В группу можно распределить только обучающихся; отчисленных сначала восстановите.');
    }
    await audit(tx, {
      ...who(ctx),
      action: 'people.assigned_to_group',
      entity: 'group',
      entityId: groupId,
      after: { ...input, moved, enrolled, already },
    });
    return { moved, enrolled, already, message: `Группа ${g.name}: зачислено ${enrolled}, переведено ${moved}, уже в группе ${already}.` };
  });
}

/** A subgroup split (a foreign language, labs): the chosen students are in the subgroup from the date. */
export async function setSubgroupMembers(ctx: Ctx, subgroupId: number, input: { studentIds: number[]; date: string }) {
  const orgId = ctx.principal.organizationId;
  const sg = await subgroupOf(ctx.db, orgId, subgroupId);
  if (!sg) throw notFound('Подгруппа не найдена.');
  const wanted = new Set(input.studentIds);
  return ctx.db.transaction().execute(async (tx) => {
    const inGroup = await currentMemberIds(tx, orgId, sg.group_id);
    for (const id of wanted)
      if (!inGroup.has(id)) throw fieldError('studentIds', 'В подгруппу можно включить только обучающихся этой группы.');
    const open = await openSubgroupMemberships(tx, orgId, { subgroupId });
    const dayBefore = addDays(input.date, -1);
    for (const o of open) if (!wanted.has(o.student_id)) await endMembership(tx, 'subgroup_memberships', orgId, o, input.date, dayBefore);
    const have = new Set(open.map((o) => o.student_id));
    const added = [...wanted].filter((id) => !have.has(id));
    await insertSubgroupMemberships(tx, orgId, subgroupId, added, input.date);
    await audit(tx, {
      ...who(ctx),
      action: 'structure.subgroup_members',
      entity: 'subgroup',
      entityId: subgroupId,
      before: [...have],
      after: [...wanted],
    });
    return { message: `${sg.name}: ${countRu(wanted.size, NOUNS.student)} с ${input.date.split('-').reverse().join('.')}.` };
  });
}
