import type { CollegeEvent } from '../../contracts/messages.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { badRequest, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { announceEvent } from './notices.js';
import { currentGroupsOf, groupNames, groupsTaughtNow } from './queries/contacts.js';
import { cancelEvent, eventById, eventsBetween, insertEvent, type EventRow } from './queries/events.js';

// Events and announcements of the college or of a group (п. 3.13, issue 14 item 10): the
// administration posts the college's, a curator their group's; students and guardians see the
// college's and their group's on the home page and in the diary on their date. Cancelling keeps
// the record, marked cancelled.

/** The groups whose events the caller sees beside the college's (null: every group). */
async function visibleGroups(ctx: Ctx, studentId?: number): Promise<number[] | null> {
  const r = ctx.reach;
  const p = ctx.principal;
  const today = todayIn(p.timeZone);
  if (studentId !== undefined) {
    if (!r.all && !r.ownStudentIds.includes(studentId)) throw notFound('Обучающийся не найден.');
    return (await currentGroupsOf(ctx.db, p.organizationId, [studentId], today)).map((g) => g.group_id);
  }
  if (r.all) return null;
  const out = new Set<number>([...r.curatorGroupIds, ...r.directionGroupIds]);
  if (r.teaches) for (const g of await groupsTaughtNow(ctx.db, p.organizationId, p.personId, today)) out.add(g);
  for (const g of await currentGroupsOf(ctx.db, p.organizationId, r.ownStudentIds, today)) out.add(g.group_id);
  return [...out];
}

const postsCollege = (ctx: Ctx) => ctx.principal.roles.some((x) => ['admin', 'director', 'deputy', 'methodist'].includes(x));

function present(ctx: Ctx, e: EventRow): CollegeEvent {
  const p = ctx.principal;
  return {
    id: e.id,
    group: e.group_id ? { id: e.group_id, name: e.group_name ?? '' } : null,
    title: e.title,
    text: e.text,
    date: e.date,
    time: e.time,
    place: e.place,
    author: shortName(e),
    cancelled: !!e.cancelled_at,
    canCancel: !e.cancelled_at && (e.author_person_id === p.personId || (postsCollege(ctx) && e.group_id === null)),
  };
}

export async function listEvents(ctx: Ctx, q: { from?: string; to?: string; studentId?: number }) {
  const p = ctx.principal;
  const from = q.from ?? todayIn(p.timeZone);
  const to = q.to ?? addDays(from, 31);
  if (to < from) throw fieldError('to', 'Конец периода раньше его начала.');
  if (addDays(from, 400) < to) throw fieldError('to', 'Период не длиннее года.');
  const rows = await eventsBetween(ctx.db, p.organizationId, from, to, await visibleGroups(ctx, q.studentId));
  return {
    from,
    to,
    items: rows.map((e) => present(ctx, e)),
    canPostCollege: postsCollege(ctx),
    groups: await groupNames(ctx.db, p.organizationId, p.curatorGroupIds),
  };
}

export async function createEvent(
  ctx: Ctx,
  b: { groupId: number | null; title: string; text: string; date: string; time?: string | null; place?: string | null; notify: boolean },
): Promise<CollegeEvent> {
  const p = ctx.principal;
  const today = todayIn(p.timeZone);
  if (b.groupId === null && !postsCollege(ctx))
    throw forbidden('События колледжа объявляет администрация; куратор — события своей группы.');
  if (b.groupId !== null && !postsCollege(ctx) && !p.curatorGroupIds.includes(b.groupId))
    throw fieldError('groupId', 'Объявлять события можно только в группе, где вы куратор.');
  if (b.groupId !== null && !(await groupNames(ctx.db, p.organizationId, [b.groupId])).length)
    throw fieldError('groupId', 'Группа не найдена.');
  if (b.date < addDays(today, -1)) throw fieldError('date', 'Дата события уже прошла.');
  if (b.time && !/^\d\d:\d\d$/.test(b.time)) throw badRequest('Время в виде 14:30', { time: 'Время в виде 14:30' });
  const id = await ctx.db.transaction().execute(async (tx) => {
    const eid = await insertEvent(tx, {
      orgId: p.organizationId,
      groupId: b.groupId,
      title: b.title,
      text: b.text,
      date: b.date,
      time: b.time ?? null,
      place: b.place || null,
      personId: p.personId,
      userId: p.userId,
      at: nowIso(),
    });
    const sent = b.notify
      ? await announceEvent(
          ctx,
          tx,
          { id: eid, groupId: b.groupId, title: b.title, text: b.text, date: b.date, time: b.time ?? null, place: b.place ?? null },
          today,
        )
      : 0;
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'event.create',
      entity: 'event',
      entityId: eid,
      after: { groupId: b.groupId, title: b.title, date: b.date, notified: sent },
      ip: ctx.ip,
    });
    return eid;
  });
  return present(ctx, (await eventById(ctx.db, p.organizationId, id))!);
}

export async function cancel(ctx: Ctx, id: number): Promise<CollegeEvent> {
  const p = ctx.principal;
  const e = await eventById(ctx.db, p.organizationId, id);
  const groups = await visibleGroups(ctx);
  if (!e || (e.group_id !== null && groups !== null && !groups.includes(e.group_id))) throw notFound('Событие не найдено.');
  if (!present(ctx, e).canCancel) throw forbidden('Отменить событие может его автор (событие колледжа — и администрация).');
  await ctx.db.transaction().execute(async (tx) => {
    await cancelEvent(tx, p.organizationId, id, nowIso());
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'event.cancel',
      entity: 'event',
      entityId: id,
      ip: ctx.ip,
    });
  });
  return present(ctx, (await eventById(ctx.db, p.organizationId, id))!);
}
