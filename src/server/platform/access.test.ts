import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../domain/permissions.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { addDays, todayIn } from '../../domain/dates.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildPerson,
  buildStudent,
  buildUser,
  buildOrganization,
  buildRoleUsers,
} from '../../../test/factories.js';
import { buildDirectionWorld } from '../../../test/factories-direction.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Walks every route of the OpenAPI document: each one requires a session, and each one that
// needs a permission refuses a role without it. A route added without a check fails here.
let s: TestServer;
let clients: Record<Role, ApiClient>;
let routes: { method: string; url: string; access: string }[];
let roleUsers: Awaited<ReturnType<typeof buildRoleUsers>>;
let orgId: number;

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db);
  const users = await buildRoleUsers(s.db, org.id);
  roleUsers = users;
  orgId = org.id;
  clients = {} as Record<Role, ApiClient>;
  for (const role of ROLES) clients[role] = await new ApiClient(s.url).login(users[role].login, users[role].password);
  const doc = (await new ApiClient(s.url).get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json')).body;
  routes = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), url: path, access: '' });
  }
});
afterAll(() => s.close());

const concrete = (url: string) => url.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '1');

describe('every route is guarded', () => {
  it('the OpenAPI document lists the routes', () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  it('every route except login and health answers 401 without a session', async () => {
    const anon = new ApiClient(s.url);
    for (const r of routes) {
      // Public: logging in, and the monitoring's health check (decision 037).
      if (r.url.endsWith('/auth/login') || r.url.endsWith('/health')) continue;
      const res = await anon.request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every route with a permission answers 403 to a role without it', async () => {
    const info = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-access'?: string }>>;
    };
    let checked = 0;
    for (const [path, ops] of Object.entries(info.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const access = op['x-access'];
        expect(access, `${method} ${path} declares its access`).toBeTruthy();
        if (access === 'public' || access === 'authenticated') continue;
        const denied = ROLES.find((role) => !ROLE_PERMISSIONS[role][access as Permission]);
        if (!denied) continue; // every role holds it
        const res = await clients[denied].request(method.toUpperCase(), concrete(path), method === 'get' ? undefined : {});
        expect(res.status, `${method} ${path} as ${denied}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

// Row rules for every role: persons within reach, powers that follow dated membership, cell
// history of one's own cells, operation ids that replay only the same write (decision 013).
describe('row rules hold for every role', () => {
  type Expect = Record<Role, number>;
  const each = async (want: Expect, call: (c: ApiClient, role: Role) => Promise<{ status: number }>) => {
    for (const role of ROLES) expect((await call(clients[role], role)).status, role).toBe(want[role]);
  };
  const only = (allowed: Partial<Expect>, otherwise = 403): Expect =>
    ({ ...Object.fromEntries(ROLES.map((r) => [r, otherwise])), ...allowed }) as Expect;
  let group: { id: number; orgId: number };
  let studentId: number;
  let today: string;
  let ownLesson: number;
  let otherLesson: number;
  let admin: ApiClient;

  beforeAll(async () => {
    group = {
      id: (
        await s.db.selectFrom('groups').select('id').where('curator_person_id', '=', roleUsers.curator.personId).executeTakeFirstOrThrow()
      ).id,
      orgId,
    };
    studentId = (
      await s.db.selectFrom('students').select('id').where('person_id', '=', roleUsers.student.personId).executeTakeFirstOrThrow()
    ).id;
    today = todayIn('Asia/Vladivostok');
    const termId = (await buildAcademicYear(s.db, orgId)).termIds[0];
    await s.db
      .updateTable('terms')
      .set({ end_date: addDays(today, 60) })
      .where('id', '=', termId)
      .execute();
    const a = await buildAssignment(s.db, { group, teacherPersonId: roleUsers.teacher.personId, termId });
    ownLesson = (await buildLesson(s.db, a, { date: today })).id;
    otherLesson = (await buildLesson(s.db, await buildAssignment(s.db, { orgId, termId }), { date: today })).id;
    admin = clients.admin;
  });

  it('credentials and contacts of a guardian who is staff: the administrator only', async () => {
    const staffParent = await buildUser(s.db, { orgId, roles: ['director'] });
    await s.db
      .insertInto('guardian_links')
      .values({ organization_id: orgId, guardian_person_id: staffParent.personId, student_id: studentId, relation: 'father' })
      .execute();
    await each(only({ admin: 200 }), (c) => c.post('/credentials', { personIds: [staffParent.personId], reset: true }));
    await each(only({ admin: 200 }), (c, role) => c.patch(`/persons/${staffParent.personId}/contacts`, { email: `${role}@example.ru` }));
  });

  it('credentials and contacts of a plain guardian of the group: the administrator and the curator', async () => {
    await each(only({ admin: 200, curator: 200 }), async (c) => {
      const parent = await buildPerson(s.db, orgId);
      await s.db
        .insertInto('guardian_links')
        .values({ organization_id: orgId, guardian_person_id: parent.id, student_id: studentId, relation: 'mother' })
        .execute();
      const r = await c.post('/credentials', { personIds: [parent.id] });
      return r.status === 200 ? c.patch(`/persons/${parent.id}/contacts`, { phone: '+7 914 222 33 44' }) : r;
    });
  });

  it('справки only within the dates the student was in the curator’s group', async () => {
    const moved = await buildStudent(s.db, group, { lastName: 'Перешедший' });
    const to = await buildGroup(s.db, { orgId });
    expect(
      (
        await admin.post(`/students/${moved.id}/movement`, {
          kind: 'transfer',
          date: addDays(today, -10),
          toGroupId: to.id,
          orderNo: '1-к',
          reason: 'Заявление',
        })
      ).status,
    ).toBe(200);
    const body = { studentId: moved.id, reason: 'Болезнь' };
    await each(only({}), (c) => c.post('/journal/excuses', { ...body, fromDate: addDays(today, -5), toDate: addDays(today, -4) }));
    await each(only({ curator: 201 }), (c) =>
      c.post('/journal/excuses', { ...body, fromDate: addDays(today, -20), toDate: addDays(today, -19) }),
    );
    // A teacher's marks for the moved student in the old group's lesson after the move are refused.
    await each(only({ teacher: 400 }), (c) =>
      c.post('/journal/marks', {
        opId: `moved-${Math.random().toString(36).slice(2)}`,
        lessonId: ownLesson,
        studentId: moved.id,
        value: '5',
      }),
    );
  });

  it('cell history: one’s own cells; another group’s lesson is 404 to the student and the guardian', async () => {
    const none = { observer: 403 };
    await each(only({ ...none }, 404), (c) => c.get(`/journal/history?lessonId=${otherLesson}&studentId=${studentId}`));
    await each(only({ ...none, chair: 404, specialist: 404 }, 200), (c) =>
      c.get(`/journal/history?lessonId=${ownLesson}&studentId=${studentId}`),
    );
    const stranger = await buildStudent(s.db, await buildGroup(s.db, { orgId }));
    await each(only({ ...none }, 404), (c) => c.get(`/journal/history?lessonId=${ownLesson}&studentId=${stranger.id}`));
  });

  it('a reused operation id with another payload is 409 to the one who may write', async () => {
    const opId = `reuse-${Math.random().toString(36).slice(2)}`;
    const other = await buildStudent(s.db, group, { lastName: 'Второй' });
    expect((await clients.teacher.post('/journal/marks', { opId, lessonId: ownLesson, studentId, value: '5' })).status).toBe(201);
    await each(only({ teacher: 200 }, 403), (c) => c.post('/journal/marks', { opId, lessonId: ownLesson, studentId, value: '5' }));
    await each(only({ teacher: 409 }, 403), (c) =>
      c.post('/journal/marks', { opId, lessonId: ownLesson, studentId: other.id, value: '5' }),
    );
  });

  it('performance: the group’s сводная ведомость to its curator and the administration only', async () => {
    await each(
      {
        admin: 200,
        director: 200,
        deputy: 200,
        methodist: 200,
        specialist: 404,
        curator: 200,
        chair: 404,
        teacher: 404,
        student: 403,
        guardian: 403,
        observer: 403,
      },
      (c) => c.get(`/performance/groups/${group.id}/sheet`),
    );
  });

  it('correction requests: those who read every journal see them all', async () => {
    const a = await buildAssignment(s.db, {
      group,
      teacherPersonId: roleUsers.teacher.personId,
      termId: (await s.db.selectFrom('terms').select('id').where('organization_id', '=', orgId).orderBy('id').executeTakeFirstOrThrow()).id,
    });
    const closed = await buildLesson(s.db, a, { date: addDays(today, -5) });
    const r = await clients.teacher.post<{ id: number }>('/journal/corrections', {
      lessonId: closed.id,
      studentId,
      value: '4',
      reason: 'Не успела внести',
    });
    expect(r.status).toBe(201);
    const sees = (c: ApiClient) =>
      c
        .get<{ items: { id: number }[] }>('/journal/corrections?status=all')
        .then((x) => ({ status: x.status === 200 ? (x.body.items.some((i) => i.id === r.body.id) ? 200 : 204) : x.status }));
    await each(
      {
        admin: 200,
        director: 200,
        deputy: 200,
        methodist: 200,
        specialist: 204,
        chair: 204,
        curator: 204,
        teacher: 200,
        student: 204,
        guardian: 204,
        observer: 403,
      },
      sees,
    );
  });

  it('remarks: control roles write them; they, and the teacher concerned, read them (issue 12)', async () => {
    const made = await clients.methodist.post<{ id: number }>('/control/remarks', {
      target: { kind: 'lesson', lessonId: ownLesson },
      text: 'Не записана тема',
      dueDate: addDays(today, 2),
    });
    expect(made.status).toBe(201);
    await each(only({ director: 200, deputy: 200, methodist: 200, teacher: 200, chair: 404 }), (c) =>
      c.get(`/control/remarks/${made.body.id}`),
    );
    await each(only({ deputy: 201, methodist: 201, chair: 403 }), (c) =>
      c.post('/control/remarks', {
        target: { kind: 'lesson', lessonId: otherLesson },
        text: 'Нет посещаемости',
        dueDate: addDays(today, 2),
      }),
    );
    await each(only({ teacher: 200, chair: 404 }), (c) => c.post(`/control/remarks/${made.body.id}/fix`, {}));
  });

  it('the monthly activity report (п. 6.1): the administrator, the director and the deputy', async () => {
    await each(only({ admin: 200, director: 200, deputy: 200 }), (c) => c.get('/activity?month=2026-10'));
    await each(only({ admin: 200, director: 200, deputy: 200 }), (c) => c.get('/activity.xlsx?month=2026-10'));
  });
});

// п. 2.6: a specialist reads the journals, absences and cards of their direction only. Every GET
// route the specialist reaches through the `direction` scope is called with the ids of a group,
// its student, guardian, journal and lesson outside the direction: the student's name never
// appears, and no file is handed out. The director, who reads the whole college, sees it.
describe('a specialist outside their direction', () => {
  it('no route shows a student, journal or absence outside the direction', async () => {
    const w = await buildDirectionWorld(s.db, orgId, roleUsers.specialist.personId);
    const info = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-access'?: string }>>;
    };
    const query = `assignmentId=${w.out.assignmentId}&lessonId=${w.out.lessonId}&studentId=${w.out.studentId}&groupId=${w.out.groupId}&view=group&id=${w.out.groupId}&date=${w.today}&termId=${w.termId}&status=all&pageSize=500`;
    const idFor = (path: string) =>
      path.startsWith('/api/v1/students/')
        ? w.out.studentId
        : path.startsWith('/api/v1/guardians/')
          ? w.out.guardianPersonId
          : path.startsWith('/api/v1/journal/lessons/')
            ? w.out.lessonId
            : path.startsWith('/api/v1/attestation/assignments/')
              ? w.out.assignmentId
              : w.out.groupId;
    const url = (path: string) =>
      `${path
        .replace(/^\/api\/v1/, '')
        .replace('{studentId}', String(w.out.studentId))
        .replace(/\{[^}]+\}/g, String(idFor(path)))}?${query}`;
    let swept = 0;
    let directorSaw = 0;
    for (const [path, ops] of Object.entries(info.paths)) {
      const access = ops.get?.['x-access'] as Permission | undefined;
      if (!access || ROLE_PERMISSIONS.specialist[access] !== 'direction') continue;
      swept++;
      const res = await clients.specialist.request('GET', url(path));
      const type = String(res.headers.get('content-type') ?? '');
      // A file of the caller's own reach (no id in the path) is checked through its JSON twin.
      const twin = !path.includes('{') && info.paths[path.replace(/\.(pdf|xlsx)$/, '')] ? path.replace(/\.(pdf|xlsx)$/, '') : null;
      if (type.includes('json')) expect(JSON.stringify(res.body), `GET ${path}`).not.toContain(w.out.lastName);
      else if (twin && twin !== path)
        expect(JSON.stringify((await clients.specialist.request('GET', url(twin))).body), `GET ${twin}`).not.toContain(w.out.lastName);
      else expect(res.status, `GET ${path} hands out a file`).toBeGreaterThanOrEqual(400);
      const dir = await clients.director.request('GET', url(path));
      if (JSON.stringify(dir.body ?? '').includes(w.out.lastName)) directorSaw++;
    }
    expect(swept).toBeGreaterThanOrEqual(15);
    expect(directorSaw).toBeGreaterThanOrEqual(6);
    // Inside the direction the same specialist reads the journal and the card.
    expect((await clients.specialist.get(`/journal/grid?assignmentId=${w.in.assignmentId}`)).status).toBe(200);
    expect((await clients.specialist.get(`/students/${w.in.studentId}`)).status).toBe(200);
  });
});
