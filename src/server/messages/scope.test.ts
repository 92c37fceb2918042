import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../test/factories.js';
import { buildMessagesWorld } from '../../../test/factories-messages.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Who may write to whom (issue 14 item 9, п. 2.11), walked over roles × recipients as the journal's
// scope tests are: the recipient picker lists exactly the reachable, and writing to anyone else is
// answered like a missing id (404), so nothing outside one's reach can be learnt by guessing.
let s: TestServer;
let w: Awaited<ReturnType<typeof buildMessagesWorld>>;
let stranger: { personId: number };
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  w = await buildMessagesWorld(s.db, orgId);
  // Someone of another college: never within reach.
  stranger = await buildUser(s.db, { orgId: (await buildOrganization(s.db)).id, roles: ['teacher'] });
});
afterAll(() => s.close());

type Who = keyof Awaited<ReturnType<typeof buildMessagesWorld>>['people'];
const ALL: Who[] = [
  'curator1',
  'curator2',
  'teacher1',
  'teacher2',
  'former',
  'admin',
  'deputy',
  'specialist',
  'chair',
  'student1',
  'student2',
  'guardian1',
  'guardian1b',
  'guardian2',
];
const STAFF: Who[] = ['curator1', 'curator2', 'teacher1', 'teacher2', 'former', 'admin', 'deputy', 'specialist', 'chair'];

/** Whom each one reaches (everyone else, the stranger included, is out of reach). */
const REACH: Record<Who, Who[]> = {
  guardian1: ['teacher1', 'curator1', 'admin', 'deputy'],
  guardian1b: ['teacher1', 'curator1', 'admin', 'deputy'],
  guardian2: ['teacher2', 'curator2', 'admin', 'deputy'],
  student1: ['teacher1', 'curator1'],
  student2: ['teacher2', 'curator2'],
  teacher1: [...STAFF, 'student1', 'guardian1', 'guardian1b'],
  teacher2: [...STAFF, 'student2', 'guardian2'],
  former: STAFF, // taught ИС-21 last year: no longer reaches its families
  curator1: [...STAFF, 'student1', 'guardian1', 'guardian1b'],
  curator2: [...STAFF, 'student2', 'guardian2'],
  admin: [...STAFF, 'guardian1', 'guardian1b', 'guardian2'],
  deputy: [...STAFF, 'guardian1', 'guardian1b', 'guardian2'],
  specialist: STAFF,
  chair: STAFF,
};

describe('message reach: roles × recipients', () => {
  it('the picker lists exactly those within reach, and a message to anyone else is a 404', async () => {
    const problems: string[] = [];
    for (const from of ALL) {
      const c = await as(w.people[from]);
      const listed = new Set((await c.call('GET /messages/contacts')).body.items.map((x) => x.personId));
      const expected = new Set(REACH[from].filter((x) => x !== from).map((x) => w.people[x].personId));
      for (const to of ALL) {
        if (to === from) continue;
        const pid = w.people[to].personId;
        if (listed.has(pid) !== expected.has(pid)) problems.push(`${from} lists ${to}: ${listed.has(pid)}`);
        const r = await c.call('POST /messages/threads', { body: { recipientPersonId: pid, text: `${from} → ${to}` } });
        if (r.status !== (expected.has(pid) ? 201 : 404)) problems.push(`${from} → ${to}: ${r.status}`);
      }
      const x = await c.call('POST /messages/threads', { body: { recipientPersonId: stranger.personId, text: 'x' } });
      if (x.status !== 404) problems.push(`${from} → another college: ${x.status}`);
      if (listed.has(stranger.personId)) problems.push(`${from} lists another college`);
    }
    expect(problems).toEqual([]);
  });

  it('search in the picker stays within reach', async () => {
    const g = await as(w.people.guardian1);
    const found = (await g.call('GET /messages/contacts', { query: { q: 'учител' } })).body.items;
    expect(found.map((x) => x.personId)).toEqual([w.people.teacher1.personId]);
    expect(found[0].note).toBe('Преподаватель: ОП.01 Основы программирования, ИС-21');
    expect((await g.call('GET /messages/contacts', { query: { q: 'Прежняя' } })).body.items).toEqual([]);
  });

  it('the regional observer has no messages at all', async () => {
    const o = await as(await buildUser(s.db, { orgId: w.groups.g1.orgId, roles: ['observer'] }));
    expect((await o.call('GET /messages/threads')).status).toBe(403);
    expect((await o.call('GET /events')).status).toBe(403);
  });
});
