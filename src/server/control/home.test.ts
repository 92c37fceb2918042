import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeAbsences, HomeBehind, HomeDebtors } from '../../contracts/control-home.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { buildHomeWorld } from '../../../test/factories-home.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Each role's home shows its duty (issue 12 item 7) on a hand-built college (test/factories-home.ts).
let s: TestServer;
let w: Awaited<ReturnType<typeof buildHomeWorld>>;
let other: Awaited<ReturnType<typeof buildRoleUsers>>;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

beforeAll(async () => {
  s = await startTestServer();
  w = await buildHomeWorld(s.db, (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id);
  other = await buildRoleUsers(s.db, (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id);
});
afterAll(() => s.close());

describe('home: absences today and this week', () => {
  it("the curator sees who of their group is absent today and the week's hours", async () => {
    const r = await (await as(w.users.curator)).get<HomeAbsences>('/control/home/absences');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ today: '2026-11-29', weekFrom: '2026-11-23' });
    expect(r.body.groups).toEqual([
      {
        groupId: w.groups.g1,
        name: 'ИС-21',
        today: { students: 2, hours: 4, unexcused: 2 },
        week: { students: 3, hours: 6, unexcused: 2 },
      },
    ]);
    expect(r.body.absentToday).toEqual([
      {
        studentId: w.students.s1,
        fullName: expect.stringMatching(/^Алексеева /),
        groupId: w.groups.g1,
        group: 'ИС-21',
        hours: 2,
        unexcused: 2,
        lessons: [{ lessonId: w.lessons.a29p1.id, pairNo: 1, subject: 'ОП.01 Основы программирования', value: 'н' }],
      },
      expect.objectContaining({ studentId: w.students.s2, fullName: expect.stringMatching(/^Борисов /), hours: 2, unexcused: 0 }),
    ]);
  });

  it("the specialist sees their direction's absences, the director the college's", async () => {
    const sp = (await (await as(w.users.specialist)).get<HomeAbsences>('/control/home/absences')).body;
    expect(sp.groups).toEqual([
      {
        groupId: w.groups.g2,
        name: 'ПК-22',
        today: { students: 1, hours: 2, unexcused: 2 },
        week: { students: 1, hours: 2, unexcused: 2 },
      },
    ]);
    expect(sp.absentToday.map((a) => a.fullName)).toEqual([expect.stringMatching(/^Громов /)]);
    const d = (await (await as(w.users.director)).get<HomeAbsences>('/control/home/absences')).body;
    expect(d.groups.map((g) => [g.name, g.today.students, g.week.hours])).toEqual([
      ['ИС-21', 2, 6],
      ['ПК-22', 1, 2],
    ]);
    expect(d.absentToday).toHaveLength(3);
  });

  it('answers 401 without a session, 403 without the journal, nothing of another college', async () => {
    expect((await new ApiClient(s.url).get('/control/home/absences')).status).toBe(401);
    expect((await (await as(w.users.observer)).get('/control/home/absences')).status).toBe(403);
    const o = (await (await as(other.director)).get<HomeAbsences>('/control/home/absences')).body;
    expect(o).toMatchObject({ groups: [], absentToday: [] });
    const oc = (await (await as(other.curator)).get<HomeAbsences>('/control/home/absences')).body;
    expect(oc.groups.map((g) => g.today)).toEqual([{ students: 0, hours: 0, unexcused: 0 }]);
  });
});

describe('home: debtors of the last term that has ended', () => {
  it("the curator sees their group's debtors: «2», «н/а» and no result; an exam over a «2» clears it", async () => {
    const r = await (await as(w.users.curator)).get<HomeDebtors>('/control/home/debtors');
    expect(r.status).toBe(200);
    expect(r.body.term).toMatchObject({ title: '2-й семестр 2025/2026', endDate: '2026-06-30' });
    expect(r.body.groups).toEqual([
      {
        groupId: w.groups.g1,
        name: 'ИС-21',
        students: 2,
        debtors: [
          {
            studentId: w.students.s1,
            fullName: expect.stringMatching(/^Алексеева /),
            debts: [{ code: 'ИН.01', name: 'Иностранный язык', value: 'н/а' }],
          },
          {
            studentId: w.students.s2,
            fullName: expect.stringMatching(/^Борисов /),
            debts: [
              { code: 'ЕН.01', name: 'Математика', value: null },
              { code: 'ОП.01', name: 'Основы программирования', value: '2' },
            ],
          },
        ],
      },
    ]);
  });

  it("the specialist sees their direction's groups; a teacher none; another college nothing of ours", async () => {
    const sp = (await (await as(w.users.specialist)).get<HomeDebtors>('/control/home/debtors')).body;
    expect(sp.groups).toEqual([{ groupId: w.groups.g2, name: 'ПК-22', students: 1, debtors: [] }]);
    const d = (await (await as(w.users.director)).get<HomeDebtors>('/control/home/debtors')).body;
    expect(d.groups.map((g) => [g.name, g.debtors.length])).toEqual([
      ['ИС-21', 2],
      ['ПК-22', 0],
    ]);
    expect((await (await as(w.teacherA)).get<HomeDebtors>('/control/home/debtors')).body.groups).toEqual([]);
    expect((await (await as(other.director)).get<HomeDebtors>('/control/home/debtors')).body).toEqual({ term: null, groups: [] });
    expect((await new ApiClient(s.url).get('/control/home/debtors')).status).toBe(401);
    expect((await (await as(w.users.observer)).get('/control/home/debtors')).status).toBe(403);
  });
});

describe('home: journals behind', () => {
  it("the chair sees the commission's lessons ended and not recorded, per teacher and subject", async () => {
    const r = await (await as(w.chair)).get<HomeBehind>('/control/home/behind');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ today: '2026-11-29', lessons: 2 });
    expect(r.body.items).toEqual([
      {
        assignmentId: w.assignments.a,
        teacher: { personId: w.teacherA.personId, name: expect.stringMatching(/^Арбузова /) },
        group: 'ИС-21',
        subject: 'ОП.01 Основы программирования',
        missing: 2,
        firstLessonId: w.lessons.a25.id,
        firstDate: '2026-11-25',
      },
    ]);
  });

  it('the deputy sees every commission; a teacher is refused; another college sees none of ours', async () => {
    const d = (await (await as(w.users.deputy)).get<HomeBehind>('/control/home/behind')).body;
    expect(d.lessons).toBe(3);
    expect(d.items.map((x) => [x.subject, x.missing])).toEqual([
      ['ОП.01 Основы программирования', 2],
      ['МДК.02 Технология кулинарии', 1],
    ]);
    expect((await new ApiClient(s.url).get('/control/home/behind')).status).toBe(401);
    expect((await (await as(w.teacherA)).get('/control/home/behind')).status).toBe(403);
    const o = await (await as(other.deputy)).get<HomeBehind | { error: unknown }>('/control/home/behind');
    expect(o.status).toBe(404);
  });
});
