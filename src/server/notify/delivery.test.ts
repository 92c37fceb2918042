import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '../../domain/clock.js';
import { measureSms } from '../../domain/sms.js';
import { buildOrganization, buildPerson } from '../../../test/factories.js';
import { mailText, startFakeSmsRu, startMailbox, type FakeSmsRu, type Mailbox } from '../../../test/mail-servers.js';
import { ApiClient, startTestServer, TEST_NOW, type TestServer } from '../../../test/server.js';
import { openDatabase } from '../platform/db.js';
import { loadNotifyConfig, type NotifyConfig } from './config.js';
import { claimDue, holdLeases } from './delivery-queries.js';
import { DeliveryWorker, outboxHealth, UNCERTAIN_REPEAT } from './delivery.js';
import { notify, SKIP_REASONS, type Notice } from './outbox.js';
import { markRead } from './queries.js';

// Delivery that never loses or doubles a message (issue 14 items 1–3, 5): a real SMTP server's
// mailbox and a fake SMS.ru tell what went out.
let s: TestServer;
let mailbox: Mailbox;
let smsRu: FakeSmsRu;
let cfg: NotifyConfig;
let worker: DeliveryWorker;
let orgId: number;
let seq = 0;
const MINUTE = 60_000;
/** 11:00 in Vladivostok on Monday 30.11.2026: outside quiet hours. */
const DAY = '2026-11-30T01:00:00Z';
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

beforeAll(async () => {
  s = await startTestServer();
  [mailbox, smsRu] = await Promise.all([startMailbox(), startFakeSmsRu()]);
  cfg = loadNotifyConfig({
    smtp: { host: '127.0.0.1', port: mailbox.port, secure: false, user: null, password: null, from: 'Колледж <journal@college.test>' },
    sms: { url: smsRu.url, apiId: 'test-api-id', from: 'Kolledzh' },
    publicUrl: 'http://ej.test',
    leaseMs: 2 * MINUTE,
    backoffBaseMs: MINUTE,
    maxAttempts: 3,
  });
  worker = new DeliveryWorker(s.db, s.engine, cfg);
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
});
afterAll(async () => {
  setClock(TEST_NOW);
  await worker.stop();
  await Promise.all([mailbox.close(), smsRu.close()]);
  await s.close();
});
beforeEach(() => setClock(DAY));

async function guardian(contacts: { email?: string; phone?: string } = {}) {
  seq += 1;
  return (await buildPerson(s.db, orgId, { email: contacts.email ?? `roditel${seq}@mail.test`, phone: contacts.phone })).id;
}
const notice = (personId: number, key: string, extra: Partial<Notice> = {}): Notice => ({
  personId,
  kind: 'grade-2',
  title: 'Оценка «2» по математике',
  text: 'Иванова Анна получила «2» по дисциплине «Математика» 27.11.2026.',
  sms: 'Иванова А.: «2» по математике 27.11',
  link: '/diary?date=2026-11-27',
  key,
  ...extra,
});
const rowsOf = (personId: number) =>
  s.db.selectFrom('outbox').selectAll().where('organization_id', '=', orgId).where('person_id', '=', personId).orderBy('id').execute();
const mailsTo = (address: string) => mailbox.mails.filter((m) => m.to.includes(address));

