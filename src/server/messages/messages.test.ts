import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../../../test/factories.js';
import { buildMessagesWorld } from '../../../test/factories-messages.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Direct messages, a curator's message to a group, events (issue 14 items 9–11), on both engines.
let s: TestServer;
let w: Awaited<ReturnType<typeof buildMessagesWorld>>;
let orgId: number;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
const notificationsOf = (personId: number, kind: string) =>
  s.db.selectFrom('notifications').select(['key', 'title', 'link']).where('person_id', '=', personId).where('kind', '=', kind).execute();

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  w = await buildMessagesWorld(s.db, orgId);
  await s.db.updateTable('persons').set({ email: 'uchiteleva@example.ru' }).where('id', '=', w.people.teacher1.personId).execute();
});
afterAll(() => s.close());

describe('direct messages', () => {
  it('a guardian writes to a teacher: unread count, read receipt, search, notification, withdrawal kept for the record', async () => {
    const { guardian1, teacher1, admin } = w.people;
    const g = await as(guardian1);
    const t = await as(teacher1);
    const sent = await g.call('POST /messages/threads', {
      body: {
        recipientPersonId: teacher1.personId,
        text: 'Здравствуйте! Анна пропустит занятие в среду, справку принесём.',
        files: [{ fileName: 'Справка.pdf', contentBase64: b64('%PDF-1.4 справка') }],
        opId: 'op-guardian-1',
      },
    });
    expect(sent.status).toBe(201);
    const { threadId, messageId } = sent.body;
    // A replay of the same operation sends nothing twice.
    const again = await g.call('POST /messages/threads', {
      body: {
        recipientPersonId: teacher1.personId,
        text: 'Здравствуйте! Анна пропустит занятие в среду, справку принесём.',
        opId: 'op-guardian-1',
      },
    });
    expect(again.body).toEqual({ threadId, messageId });

    expect((await t.call('GET /messages/unread')).body.count).toBe(1);
    const list = (await t.call('GET /messages/threads')).body;
    expect(list.items[0]).toMatchObject({ id: threadId, kind: 'direct', unread: 1, lastText: expect.stringContaining('пропустит') });
    expect((await notificationsOf(teacher1.personId, 'message')).map((n) => n.link)).toEqual([`/messages/${threadId}`]);
    const mail = await s.db.selectFrom('outbox').select(['address', 'status']).where('person_id', '=', teacher1.personId).execute();
    expect(mail).toEqual([{ address: 'uchiteleva@example.ru', status: 'pending' }]);
    // The letter waits a quarter of an hour: read in the journal by then, it is not sent (delivery.test.ts).
    const due = await s.db
      .selectFrom('outbox')
      .select(['created_at', 'next_attempt_at'])
      .where('person_id', '=', teacher1.personId)
      .executeTakeFirstOrThrow();
    expect(Date.parse(due.next_attempt_at) - Date.parse(due.created_at)).toBe(15 * 60_000);

    // Before the teacher reads it: not read; after: «прочитано».
    const before = (await g.call('GET /messages/threads/:id', { params: { id: threadId } })).body;
    expect(before.messages[0]).toMatchObject({ mine: true, readBy: 0, readOf: 1 });
    const thread = (await t.call('GET /messages/threads/:id', { params: { id: threadId } })).body;
    expect(thread).toMatchObject({ kind: 'direct', canWrite: true, title: expect.stringContaining(`Тестов`) });
    expect(thread.messages[0].files).toMatchObject([{ fileName: 'Справка.pdf', contentType: 'application/pdf' }]);
    expect((await t.call('POST /messages/threads/:id/read', { params: { id: threadId } })).body.count).toBe(0);
    // Reading the thread has read its notice in the bell too.
    expect((await t.call('GET /notifications/unread')).body.count).toBe(0);
    const after = (await g.call('GET /messages/threads/:id', { params: { id: threadId } })).body;
    expect(after.messages[0]).toMatchObject({ readBy: 1, readOf: 1 });

    const file = await t.request('GET', `/messages/files/${thread.messages[0].files[0].id}`);
    expect(file.status).toBe(200);
    const answer = await t.call('POST /messages/threads/:id/messages', { params: { id: threadId }, body: { text: 'Хорошо, спасибо.' } });
    expect(answer.body.threadId).toBe(threadId);

    // Search by text and by person.
    expect((await g.call('GET /messages/threads', { query: { q: 'СПРАВКУ' } })).body.items.map((x) => x.id)).toEqual([threadId]);
    expect((await g.call('GET /messages/threads', { query: { q: 'экзамен' } })).body.items).toEqual([]);
    expect((await g.call('GET /messages/threads', { query: { personId: teacher1.personId } })).body.items.map((x) => x.id)).toEqual([
      threadId,
    ]);
    expect((await g.call('GET /messages/threads', { query: { personId: w.people.curator1.personId } })).body.items).toEqual([]);

    // Withdrawn: hidden from the members, kept in the administrator's record.
    expect((await t.call('POST /messages/:id/withdraw', { params: { id: messageId } })).status).toBe(403);
    const withdrawn = await g.call('POST /messages/:id/withdraw', { params: { id: messageId } });
    expect(withdrawn.body).toMatchObject({ withdrawn: true, text: null, files: [] });
    const seen = (await t.call('GET /messages/threads/:id', { params: { id: threadId } })).body.messages[0];
    expect(seen).toMatchObject({ withdrawn: true, text: null });
    expect((await t.request('GET', `/messages/files/${thread.messages[0].files[0].id}`)).status).toBe(404);
    expect((await g.call('GET /messages/threads', { query: { q: 'справку' } })).body.items).toEqual([]);
    const log = (await (await as(admin)).call('GET /messages/log', { query: { personId: guardian1.personId } })).body;
    const rec = log.items.find((x) => x.id === messageId)!;
    expect(rec).toMatchObject({ text: expect.stringContaining('пропустит'), files: ['Справка.pdf'], withdrawnAt: expect.any(String) });
    expect(rec.to).toEqual([expect.stringContaining('Учителева')]);
    expect((await t.call('GET /messages/log')).status).toBe(403);
  });

  it('nobody else reads a thread or its files, whatever id they guess', async () => {
    const { guardian1, guardian2, teacher1, teacher2 } = w.people;
    const { threadId, messageId } = (
      await (
        await as(guardian1)
      ).call('POST /messages/threads', {
        body: { recipientPersonId: teacher1.personId, text: 'Личное', files: [{ fileName: 'a.txt', contentBase64: b64('текст') }] },
      })
    ).body;
    const fileId = (await (await as(teacher1)).call('GET /messages/threads/:id', { params: { id: threadId } })).body.messages.at(-1)!
      .files[0].id;
    for (const u of [guardian2, teacher2]) {
      const c = await as(u);
      expect((await c.call('GET /messages/threads/:id', { params: { id: threadId } })).status).toBe(404);
      expect((await c.request('GET', `/messages/files/${fileId}`)).status).toBe(404);
      expect((await c.call('POST /messages/threads/:id/messages', { params: { id: threadId }, body: { text: 'x' } })).status).toBe(404);
      expect((await c.call('POST /messages/:id/withdraw', { params: { id: messageId } })).status).toBe(404);
      expect((await c.call('GET /messages/threads', { query: { q: 'личное' } })).body.items).toEqual([]);
    }
  });

  it('attachments are size-limited and type-checked; bad input names the field', async () => {
    const c = await as(w.people.guardian1);
    const to = w.people.curator1.personId;
    const exe = await c.call('POST /messages/threads', {
      body: { recipientPersonId: to, text: 'Файл', files: [{ fileName: 'setup.exe', contentBase64: b64('MZ\u0000\u0000') }] },
    });
    expect(exe.status).toBe(400);
    expect(Object.keys((exe.body as unknown as Err).error.fields ?? {})).toEqual(['files.0.fileName']);
    const fake = await c.call('POST /messages/threads', {
      body: { recipientPersonId: to, text: 'Файл', files: [{ fileName: 'скан.pdf', contentBase64: b64('MZ\u0000\u0000') }] },
    });
    expect((fake.body as unknown as Err).error.fields?.['files.0.fileName']).toContain('не похож на PDF');
    const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
    const tooBig = await c.call('POST /messages/threads', {
      body: {
        recipientPersonId: to,
        text: 'Файлы',
        files: [
          { fileName: '1.txt', contentBase64: big.toString('base64') },
          { fileName: '2.txt', contentBase64: big.toString('base64') },
        ],
      },
    });
    expect([400, 413]).toContain(tooBig.status);
    const empty = await c.request<Err>('POST', '/messages/threads', { recipientPersonId: to, text: '  ' });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.fields ?? {})).toEqual(['text']);
    const noId = await c.request<Err>('POST', '/messages/threads', { recipientPersonId: 'x', text: 'a' });
    expect(Object.keys(noId.body.error.fields ?? {})).toEqual(['recipientPersonId']);
  });
});

