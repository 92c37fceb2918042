import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildRoleUsers, buildUser } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { notify, clearOptOut, SKIP_REASONS, type Notice } from './outbox.js';
import { unsubscribeToken } from './unsubscribe.js';

// The notification foundation (issue 14 items 1, 4, 5, 11): notify() in the caller's transaction,
// idempotent by key; in-app notifications read only by their person; unsubscribe by a signed link.
let s: TestServer;
let orgId: number;
let u: Awaited<ReturnType<typeof buildRoleUsers>>;
const as = async (x: { login: string; password: string }) => new ApiClient(s.url).login(x.login, x.password);
const notice = (personId: number, key: string, extra: Partial<Notice> = {}): Notice => ({
  personId,
  kind: 'grade',
  title: 'Новая оценка',
  text: 'Математика: 5',
  link: '/diary?date=2026-11-27',
  key,
  ...extra,
});

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  u = await buildRoleUsers(s.db, orgId);
  await s.db
    .updateTable('persons')
    .set({ email: 'roditel@mail.ru', phone: '8 914 123-45-67' })
    .where('id', '=', u.guardian.personId)
    .execute();
});
afterAll(() => s.close());

const outboxOf = (personId: number) =>
  s.db.selectFrom('outbox').selectAll().where('organization_id', '=', orgId).where('person_id', '=', personId).orderBy('id').execute();

describe('notify()', () => {
  it('writes nothing when the change that caused it rolls back, and everything once when it commits', async () => {
    await expect(
      s.db.transaction().execute(async (tx) => {
        await notify(tx, orgId, [notice(u.guardian.personId, 'rolled-back')], ['app', 'email', 'sms']);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await outboxOf(u.guardian.personId)).filter((r) => r.key === 'rolled-back')).toEqual([]);

    await s.db.transaction().execute((tx) => notify(tx, orgId, [notice(u.guardian.personId, 'mark:1')], ['app', 'email', 'sms']));
    await notify(s.db, orgId, [notice(u.guardian.personId, 'mark:1', { title: 'Дубль' })], ['app', 'email', 'sms']);
    const rows = (await outboxOf(u.guardian.personId)).filter((r) => r.key === 'mark:1');
    expect(rows.map((r) => [r.channel, r.address, r.status, r.title])).toEqual([
      ['email', 'roditel@mail.ru', 'pending', 'Новая оценка'],
      ['sms', '79141234567', 'pending', 'Новая оценка'],
    ]);
    expect(rows[0]!.message_id).toMatch(/^<[\w-]+@ejournal>$/);
    const app = await (await as(u.guardian)).call('GET /notifications');
    expect(app.body.items.filter((n) => n.title === 'Новая оценка')).toHaveLength(1);
  });

  it('records a notice it cannot send as skipped, with the reason', async () => {
    await notify(s.db, orgId, [notice(u.teacher.personId, 'no-contacts')], ['email', 'sms']);
    const rows = await outboxOf(u.teacher.personId);
    expect(rows.map((r) => [r.channel, r.status, r.reason])).toEqual([
      ['email', 'skipped', SKIP_REASONS.noEmail],
      ['sms', 'skipped', SKIP_REASONS.noPhone],
    ]);
  });
});

describe('in-app notifications', () => {
  it('each person reads, counts and marks only their own', async () => {
    const other = await buildUser(s.db, { orgId });
    await notify(s.db, orgId, [notice(other.personId, 'a'), notice(other.personId, 'b'), notice(u.student.personId, 'c')], ['app']);
    const me = await as(other);
    expect((await me.call('GET /notifications/unread')).body).toEqual({ count: 2 });
    const list = await me.call('GET /notifications', { query: { pageSize: 1 } });
    expect(list.body).toMatchObject({ total: 2, unread: 2, page: 1, pageSize: 1 });
    expect(list.body.items).toHaveLength(1);

    const student = await as(u.student);
    const theirs = (await student.call('GET /notifications')).body.items[0]!;
    // Someone else's id is not theirs to mark: nothing changes.
    expect((await me.call('POST /notifications/read', { body: { ids: [theirs.id] } })).body).toEqual({ marked: 0, unread: 2 });
    expect((await student.call('GET /notifications/unread')).body.count).toBe(1);

    const first = (await me.call('GET /notifications')).body.items[0]!;
    expect((await me.call('POST /notifications/read', { body: { ids: [first.id] } })).body).toEqual({ marked: 1, unread: 1 });
    expect((await me.call('POST /notifications/read', { body: { all: true } })).body).toEqual({ marked: 1, unread: 0 });

    const empty = await me.request<{ error: { fields: Record<string, string> } }>('POST', '/notifications/read', {});
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.fields)).toEqual(['ids']);
    expect((await new ApiClient(s.url).call('GET /notifications/unread')).status).toBe(401);
  });
});

describe('unsubscribe', () => {
  it('a signed link opts the person out of that kind without logging in; a forged one is refused; settings turn it back on', async () => {
    const anon = new ApiClient(s.url);
    const token = await unsubscribeToken(s.db, orgId, u.guardian.personId, 'grade');
    const info = await anon.call('GET /unsubscribe', { query: { token } });
    expect(info.body).toEqual({ kind: 'grade', kindTitle: 'Новые оценки', email: 'ro***@mail.ru' });
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = await anon.request<{ error: { fields: Record<string, string> } }>('POST', '/unsubscribe', { token: forged });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['token']);
    expect((await anon.call('POST /unsubscribe', { body: { token } })).body).toEqual({ kind: 'grade', kindTitle: 'Новые оценки' });

    await notify(
      s.db,
      orgId,
      [notice(u.guardian.personId, 'after-optout'), notice(u.guardian.personId, 'digest-1', { kind: 'digest' })],
      ['email'],
    );
    let rows = (await outboxOf(u.guardian.personId)).filter((r) => r.key === 'after-optout' || r.key === 'digest-1');
    expect(rows.map((r) => [r.key, r.status, r.reason])).toEqual([
      ['after-optout', 'skipped', SKIP_REASONS.optedOut],
      ['digest-1', 'pending', null],
    ]);
    await clearOptOut(s.db, orgId, u.guardian.personId, 'grade');
    await notify(s.db, orgId, [notice(u.guardian.personId, 'after-clear')], ['email']);
    rows = (await outboxOf(u.guardian.personId)).filter((r) => r.key === 'after-clear');
    expect(rows.map((r) => r.status)).toEqual(['pending']);
  });
});
