import type { NotificationList } from '../../contracts/notify.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import type { Ctx } from '../platform/http.js';
import { markRead, notificationCount, notificationsOf, unreadCount } from './queries.js';

// In-app notifications: every signed-in person reads and marks only their own.

export async function listNotifications(ctx: Ctx, q: { page: number; pageSize: number }): Promise<NotificationList> {
  const { organizationId: orgId, personId } = ctx.principal;
  const [rows, total, unread] = await Promise.all([
    notificationsOf(ctx.db, orgId, personId, q.pageSize, (q.page - 1) * q.pageSize),
    notificationCount(ctx.db, orgId, personId),
    unreadCount(ctx.db, orgId, personId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      text: r.text,
      link: r.link,
      studentId: r.student_id,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    unread,
  };
}

export async function myUnread(ctx: Ctx): Promise<{ count: number }> {
  return { count: await unreadCount(ctx.db, ctx.principal.organizationId, ctx.principal.personId) };
}

/** Marks the caller's notifications read; ids of others' notifications are simply not theirs to mark. */
export async function readNotifications(ctx: Ctx, body: { ids?: number[]; all?: true }): Promise<{ marked: number; unread: number }> {
  const { organizationId: orgId, personId } = ctx.principal;
  const marked = await markRead(ctx.db, orgId, personId, body.all ? 'all' : (body.ids ?? []), nowIso());
  return { marked, unread: await unreadCount(ctx.db, orgId, personId) };
}

/** Marks read the person's notifications that lead to a page they have now read (a message thread). */
export const readNotificationsOf = (db: Db | Tx, orgId: number, personId: number, link: string) =>
  markRead(db, orgId, personId, { link }, nowIso());
