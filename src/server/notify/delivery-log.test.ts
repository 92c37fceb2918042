import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../domain/clock.js';
import { buildOrganization, buildPerson, buildRoleUsers } from '../../../test/factories.js';
import { startMailbox, type Mailbox } from '../../../test/mail-servers.js';
import { ApiClient, startTestServer, TEST_NOW, type TestServer } from '../../../test/server.js';
import { loadNotifyConfig } from './config.js';
import { DeliveryWorker } from './delivery.js';
import { notify } from './outbox.js';
import { rulesFrom } from '../../domain/delivery.js';

// The administrator's delivery log (issue 14 items 1, 11): who sent what to whom and with what
// result; failed messages retried; only the administrator sees it.
let s: TestServer;
let mailbox: Mailbox;
let worker: DeliveryWorker;
let orgId: number;
let u: Awaited<ReturnType<typeof buildRoleUsers>>;
const as = async (x: { login: string; password: string }) => new ApiClient(s.url).login(x.login, x.password);
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

beforeAll(async () => {
  setClock('2026-11-30T01:00:00Z');
  s = await startTestServer();
  mailbox = await startMailbox();
  worker = new DeliveryWorker(
    s.db,
    s.engine,
    loadNotifyConfig({
      smtp: { host: '127.0.0.1', port: mailbox.port, secure: false, user: null, password: null, from: 'journal@college.test' },
      maxAttempts: 1,
    }),
  );
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  u = await buildRoleUsers(s.db, orgId);
});
afterAll(async () => {
  setClock(TEST_NOW);
  await worker.stop();
  await mailbox.close();
  await s.close();
});