describe('e-mail', () => {
  it('goes out once, with its Message-ID, the absolute link and a working unsubscribe link', async () => {
    const p = await guardian({ email: 'ivanova@mail.test' });
    await s.db.transaction().execute((tx) => notify(tx, orgId, [notice(p, 'mark:7')], ['email']));
    await notify(s.db, orgId, [notice(p, 'mark:7')], ['email']); // the same key again: ignored
    await worker.drain();
    await worker.drain();
    const [row] = await rowsOf(p);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, reason: null });
    const mails = mailsTo('ivanova@mail.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.messageId).toBe(row!.message_id);
    expect(mails[0]!.subject).toBe('Оценка «2» по математике');
    const text = mailText(mails[0]!.raw);
    expect(text).toContain('Открыть в электронном журнале: http://ej.test/diary?date=2026-11-27');
    const link = /Отписаться от таких писем: (\S+)/.exec(text)?.[1];
    expect(link).toMatch(/^http:\/\/ej\.test\/unsubscribe\?token=/);
    const token = decodeURIComponent(new URL(link!).searchParams.get('token')!);
    const anon = new ApiClient(s.url);
    expect((await anon.call('POST /unsubscribe', { body: { token } })).body.kind).toBe('grade-2');
    await notify(s.db, orgId, [notice(p, 'mark:8')], ['email']);
    expect((await rowsOf(p)).map((r) => r.status)).toEqual(['sent', 'skipped']);
  });

  it('a message waits a quarter of an hour and is e-mailed only if it is still unread in the journal', async () => {
    const [reader, away] = [await guardian({ email: 'reader@mail.test' }), await guardian({ email: 'away@mail.test' })];
    const message = (p: number) =>
      notice(p, 'message:41', { kind: 'message', title: 'Новое сообщение от Петровой А. И.', link: '/messages/9' });
    await notify(s.db, orgId, [message(reader), message(away)], ['app', 'email']);
    expect(await worker.drain()).toBe(0);
    // The reader opens the thread: its notices are read; the other recipient does not.
    expect(await markRead(s.db, orgId, reader, { link: '/messages/9' }, DAY)).toBe(1);
    setClock(shift(DAY, 15 * MINUTE + 1000));
    expect(await worker.drain()).toBe(2);
    expect((await rowsOf(reader))[0]).toMatchObject({ status: 'skipped', reason: SKIP_REASONS.readInApp });
    expect(mailsTo('reader@mail.test')).toEqual([]);
    expect((await rowsOf(away))[0]).toMatchObject({ status: 'sent' });
    expect(mailsTo('away@mail.test')).toHaveLength(1);
  });

  it('a rolled-back change sends nothing', async () => {
    const p = await guardian({ email: 'rollback@mail.test' });
    await s.db
      .transaction()
      .execute(async (tx) => {
        await notify(tx, orgId, [notice(p, 'x')], ['email', 'app']);
        throw new Error('refused');
      })
      .catch(() => undefined);
    await worker.drain();
    expect(mailsTo('rollback@mail.test')).toEqual([]);
    expect(await rowsOf(p)).toEqual([]);
  });

  it('a worker killed between taking and sending loses nothing and doubles nothing: its lease runs out, another sends once', async () => {
    const ps = await Promise.all([1, 2, 3].map(() => guardian()));
    await notify(
      s.db,
      orgId,
      ps.map((p) => notice(p, 'killed')),
      ['email'],
    );
    const taken = await claimDue(s.db, s.engine, 'dead-worker', DAY, shift(DAY, 2 * MINUTE), 50);
    expect(taken.map((r) => r.person_id).sort()).toEqual([...ps].sort());
    // The dead worker's lease holds: nobody else sends meanwhile.
    expect(await worker.drain()).toBe(0);
    expect((await outboxHealth(s.db)).due).toBe(0);
    setClock(shift(DAY, 2 * MINUTE + 1000));
    expect((await outboxHealth(s.db)).due).toBe(3);
    expect(await worker.drain()).toBe(3);
    for (const p of ps) {
      const [row] = await rowsOf(p);
      expect(row).toMatchObject({ status: 'sent', attempts: 2, leased_by: worker.id });
      expect(mailsTo(row!.address!)).toHaveLength(1);
    }
  });

  it('a message a dead worker had begun to hand over is sent again once, with the same Message-ID, and the log says it may be a repeat', async () => {
    const p = await guardian({ email: 'uncertain@mail.test' });
    await notify(s.db, orgId, [notice(p, 'uncertain')], ['email']);
    const [taken] = await claimDue(s.db, s.engine, 'dead-worker-2', DAY, shift(DAY, 2 * MINUTE), 50);
    expect(taken!.person_id).toBe(p);
    expect([...(await holdLeases(s.db, [taken!.id], 'dead-worker-2', shift(DAY, 2 * MINUTE), DAY))]).toEqual([taken!.id]);
    setClock(shift(DAY, 2 * MINUTE + 1000));
    await worker.drain();
    const [row] = await rowsOf(p);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, reason: UNCERTAIN_REPEAT });
    expect(mailsTo('uncertain@mail.test').map((m) => m.messageId)).toEqual([row!.message_id]);
  });

  it('retries with backoff, then fails with the reason after the last attempt', async () => {
    const p = await guardian({ email: 'retry@mail.test' });
    await notify(s.db, orgId, [notice(p, 'r')], ['email']);
    mailbox.failNext(1);
    await worker.drain();
    let [row] = await rowsOf(p);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: expect.stringMatching(/^2026-11-30T01:01:00\./) });
    expect(row!.reason).toContain('451');
    setClock(shift(DAY, MINUTE + 5000));
    await worker.drain();
    [row] = await rowsOf(p);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(mailsTo('retry@mail.test')).toHaveLength(1);

    const T = shift(DAY, 10 * MINUTE);
    setClock(T);
    const q = await guardian({ email: 'fails@mail.test' });
    await notify(s.db, orgId, [notice(q, 'f')], ['email']);
    mailbox.failNext(3);
    await worker.drain(); // attempt 1; next in 1 min
    setClock(shift(T, MINUTE + 5000));
    await worker.drain(); // attempt 2; next in 2 min
    setClock(shift(T, 4 * MINUTE));
    await worker.drain(); // attempt 3: the last
    [row] = await rowsOf(q);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row!.reason).toMatch(/451.*попыток: 3/);
    expect(mailsTo('fails@mail.test')).toEqual([]);
  });
});