describe("a curator's message to the guardians of a group", () => {
  it('reaches every guardian of the group; each reply is a private thread with the curator', async () => {
    const { curator1, guardian1, guardian1b, guardian2, teacher1 } = w.people;
    const c = await as(curator1);
    const meta = (await c.call('GET /messages/contacts')).body;
    expect(meta.groups).toEqual([{ id: w.groups.g1.id, name: 'ИС-21' }]);
    expect(
      (await c.call('POST /messages/group', { body: { groupId: w.groups.g2.id, subject: 'x', text: 'x' } })).body as unknown as Err,
    ).toMatchObject({ error: { fields: { groupId: expect.any(String) } } });
    expect(
      (await (await as(teacher1)).call('POST /messages/group', { body: { groupId: w.groups.g1.id, subject: 'x', text: 'x' } })).status,
    ).toBe(403);
    const sent = await c.call('POST /messages/group', {
      body: { groupId: w.groups.g1.id, subject: 'Родительское собрание', text: 'Собрание в пятницу в 18:00, ауд. 214.' },
    });
    expect(sent.status).toBe(201);
    const groupThread = sent.body.threadId;

    const g1 = await as(guardian1);
    const g1b = await as(guardian1b);
    expect((await (await as(guardian2)).call('GET /messages/threads/:id', { params: { id: groupThread } })).status).toBe(404);
    const seen = (await g1.call('GET /messages/threads/:id', { params: { id: groupThread } })).body;
    expect(seen).toMatchObject({ kind: 'group', title: 'Родительское собрание (родителям ИС-21)', canWrite: true, replyPrivately: true });
    expect(seen.members.map((m) => m.personId).sort()).toEqual([curator1.personId, guardian1.personId].sort());
    expect((await notificationsOf(guardian1b.personId, 'message')).length).toBe(1);

    const answer = await g1.call('POST /messages/threads/:id/messages', { params: { id: groupThread }, body: { text: 'Буду.' } });
    expect(answer.body.threadId).not.toBe(groupThread);
    // The other guardian sees the curator's message only.
    const other = (await g1b.call('GET /messages/threads/:id', { params: { id: groupThread } })).body;
    expect(other.messages.map((m) => m.text)).toEqual(['Собрание в пятницу в 18:00, ауд. 214.']);
    expect((await g1b.call('GET /messages/threads/:id', { params: { id: answer.body.threadId } })).status).toBe(404);
    // The curator: the reply in the private thread, and who has read the group message.
    const mine = (await c.call('GET /messages/threads')).body;
    expect(mine.items.find((x) => x.id === answer.body.threadId)).toMatchObject({ unread: 1, lastText: 'Буду.' });
    const receipt = (await c.call('GET /messages/threads/:id', { params: { id: groupThread } })).body.messages[0];
    expect(receipt).toMatchObject({ readBy: 1, readOf: 2 });
  });
});

