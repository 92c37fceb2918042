import type { MovementBody } from '../../contracts/people.js';
import { addDays } from '../../domain/dates.js';
import { ENROLLMENT_TITLES, MOVEMENT, type StudentStatus } from '../../domain/people.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Tx } from '../platform/db.js';
import { conflict, fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { who } from './scope.js';
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
  const s = await tx.selectFrom('students as s').innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 's.status', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId).where('s.id', '=', studentId).executeTakeFirst();
  if (!s) throw notFound('Обучающийся не найден.');
  const name = fullName(s);
  const rule = MOVEMENT[m.kind];
  const status = s.status as StudentStatus;
  if (!rule.from.includes(status)) {
    throw conflict(`${ENROLLMENT_TITLES[m.kind]} невозможно: ${name} ${STATUS_SAYS[status]}.`);
  }
  const last = await tx.selectFrom('enrollment_events').select('effective_date').where('student_id', '=', studentId).orderBy('effective_date', 'desc').executeTakeFirst();
  const open = await tx.selectFrom('group_memberships').selectAll().where('organization_id', '=', orgId).where('student_id', '=', studentId).where('end_date', 'is', null).execute();
  const latestStart = [last?.effective_date, ...open.map((o) => o.start_date)].filter((x): x is string => !!x).sort().at(-1);
  if (latestStart && m.date < latestStart) throw fieldError('date', `Дата раньше последнего движения (${latestStart.split('-').reverse().join('.')}). Укажите дату не раньше её.`);
  let toGroupId: number | null = null;
  if (rule.needsGroup) {
    if (!m.toGroupId) throw fieldError('toGroupId', 'Выберите группу.');
    const g = await tx.selectFrom('groups').select(['id', 'status']).where('organization_id', '=', orgId).where('id', '=', m.toGroupId).executeTakeFirst();
    if (!g || g.status !== 'active') throw fieldError('toGroupId', 'Выберите действующую группу колледжа.');
    if (m.kind === 'transfer' && open.some((o) => o.group_id === m.toGroupId) && !m.toSubgroupId) throw fieldError('toGroupId', 'Обучающийся уже в этой группе. Выберите другую группу или подгруппу.');
    toGroupId = g.id;
    if (m.toSubgroupId) {
      const sg = await tx.selectFrom('subgroups').select('id').where('group_id', '=', g.id).where('id', '=', m.toSubgroupId).executeTakeFirst();
      if (!sg) throw fieldError('toSubgroupId', 'Подгруппа не из выбранной группы.');
    }
  }
  const dayBefore = addDays(m.date, -1);
  const fromGroupId = open[0]?.group_id ?? null;
  const sameGroup = m.kind === 'transfer' && fromGroupId === toGroupId;
  if (!sameGroup) {
    for (const o of open) {
      // A membership that starts on or after the date was never used: drop it instead of an empty span.
      if (o.start_date >= m.date) await tx.deleteFrom('group_memberships').where('id', '=', o.id).execute();
      else await tx.updateTable('group_memberships').set({ end_date: dayBefore }).where('id', '=', o.id).execute();
    }
  }
  const openSubs = await tx.selectFrom('subgroup_memberships').selectAll().where('organization_id', '=', orgId).where('student_id', '=', studentId).where('end_date', 'is', null).execute();
  for (const o of openSubs) {
    if (sameGroup && !m.toSubgroupId) continue;
    if (o.start_date >= m.date) await tx.deleteFrom('subgroup_memberships').where('id', '=', o.id).execute();
    else await tx.updateTable('subgroup_memberships').set({ end_date: dayBefore }).where('id', '=', o.id).execute();
  }
  if (toGroupId && !sameGroup) await tx.insertInto('group_memberships').values({ organization_id: orgId, student_id: studentId, group_id: toGroupId, start_date: m.date, end_date: null }).execute();
  if (toGroupId && m.toSubgroupId) await tx.insertInto('subgroup_memberships').values({ organization_id: orgId, student_id: studentId, subgroup_id: m.toSubgroupId, start_date: m.date, end_date: null }).execute();
  await tx.updateTable('students').set({ status: rule.to }).where('id', '=', studentId).execute();
  const ev = await tx.insertInto('enrollment_events').values({
    organization_id: orgId, student_id: studentId, kind: m.kind, effective_date: m.date, from_group_id: fromGroupId, to_group_id: toGroupId, to_subgroup_id: m.toSubgroupId,
    order_no: m.orderNo, reason: m.reason, created_by_user_id: ctx.principal.userId, created_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(tx, { ...who(ctx), action: `people.${m.kind}`, entity: 'student', entityId: studentId, before: { status, groupId: fromGroupId }, after: { status: rule.to, groupId: toGroupId, date: m.date }, reason: `${m.reason} (приказ ${m.orderNo})` });
  return { eventId: ev.id, status: rule.to, name };
}

export async function move(ctx: Ctx, studentId: number, m: MovementBody) {
  const r = await ctx.db.transaction().execute((tx) => moveStudent(tx, ctx, studentId, m));
  return { eventId: r.eventId, status: r.status, message: `${ENROLLMENT_TITLES[m.kind]}: ${r.name}, с ${m.date.split('-').reverse().join('.')}.` };
}

/** Start of the year (п. 3.2): many students into one group at once. */
export async function assignToGroup(ctx: Ctx, groupId: number, input: { studentIds: number[]; date: string; orderNo: string }) {
  const orgId = ctx.principal.organizationId;
  const g = await ctx.db.selectFrom('groups').select(['id', 'name', 'status']).where('organization_id', '=', orgId).where('id', '=', groupId).executeTakeFirst();
  if (!g || g.status !== 'active') throw notFound('Группа не найдена.');
  return ctx.db.transaction().execute(async (tx) => {
    let moved = 0;
    let enrolled = 0;
    let already = 0;
    for (const sid of [...new Set(input.studentIds)]) {
      const s = await tx.selectFrom('students').select(['id', 'status']).where('organization_id', '=', orgId).where('id', '=', sid).executeTakeFirst();
      if (!s) throw notFound(`Обучающийся №${sid} не найден.`);
      const open = await tx.selectFrom('group_memberships').select(['group_id']).where('student_id', '=', sid).where('end_date', 'is', null).execute();
      if (open.some((o) => o.group_id === groupId)) {
        already++;
        continue;
      }
      if (open.length) {
        await moveStudent(tx, ctx, sid, { kind: 'transfer', date: input.date, toGroupId: groupId, toSubgroupId: null, orderNo: input.orderNo, reason: 'Распределение по группам' });
        moved++;
      } else if (s.status === 'active') {
        await tx.insertInto('group_memberships').values({ organization_id: orgId, student_id: sid, group_id: groupId, start_date: input.date, end_date: null }).execute();
        await tx.insertInto('enrollment_events').values({
          organization_id: orgId, student_id: sid, kind: 'enrol', effective_date: input.date, from_group_id: null, to_group_id: groupId, to_subgroup_id: null,
          order_no: input.orderNo, reason: 'Распределение по группам', created_by_user_id: ctx.principal.userId, created_at: nowIso(),
        }).execute();
        enrolled++;
      } else throw conflict('В группу можно распределить только обучающихся; отчисленных сначала восстановите.');
    }
    await audit(tx, { ...who(ctx), action: 'people.assigned_to_group', entity: 'group', entityId: groupId, after: { ...input, moved, enrolled, already } });
    return { moved, enrolled, already, message: `Группа ${g.name}: зачислено ${enrolled}, переведено ${moved}, уже в группе ${already}.` };
  });
}

/** A subgroup split (a foreign language, labs): the chosen students are in the subgroup from the date. */
export async function setSubgroupMembers(ctx: Ctx, subgroupId: number, input: { studentIds: number[]; date: string }) {
  const orgId = ctx.principal.organizationId;
  const sg = await ctx.db.selectFrom('subgroups').select(['id', 'group_id', 'name']).where('organization_id', '=', orgId).where('id', '=', subgroupId).executeTakeFirst();
  if (!sg) throw notFound('Подгруппа не найдена.');
  const wanted = new Set(input.studentIds);
  return ctx.db.transaction().execute(async (tx) => {
    const members = await tx.selectFrom('group_memberships').select('student_id').where('group_id', '=', sg.group_id).where('end_date', 'is', null).execute();
    const inGroup = new Set(members.map((m) => m.student_id));
    for (const id of wanted) if (!inGroup.has(id)) throw fieldError('studentIds', 'В подгруппу можно включить только обучающихся этой группы.');
    const open = await tx.selectFrom('subgroup_memberships').selectAll().where('subgroup_id', '=', subgroupId).where('end_date', 'is', null).execute();
    const dayBefore = addDays(input.date, -1);
    for (const o of open) {
      if (wanted.has(o.student_id)) continue;
      if (o.start_date >= input.date) await tx.deleteFrom('subgroup_memberships').where('id', '=', o.id).execute();
      else await tx.updateTable('subgroup_memberships').set({ end_date: dayBefore }).where('id', '=', o.id).execute();
    }
    const have = new Set(open.map((o) => o.student_id));
    const added = [...wanted].filter((id) => !have.has(id));
    if (added.length) await tx.insertInto('subgroup_memberships').values(added.map((id) => ({ organization_id: orgId, student_id: id, subgroup_id: subgroupId, start_date: input.date, end_date: null }))).execute();
    await audit(tx, { ...who(ctx), action: 'structure.subgroup_members', entity: 'subgroup', entityId: subgroupId, before: [...have], after: [...wanted] });
    return { message: `${sg.name}: ${countRu(wanted.size, NOUNS.student)} с ${input.date.split('-').reverse().join('.')}.` };
  });
}
