import { tooLargeMessage, UPLOAD_LIMITS } from '../../contracts/limits.js';
import type { Message, Thread, ThreadSummary } from '../../contracts/messages.js';
import { attachmentType } from '../../domain/attachments.js';
import { fullName, searchKey, shortName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { isUniqueViolation, nowIso, type Db, type Tx } from '../platform/db.js';
import { badRequest, fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { contactInReach, contactKey, contactsOf } from './contacts.js';
import { readNotificationsOf } from '../notify/in-app.js';
import { announceMessage } from './notices.js';
import { guardiansOf, groupNames } from './queries/contacts.js';
import {
  filesOfMessages,
  insertFiles,
  insertMembers,
  insertMessage,
  insertThread,
  markRead,
  membership,
  messageById,
  messageByOp,
  messageFile,
  myThreads,
  threadById,
  threadByPair,
  threadMembers,
  threadMessages,
  unreadByThread,
  unreadCount,
  withdrawMessage,
} from './queries/threads.js';
import { todayIn } from '../../domain/dates.js';

// Direct messages (п. 2.11, issue 14 items 9 and 11): one thread per pair of people, and a
// curator's message to every guardian of a group, to which each guardian replies in their own
// thread with the curator. Writing needs the other person within reach *now* (contacts.ts); a
// thread stays readable by its members whatever happens later. Messages are never deleted: a
// withdrawn one is hidden from the members and kept, with its files, for the administrator.

type FileIn = { fileName: string; contentBase64: string };
type Body = { text: string; files?: FileIn[]; opId?: string };

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function readFiles(files: FileIn[] = []) {
  let total = 0;
  return files.map((f, i) => {
    const content = Buffer.from(f.contentBase64, 'base64');
    if (!content.length) throw fieldError(`files.${i}.contentBase64`, 'Файл пустой или не в base64.');
    total += content.length;
    if (total > UPLOAD_LIMITS.messageFiles.bytes) throw fieldError('files', tooLargeMessage(UPLOAD_LIMITS.messageFiles));
    const t = attachmentType(f.fileName, content);
    if ('error' in t) throw fieldError(`files.${i}.fileName`, t.error);
    return { fileName: f.fileName, contentType: t.type, content };
  });
}

/** A replay of the same operation answers what the first one did. */
async function replayed(ctx: Ctx, opId: string | undefined) {
  if (!opId) return null;
  const m = await messageByOp(ctx.db, ctx.principal.organizationId, opId);
  if (!m) return null;
  if (m.author_person_id !== ctx.principal.personId)
    throw badRequest('Номер операции уже использован.', { opId: 'Номер операции уже использован.' });
  return { threadId: m.thread_id, messageId: m.id };
}

async function post(ctx: Ctx, tx: Tx, threadId: number, body: Body, files: ReturnType<typeof readFiles>) {
  const p = ctx.principal;
  const at = nowIso();
  const messageId = await insertMessage(tx, {
    orgId: p.organizationId,
    threadId,
    personId: p.personId,
    userId: p.userId,
    text: body.text,
    searchText: searchKey(body.text),
    opId: body.opId ?? null,
    at,
  });
  await insertFiles(tx, p.organizationId, messageId, files);
  await markRead(tx, p.organizationId, threadId, p.personId, messageId, at);
  await announceMessage(ctx, tx, threadId, messageId, body.text);
  return { threadId, messageId };
}

/** Runs a write once per operation id, also when two copies of it race. */
async function once(ctx: Ctx, opId: string | undefined, write: () => Promise<{ threadId: number; messageId: number }>) {
  const before = await replayed(ctx, opId);
  if (before) return before;
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) {
      const again = await replayed(ctx, opId);
      if (again) return again;
    }
    throw e;
  }
}

/** The direct thread of the pair, made on first use. */
async function directThread(ctx: Ctx, tx: Tx, other: number) {
  const p = ctx.principal;
  const key = pairKey(p.personId, other);
  const found = await threadByPair(tx, p.organizationId, key);
  if (found) return found.id;
  const id = await insertThread(tx, {
    orgId: p.organizationId,
    kind: 'direct',
    pairKey: key,
    groupId: null,
    subject: null,
    by: p.personId,
    at: nowIso(),
  });
  await insertMembers(tx, p.organizationId, id, [p.personId, other]);
  return id;
}

const NOT_IN_REACH = 'Этому человеку вы написать не можете: его нет среди ваших собеседников (п. 2.11 Положения).';

export async function startThread(ctx: Ctx, body: Body & { recipientPersonId: number }) {
  const files = readFiles(body.files);
  return once(ctx, body.opId, async () => {
    // Someone outside reach answers like a missing id: nothing is learnt by guessing.
    if (!(await contactInReach(ctx.db, ctx.principal, body.recipientPersonId))) throw notFound('Собеседник не найден.');
    return ctx.db.transaction().execute(async (tx) => post(ctx, tx, await directThread(ctx, tx, body.recipientPersonId), body, files));
  });
}

