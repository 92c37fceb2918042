import { formatRu } from '../../domain/dates.js';
import { shortName } from '../../domain/text.js';
import type { Tx } from '../platform/db.js';
import type { Ctx } from '../platform/http.js';
import { notify, type Notice } from '../notify/outbox.js';
import { audienceOf } from './queries/events.js';
import { threadMembers } from './queries/threads.js';

// What a new message or event sends (issue 14 items 9, 10), through the outbox in the same
// transaction: an in-app notification and an e-mail to each recipient, once per message (its key).

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function announceMessage(ctx: Ctx, tx: Tx, threadId: number, messageId: number, text: string) {
  const p = ctx.principal;
  const from = shortName({ last_name: p.lastName, first_name: p.firstName, middle_name: p.middleName });
  const to = (await threadMembers(tx, p.organizationId, threadId)).filter((m) => m.person_id !== p.personId);
  const notices: Notice[] = to.map((m) => ({
    personId: m.person_id,
    kind: 'message',
    title: `Новое сообщение от ${from}`,
    text: `${clip(text, 1000)}\n\nОтветить можно в электронном журнале, раздел «Сообщения».`,
    sms: clip(`Сообщение от ${from} в эл. журнале`, 70),
    link: `/messages/${threadId}`,
    key: `message:${messageId}`,
    senderPersonId: p.personId,
  }));
  await notify(tx, p.organizationId, notices, ['app', 'email']);
}

/** An event with «Уведомить»: its group's (or the whole college's) students and their guardians. */
export async function announceEvent(
  ctx: Ctx,
  tx: Tx,
  e: { id: number; groupId: number | null; title: string; text: string; date: string; time: string | null; place: string | null },
  today: string,
) {
  const p = ctx.principal;
  const when = [formatRu(e.date), e.time, e.place].filter(Boolean).join(', ');
  const rows = await audienceOf(tx, p.organizationId, e.groupId === null ? null : [e.groupId], today);
  const seen = new Set<number>();
  const notices: Notice[] = [];
  const add = (personId: number, studentId: number) => {
    if (seen.has(personId) || personId === p.personId) return;
    seen.add(personId);
    notices.push({
      personId,
      kind: 'event',
      title: `${e.title} — ${when}`,
      text: `${clip(e.text, 1500)}\n\n${when}`,
      sms: clip(`${e.title}, ${formatRu(e.date)}`, 70),
      link: `/family?date=${e.date}`,
      key: `event:${e.id}`,
      studentId,
      senderPersonId: p.personId,
    });
  };
  for (const r of rows) {
    add(r.person_id, r.student_id);
    if (r.guardian_person_id) add(r.guardian_person_id, r.student_id);
  }
  await notify(tx, p.organizationId, notices, ['app', 'email']);
  return notices.length;
}