describe('SMS', () => {
  it('goes through the SMS.ru-shaped gateway in one part, held through quiet hours until 08:00', async () => {
    const p = await guardian({ phone: '+7 (914) 700-00-01' });
    setClock('2026-11-30T12:30:00Z'); // 22:30 in Vladivostok
    await notify(s.db, orgId, [notice(p, 'quiet')], ['sms']);
    await worker.drain();
    let [row] = await rowsOf(p);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 0,
      next_attempt_at: '2026-11-30T22:00:00.000Z',
      reason: 'Тихие часы: SMS отложено до 08:00',
    });
    expect(smsRu.sent.filter((m) => m.to === '79147000001')).toEqual([]);
    setClock('2026-11-30T22:00:00Z');
    await worker.drain();
    [row] = await rowsOf(p);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, provider_id: expect.stringMatching(/^000000-/) });
    const sent = smsRu.sent.filter((m) => m.to === '79147000001');
    expect(sent).toEqual([{ apiId: 'test-api-id', to: '79147000001', msg: 'Иванова А.: «2» по математике 27.11', from: 'Kolledzh' }]);
    expect(measureSms(sent[0]!.msg).parts).toBe(1);
  });

  it('keeps to the college’s limit of SMS a day per person: the excess is held until the next day', async () => {
    const org2 = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok', settings: { notify: { smsPerDay: 2 } } })).id;
    const p = (await buildPerson(s.db, org2, { phone: '89147000002' })).id;
    await notify(
      s.db,
      org2,
      [1, 2, 3].map((i) => notice(p, `lim:${i}`)),
      ['sms'],
    );
    await worker.drain();
    const rows = await s.db.selectFrom('outbox').selectAll().where('person_id', '=', p).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'pending']);
    expect(rows[2]).toMatchObject({
      next_attempt_at: '2026-11-30T14:00:00.000Z',
      reason: 'Не больше 2 SMS в день одному человеку: отложено до 01.12.2026 00:00',
    });
    setClock('2026-11-30T14:00:00Z'); // midnight: quiet hours now hold it until 08:00
    await worker.drain();
    setClock('2026-11-30T22:00:00Z');
    await worker.drain();
    expect(smsRu.sent.filter((m) => m.to === '79147000002')).toHaveLength(3);
  });

  it('a gateway refusal of the number fails at once with the gateway’s reason', async () => {
    smsRu.failNext(1, 207);
    const p = await guardian({ phone: '89147000003' });
    await notify(s.db, orgId, [notice(p, 'refused')], ['sms']);
    await worker.drain();
    const [row] = await rowsOf(p);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.reason).toContain('207');
  });
});

