import { addDays } from '../../domain/dates.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import type { Ctx } from '../platform/http.js';
import { filesOfMessages, membersOfThreads, messageLog as logRows } from './queries/threads.js';

// The record of messages (152-ФЗ, issue 14 item 11): who wrote what to whom and when, withdrawn
// messages included, for the administrator; reading it is itself recorded in the audit log.

const LIMIT = 200;

export async function messageLog(ctx: Ctx, q: { personId?: number; from?: string; to?: string }) {
  const p = ctx.principal;
  const orgId = p.organizationId;
  const rows = await logRows(ctx.db, orgId, {
    personId: q.personId,
    from: q.from,
    to: q.to ? addDays(q.to, 1) : undefined,
    limit: LIMIT + 1,
  });
  const page = rows.slice(0, LIMIT);
  const members = await membersOfThreads(ctx.db, orgId, [...new Set(page.map((r) => r.thread_id))]);
  const files = await filesOfMessages(
    ctx.db,
    orgId,
    page.map((r) => r.id),
  );
  await audit(ctx.db, {
    organizationId: orgId,
    actorUserId: p.userId,
    action: 'message.log.read',
    entity: 'message',
    entityId: null,
    after: { personId: q.personId ?? null, from: q.from ?? null, to: q.to ?? null, rows: page.length },
    ip: ctx.ip,
  });
  return {
    items: page.map((r) => ({
      id: r.id,
      threadId: r.thread_id,
      at: r.created_at,
      from: fullName(r),
      to: members.filter((m) => m.thread_id === r.thread_id && m.person_id !== r.author_person_id).map((m) => fullName(m)),
      text: r.text,
      files: files.filter((f) => f.message_id === r.id).map((f) => f.file_name),
      withdrawnAt: r.withdrawn_at,
    })),
    more: rows.length > LIMIT,
  };
}