export async function groupMessage(ctx: Ctx, body: Body & { groupId: number; subject: string }) {
  const p = ctx.principal;
  if (!ctx.reach.curatorGroupIds.includes(body.groupId))
    throw fieldError('groupId', 'Написать всем родителям можно только в группе, где вы куратор.');
  const files = readFiles(body.files);
  const today = todayIn(p.timeZone);
  const guardians = [
    ...new Set((await guardiansOf(ctx.db, p.organizationId, [body.groupId], today, { all: true })).map((g) => g.person_id)),
  ];
  if (!guardians.length) throw fieldError('groupId', 'У обучающихся группы не записаны родители: сообщение некому отправить.');
  return once(ctx, body.opId, () =>
    ctx.db.transaction().execute(async (tx) => {
      const id = await insertThread(tx, {
        orgId: p.organizationId,
        kind: 'group',
        pairKey: null,
        groupId: body.groupId,
        subject: body.subject,
        by: p.personId,
        at: nowIso(),
      });
      await insertMembers(tx, p.organizationId, id, [p.personId, ...guardians.filter((g) => g !== p.personId)]);
      return post(ctx, tx, id, body, files);
    }),
  );
}

/** Whether the caller may write into a thread now, and where a reply goes. */
async function writeTarget(ctx: Ctx, t: { id: number; kind: 'direct' | 'group'; created_by_person_id: number; group_id: number | null }) {
  const p = ctx.principal;
  if (t.kind === 'group') {
    if (t.created_by_person_id === p.personId) {
      const ok = t.group_id !== null && ctx.reach.curatorGroupIds.includes(t.group_id);
      return { ok, why: ok ? null : 'Вы больше не куратор этой группы: писать всем её родителям нельзя.', to: null as number | null };
    }
    const ok = !!(await contactInReach(ctx.db, p, t.created_by_person_id));
    return { ok, why: ok ? null : NOT_IN_REACH, to: t.created_by_person_id };
  }
  const other = (await threadMembers(ctx.db, p.organizationId, t.id)).find((m) => m.person_id !== p.personId);
  const ok = !!other && !!(await contactInReach(ctx.db, p, other.person_id));
  return { ok, why: ok ? null : NOT_IN_REACH, to: null };
}

async function memberThread(ctx: Ctx, id: number) {
  const orgId = ctx.principal.organizationId;
  const t = await threadById(ctx.db, orgId, id);
  const m = t && (await membership(ctx.db, orgId, id, ctx.principal.personId));
  if (!t || !m) throw notFound('Переписка не найдена.');
  return { t, m };
}

export async function reply(ctx: Ctx, id: number, body: Body) {
  const { t } = await memberThread(ctx, id);
  const files = readFiles(body.files);
  return once(ctx, body.opId, async () => {
    const w = await writeTarget(ctx, t);
    if (!w.ok) throw forbidden(w.why ?? NOT_IN_REACH);
    return ctx.db.transaction().execute(async (tx) => {
      if (w.to === null) return post(ctx, tx, id, body, files);
      // Answering a group message has read it.
      if (t.last_message_id) await readUpTo(tx, ctx, id, t.last_message_id);
      return post(ctx, tx, await directThread(ctx, tx, w.to), body, files);
    });
  });
}

const nameOf = (r: { last_name: string | null; first_name: string | null; middle_name: string | null }) =>
  r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : '';

function groupTitle(subject: string | null, group: string | null) {
  return `${subject ?? 'Сообщение группе'} (родителям ${group ?? ''})`.replace(' )', ')');
}