describe('several processes', () => {
  it('two workers on their own connections take disjoint messages', async () => {
    const ps = await Promise.all(Array.from({ length: 40 }, () => guardian()));
    await notify(
      s.db,
      orgId,
      ps.map((p) => notice(p, 'pair')),
      ['email'],
    );
    const dbUrl = s.config.databaseUrl;
    const schema =
      s.engine === 'pg'
        ? ((await s.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirstOrThrow()).s as string)
        : undefined;
    const [a, b] = [openDatabase(dbUrl, { schema }), openDatabase(dbUrl, { schema })];
    try {
      const lease = shift(DAY, 2 * MINUTE);
      const [ta, tb] = await Promise.all([claimDue(a.db, a.engine, 'A', DAY, lease, 25), claimDue(b.db, b.engine, 'B', DAY, lease, 25)]);
      const ids = [...ta, ...tb].map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(40);
      expect(ta.length).toBeGreaterThan(0);
      expect(tb.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // Their leases run out; this worker sends each once.
    setClock(shift(DAY, 3 * MINUTE));
    await worker.drain();
    for (const p of ps) expect((await rowsOf(p)).map((r) => r.status)).toEqual(['sent']);
    expect(new Set(mailbox.mails.map((m) => m.messageId)).size).toBe(mailbox.mails.length);
  });

  it('two workers keep to a person’s limit together: what one has handed over counts for the other', async () => {
    const org2 = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok', settings: { notify: { emailsPerHour: 2 } } })).id;
    const p = (await buildPerson(s.db, org2, { email: 'limit-pair@mail.test' })).id;
    await notify(
      s.db,
      org2,
      [1, 2, 3, 4].map((i) => notice(p, `pair-limit:${i}`)),
      ['email'],
    );
    // Two processes on PostgreSQL (each its own connections); SQLite is served by one process.
    const schema =
      s.engine === 'pg'
        ? ((await s.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirstOrThrow()).s as string)
        : undefined;
    const conns = s.engine === 'pg' ? [openDatabase(s.config.databaseUrl, { schema }), openDatabase(s.config.databaseUrl, { schema })] : [];
    const [a, b] = [0, 1].map((i) => new DeliveryWorker(conns[i]?.db ?? s.db, s.engine, { ...cfg, batch: 2 }));
    try {
      // Each takes two of the four at once, and each alone would find the limit free.
      expect(await Promise.all([a!.tick(), b!.tick()])).toEqual([2, 2]);
    } finally {
      await Promise.all([a!.stop(), b!.stop(), ...conns.map((c) => c.close())]);
    }
    const rows = await s.db.selectFrom('outbox').selectAll().where('person_id', '=', p).orderBy('id').execute();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    expect(mailsTo('limit-pair@mail.test')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.reason)).toEqual([
      'Не больше 2 писем в час одному человеку: отложено до 12:00',
      'Не больше 2 писем в час одному человеку: отложено до 12:00',
    ]);
  });

  it('GET /health tells the outbox backlog', async () => {
    const p = await guardian();
    await notify(s.db, orgId, [notice(p, 'health')], ['email']);
    setClock(shift(DAY, 90_000));
    const h = await fetch(`${s.url}/api/v1/health`).then((r) => r.json());
    expect(h).toMatchObject({ database: { ok: true }, outbox: { due: 1, oldestSeconds: 90 } });
    await worker.drain();
    expect(await fetch(`${s.url}/api/v1/health`).then((r) => r.json())).toMatchObject({ outbox: { due: 0, oldestSeconds: 0 } });
  });
});