describe('reach over time', () => {
  it('a teacher who no longer teaches the child cannot write again; the thread stays readable', async () => {
    const { guardian2, teacher2 } = w.people;
    const g = await as(guardian2);
    const { threadId } = (await g.call('POST /messages/threads', { body: { recipientPersonId: teacher2.personId, text: 'Вопрос по МДК' } }))
      .body;
    // The teacher's load moves to last year's term: they no longer teach ПК-22.
    await s.db
      .updateTable('assignments')
      .set({ term_id: w.lastYear.termIds[0] })
      .where('teacher_person_id', '=', teacher2.personId)
      .execute();
    const t = await as(teacher2);
    const thread = (await t.call('GET /messages/threads/:id', { params: { id: threadId } })).body;
    expect(thread).toMatchObject({ canWrite: false, cannotWrite: expect.stringContaining('не можете') });
    expect(thread.messages.map((m) => m.text)).toEqual(['Вопрос по МДК']);
    expect((await t.call('POST /messages/threads/:id/messages', { params: { id: threadId }, body: { text: 'Ответ' } })).status).toBe(403);
    expect((await t.call('POST /messages/threads', { body: { recipientPersonId: guardian2.personId, text: 'Новая' } })).status).toBe(404);
    expect((await g.call('POST /messages/threads', { body: { recipientPersonId: teacher2.personId, text: 'Ещё' } })).status).toBe(404);
    await s.db.updateTable('assignments').set({ term_id: w.year.termIds[0] }).where('teacher_person_id', '=', teacher2.personId).execute();
  });
});