describe('the delivery log', () => {
  it('shows the administrator every message with its fate; a failed one is retried and delivered', async () => {
    const anna = (await buildPerson(s.db, orgId, { lastName: 'Смирнова', firstName: 'Анна', email: 'smirnova@mail.test' })).id;
    const petr = (await buildPerson(s.db, orgId, { lastName: 'Ёлкин', firstName: 'Пётр' })).id;
    await notify(
      s.db,
      orgId,
      [
        {
          personId: anna,
          kind: 'event',
          title: 'Родительское собрание',
          text: 'Собрание в пятницу',
          key: 'm1',
          senderPersonId: u.curator.personId,
        },
        { personId: petr, kind: 'digest', title: 'Сводка за неделю', text: '…', key: 'd1' },
      ],
      ['email'],
    );
    mailbox.failNext(1);
    await worker.drain();

    const admin = await as(u.admin);
    const log = await admin.call('GET /notify/log');
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(2);
    const failed = log.body.items.find((i) => i.person.id === anna)!;
    expect(failed).toMatchObject({
      channel: 'email',
      kindTitle: 'События и объявления',
      status: 'failed',
      address: 'smirnova@mail.test',
      sender: expect.stringMatching(/^Тестов/),
      canRetry: true,
      attempts: 1,
    });
    expect(failed.reason).toContain('451');
    expect(log.body.items.find((i) => i.person.id === petr)).toMatchObject({ status: 'skipped', reason: 'Нет адреса электронной почты' });

    expect((await admin.call('GET /notify/log', { query: { status: 'failed' } })).body.items.map((i) => i.id)).toEqual([failed.id]);
    expect((await admin.call('GET /notify/log', { query: { q: 'елкин' } })).body.items.map((i) => i.person.id)).toEqual([petr]);
    expect((await admin.call('GET /notify/log', { query: { channel: 'sms' } })).body.total).toBe(0);
    expect((await admin.call('GET /notify/log', { query: { from: '2026-11-30', to: '2026-11-30' } })).body.total).toBe(2);
    expect((await admin.call('GET /notify/log', { query: { from: '2026-12-01' } })).body.total).toBe(0);
    // Dates the wrong way round are named, not answered with an empty log.
    const backwards = await admin.get<{ error: { fields: Record<string, string> } }>('/notify/log?from=2026-12-01&to=2026-11-30');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields.to).toBe('Раньше, чем «С даты». Поменяйте даты местами.');
    expect((await admin.call('GET /notify/summary')).body).toMatchObject({ failed: 1, due: 0 });

    const retried = await admin.call('POST /notify/outbox/:id/retry', { params: { id: failed.id } });
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, canRetry: false, reason: null });
    expect((await admin.call('POST /notify/outbox/:id/retry', { params: { id: failed.id } })).status).toBe(409);
    await worker.drain();
    expect(mailbox.mails.filter((m) => m.to.includes('smirnova@mail.test'))).toHaveLength(1);
    expect((await admin.call('GET /notify/summary')).body).toMatchObject({ failed: 0, due: 0 });
    const audit = await s.db.selectFrom('audit_log').selectAll().where('action', '=', 'notify.retry').execute();
    expect(audit).toHaveLength(1);

    // A skipped one is retried once its person has an address; before that, the answer says what to do.
    const skipped = log.body.items.find((i) => i.person.id === petr)!;
    const noAddress = await admin.request<Err>('POST', `/notify/outbox/${skipped.id}/retry`, {});
    expect(noAddress.status).toBe(409);
    expect(noAddress.body.error.message).toBe('Нет адреса электронной почты: укажите его в карточке человека и повторите.');
    await s.db.updateTable('persons').set({ email: 'elkin@mail.test' }).where('id', '=', petr).execute();
    expect((await admin.call('POST /notify/outbox/:id/retry', { params: { id: skipped.id } })).body).toMatchObject({
      address: 'elkin@mail.test',
    });
    await worker.drain();
    expect(mailbox.mails.filter((m) => m.to.includes('elkin@mail.test'))).toHaveLength(1);
    expect((await admin.call('GET /notify/log')).body.total).toBe(2);
  });

  it('only the administrator sees it; another college’s message is not found', async () => {
    for (const role of ['director', 'deputy', 'teacher', 'curator', 'guardian', 'student'] as const) {
      expect((await (await as(u[role])).call('GET /notify/log')).status, role).toBe(403);
    }
    expect((await new ApiClient(s.url).call('GET /notify/log')).status).toBe(401);
    const org2 = (await buildOrganization(s.db)).id;
    const other = (await buildPerson(s.db, org2, { email: 'x@mail.test' })).id;
    await notify(s.db, org2, [{ personId: other, kind: 'grade', title: 'Оценка', text: '5', key: 'k' }], ['email']);
    const id = (await s.db.selectFrom('outbox').select('id').where('organization_id', '=', org2).executeTakeFirstOrThrow()).id;
    const admin = await as(u.admin);
    expect((await admin.call('POST /notify/outbox/:id/retry', { params: { id } })).status).toBe(404);
    expect((await admin.call('GET /notify/log')).body.items.some((i) => i.id === id)).toBe(false);
  });

  it('the college’s quiet hours and limits are set among the college settings; bad input names the field', async () => {
    const admin = await as(u.admin);
    const before = (await admin.call('GET /college/settings')).body.values;
    expect([before.notifyQuietStart, before.notifyQuietEnd, before.notifySmsPerDay, before.notifyEmailsPerHour]).toEqual([
      '21:00',
      '08:00',
      5,
      20,
    ]);
    const saved = await admin.call('PATCH /college/settings', { body: { notifyQuietEnd: '07:30', notifySmsPerDay: 3 } });
    expect(saved.status).toBe(200);
    const stored = await s.db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(rulesFrom(JSON.parse(stored.settings))).toEqual({ quietFrom: '21:00', quietTo: '07:30', smsPerDay: 3, emailsPerHour: 20 });
    const bad = await admin.request<Err>('PATCH', '/college/settings', { notifyQuietStart: '25:00' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {})).toEqual(['notifyQuietStart']);
  });
});