export async function getThread(ctx: Ctx, id: number): Promise<Thread> {
  const p = ctx.principal;
  const orgId = p.organizationId;
  const { t } = await memberThread(ctx, id);
  const members = await threadMembers(ctx.db, orgId, id);
  const author = t.kind === 'group' && t.created_by_person_id !== p.personId ? t.created_by_person_id : undefined;
  const rows = await threadMessages(ctx.db, orgId, id, author);
  const files = await filesOfMessages(
    ctx.db,
    orgId,
    rows.filter((r) => !r.withdrawn_at).map((r) => r.id),
  );
  const others = members.filter((m) => m.person_id !== p.personId);
  const group = t.group_id ? ((await groupNames(ctx.db, orgId, [t.group_id]))[0]?.name ?? null) : null;
  const w = await writeTarget(ctx, t);
  const mine = t.kind === 'group' && t.created_by_person_id === p.personId;
  return {
    id: t.id,
    kind: t.kind,
    title: t.kind === 'group' ? groupTitle(t.subject, group) : others.map(nameOf).join(', '),
    subject: t.subject,
    // A guardian of a group message sees the curator, not the other families.
    members: (t.kind === 'group' && !mine
      ? members.filter((m) => m.person_id === t.created_by_person_id || m.person_id === p.personId)
      : members
    ).map((m) => ({ personId: m.person_id, name: nameOf(m) })),
    messages: rows.map((r): Message => ({
      id: r.id,
      author: { personId: r.author_person_id, name: shortName(r) },
      mine: r.author_person_id === p.personId,
      text: r.withdrawn_at ? null : r.text,
      withdrawn: !!r.withdrawn_at,
      createdAt: r.created_at,
      files: files
        .filter((f) => f.message_id === r.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size })),
      readBy: r.author_person_id === p.personId ? others.filter((o) => o.last_read_message_id >= r.id).length : 0,
      readOf: r.author_person_id === p.personId ? others.length : 0,
      canWithdraw: r.author_person_id === p.personId && !r.withdrawn_at,
    })),
    canWrite: w.ok,
    cannotWrite: w.why,
    replyPrivately: w.to !== null,
  };
}

/** The thread read up to a message: its unread count and the bell's notices of it. */
async function readUpTo(db: Db | Tx, ctx: Ctx, threadId: number, messageId: number) {
  const p = ctx.principal;
  await markRead(db, p.organizationId, threadId, p.personId, messageId, nowIso());
  await readNotificationsOf(db, p.organizationId, p.personId, `/messages/${threadId}`);
}

export async function readThread(ctx: Ctx, id: number) {
  const p = ctx.principal;
  const { t } = await memberThread(ctx, id);
  if (t.last_message_id) await readUpTo(ctx.db, ctx, id, t.last_message_id);
  return { count: await unreadCount(ctx.db, p.organizationId, p.personId) };
}

export const unread = async (ctx: Ctx) => ({ count: await unreadCount(ctx.db, ctx.principal.organizationId, ctx.principal.personId) });

export async function listThreads(ctx: Ctx, q: { q?: string; personId?: number }) {
  const p = ctx.principal;
  const orgId = p.organizationId;
  const rows = await myThreads(ctx.db, orgId, p.personId, { key: contactKey(q.q), withPerson: q.personId, limit: 100 });
  const unreadRows = await unreadByThread(ctx.db, orgId, p.personId);
  const items = rows.map((r): ThreadSummary => ({
    id: r.id,
    kind: r.kind,
    title: r.kind === 'group' ? groupTitle(r.subject, r.group_name) : nameOf(r),
    lastText: r.last_withdrawn ? 'Сообщение отозвано' : (r.last_text ?? ''),
    lastAt: r.last_message_at,
    unread: Number(unreadRows.find((u) => u.thread_id === r.id)?.n ?? 0),
  }));
  return { items, unread: unreadRows.reduce((n, u) => n + Number(u.n), 0) };
}

export async function withdraw(ctx: Ctx, id: number): Promise<Message> {
  const p = ctx.principal;
  const m = await messageById(ctx.db, p.organizationId, id);
  if (!m || !(await membership(ctx.db, p.organizationId, m.thread_id, p.personId))) throw notFound('Сообщение не найдено.');
  if (m.author_person_id !== p.personId) throw forbidden('Отозвать можно только своё сообщение.');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await withdrawMessage(tx, p.organizationId, id, nowIso()))) return;
    await audit(tx, {
      organizationId: p.organizationId,
      actorUserId: p.userId,
      action: 'message.withdraw',
      entity: 'message',
      entityId: id,
      before: { threadId: m.thread_id },
      ip: ctx.ip,
    });
  });
  const thread = await getThread(ctx, m.thread_id);
  return thread.messages.find((x) => x.id === id)!;
}

export async function fileOfMessage(ctx: Ctx, fileId: number) {
  const p = ctx.principal;
  const f = await messageFile(ctx.db, p.organizationId, fileId);
  const member = f && (await membership(ctx.db, p.organizationId, f.thread_id, p.personId));
  // A guardian of a group message sees only the curator's files; a withdrawn message's files are kept for the record only.
  const hidden =
    !f ||
    !member ||
    !!f.withdrawn_at ||
    (f.kind === 'group' && f.author_person_id !== f.created_by_person_id && f.author_person_id !== p.personId);
  if (hidden) throw notFound('Файл не найден.');
  return { fileName: f.file_name, contentType: f.content_type, content: Buffer.from(f.content_base64, 'base64') };
}

export async function contacts(ctx: Ctx, q: { q?: string }) {
  const items = await contactsOf(ctx.db, ctx.principal, { key: contactKey(q.q) });
  return { items, groups: await groupNames(ctx.db, ctx.principal.organizationId, ctx.reach.curatorGroupIds) };
}