describe('events and announcements', () => {
  it('the administration posts the college’s, a curator their group’s; each is seen where it belongs, optionally notified', async () => {
    const { admin, curator1, curator2, student1, student2, guardian1, guardian2, teacher1, teacher2 } = w.people;
    const a = await as(admin);
    const college = await a.call('POST /events', {
      body: {
        title: 'День открытых дверей',
        text: 'Приглашаем всех',
        date: '2026-12-05',
        time: '11:00',
        place: 'Актовый зал',
        notify: true,
      },
    });
    expect(college.status).toBe(201);
    expect(college.body).toMatchObject({ group: null, canCancel: true });
    for (const p of [student1, student2, guardian1, guardian2])
      expect((await notificationsOf(p.personId, 'event')).map((n) => n.link)).toEqual(['/family?date=2026-12-05']);

    const c = await as(curator1);
    expect((await c.call('POST /events', { body: { title: 'x', text: 'x', date: '2026-12-05' } })).status).toBe(403);
    const wrong = await c.call('POST /events', { body: { groupId: w.groups.g2.id, title: 'x', text: 'x', date: '2026-12-05' } });
    expect(Object.keys((wrong.body as unknown as Err).error.fields ?? {})).toEqual(['groupId']);
    const bad = await c.request<Err>('POST', '/events', {
      groupId: w.groups.g1.id,
      title: '',
      text: 'x',
      date: '2026-13-05',
      time: '25:00',
    });
    expect(Object.keys(bad.body.error.fields ?? {}).sort()).toEqual(['date', 'time', 'title']);
    const group = await c.call('POST /events', {
      body: { groupId: w.groups.g1.id, title: 'Экскурсия на предприятие', text: 'Сбор у входа', date: '2026-12-03', notify: false },
    });
    expect(group.body.group).toEqual({ id: w.groups.g1.id, name: 'ИС-21' });
    expect(await notificationsOf(student1.personId, 'event')).toHaveLength(1);

    const titles = async (u: { login: string; password: string }, query = {}) =>
      (await (await as(u)).call('GET /events', { query })).body.items.map((e) => e.title);
    expect(await titles(student1)).toEqual(['Экскурсия на предприятие', 'День открытых дверей']);
    expect(await titles(guardian1)).toEqual(['Экскурсия на предприятие', 'День открытых дверей']);
    expect(await titles(teacher1)).toEqual(['Экскурсия на предприятие', 'День открытых дверей']);
    for (const u of [student2, guardian2, teacher2, curator2]) expect(await titles(u)).toEqual(['День открытых дверей']);
    // The diary of one child on one date.
    expect(await titles(guardian1, { studentId: student1.studentId, from: '2026-12-03', to: '2026-12-03' })).toEqual([
      'Экскурсия на предприятие',
    ]);
    expect((await (await as(guardian2)).call('GET /events', { query: { studentId: student1.studentId } })).status).toBe(404);

    expect((await (await as(curator2)).call('POST /events/:id/cancel', { params: { id: group.body.id } })).status).toBe(404);
    expect((await c.call('POST /events/:id/cancel', { params: { id: college.body.id } })).status).toBe(403);
    const cancelled = await c.call('POST /events/:id/cancel', { params: { id: group.body.id } });
    expect(cancelled.body).toMatchObject({ cancelled: true, canCancel: false });
    expect((await (await as(student1)).call('GET /events')).body.items[0]).toMatchObject({
      title: 'Экскурсия на предприятие',
      cancelled: true,
    });
  });
});
