import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../test/factories.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Principals are kept between requests and reloaded when the organization's rights stamp moves
// (decision 029): a right taken away is refused on the very next request, whichever way the
// rows were changed (here straight in the database, as an import or a manual fix would).

let s: TestServer;
let orgId: number;
let op = 0;
const opId = () => `rs-${Date.now().toString(36)}-${++op}`;
const stamp = async () =>
  (await s.db.selectFrom('organizations').select('rights_stamp').where('id', '=', orgId).executeTakeFirstOrThrow()).rights_stamp;

beforeAll(async () => {
  s = await startTestServer();
});
/** A college of its own for each case (a journal's academic year is built once per college). */
const journal = async () => buildJournal(s.db, (orgId = (await buildOrganization(s.db)).id));
afterAll(() => s.close());

describe('rights revocation takes effect on the next request', () => {
  it('a teacher whose assignment is given to another teacher can no longer write or read its journal', async () => {
    const j = await journal();
    const teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
    const write = () =>
      teacher.post('/journal/marks', { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[0].id, value: '5' });
    expect((await write()).status).toBe(201);
    expect((await teacher.get(`/journal/grid?assignmentId=${j.assignment.id}`)).status).toBe(200);
    const other = await buildUser(s.db, { orgId, roles: ['teacher'] });
    await s.db.updateTable('assignments').set({ teacher_person_id: other.personId }).where('id', '=', j.assignment.id).execute();
    await s.db.updateTable('lessons').set({ teacher_person_id: other.personId }).where('assignment_id', '=', j.assignment.id).execute();
    expect([403, 404]).toContain((await write()).status);
    expect((await teacher.get(`/journal/grid?assignmentId=${j.assignment.id}`)).status).toBe(404);
  });

  it('a curator removed from a group no longer reads its journal', async () => {
    const j = await journal();
    const curator = await new ApiClient(s.url).login(j.curator.login, j.curator.password);
    expect((await curator.get(`/journal/grid?assignmentId=${j.assignment.id}`)).status).toBe(200);
    const before = await stamp();
    await s.db.updateTable('groups').set({ curator_person_id: null }).where('id', '=', j.group.id).execute();
    expect(await stamp()).toBeGreaterThan(before);
    expect((await curator.get(`/journal/grid?assignmentId=${j.assignment.id}`)).status).toBe(404);
  });

  it('a role taken away refuses the route; a disabled account ends the session', async () => {
    orgId = (await buildOrganization(s.db)).id;
    const u = await buildUser(s.db, { orgId, roles: ['deputy'] });
    const c = await new ApiClient(s.url).login(u.login, u.password);
    expect((await c.get('/journal/corrections')).status).toBe(200);
    await s.db.deleteFrom('staff_roles').where('person_id', '=', u.personId).execute();
    expect((await c.get('/journal/corrections')).status).toBe(403);
    await s.db.updateTable('users').set({ is_active: 0 }).where('id', '=', u.id).execute();
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('a mark written or a login leaves the stamp where it was (the kept principals stay valid)', async () => {
    const j = await journal();
    const teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
    const before = await stamp();
    expect(
      (await teacher.post('/journal/marks', { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[1].id, value: '4' }))
        .status,
    ).toBe(201);
    await new ApiClient(s.url).login(j.curator.login, j.curator.password);
    expect(await stamp()).toBe(before);
  });
});
