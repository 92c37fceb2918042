import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { buildTermCheckWorld } from '../../../test/factories-term-check.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// The end-of-term check (issue 12 item 4): figures on a hand-built term, the справка, the parts.
let s: TestServer;
let w: Awaited<ReturnType<typeof buildTermCheckWorld>>;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  w = await buildTermCheckWorld(s.db, orgId);
});
afterAll(() => s.close());

describe('end-of-term check', () => {
  it('measures each journal against the curriculum and the timetable, works, objectivity and absences; teachers and curators acknowledge', async () => {
    const deputy = await as(w.users.deputy);
    const made = await deputy.call('POST /control/term-checks', { body: { termId: w.termId } });
    expect(made.status).toBe(201);
    const c = made.body;
    expect(c.rows.map((r) => [r.groupName, r.code, r.curriculumHours, r.timetableHours, r.deliveredHours])).toEqual([
      ['ИС-21', 'ОП.01', 8, 6, 4],
      ['ПК-22', 'МДК.02', null, 2, 2],
    ]);
    const a = c.rows[0];
    expect(a).toMatchObject({
      works: {
        control: { planned: 1, held: 1, graded: 1 },
        laboratory: { planned: 2, held: 1, graded: 0 },
        practical: { planned: 0, held: 0, graded: 0 },
      },
      termGrades: 2,
      farFromAverage: 1,
      overrides: 1,
      absenceHours: 2,
      curatorPersonId: w.curator.personId,
    });
    expect(a.findings).toEqual([
      'Расписание покрывает 6 ч из 8 ч учебного плана',
      'Записано 4 ч из 6 ч по расписанию',
      'Лабораторных работ проведено 1 из 2 по КТП',
      'Лабораторных работ без оценок: 1 из 1',
      'Оценок за семестр, расходящихся с текущим средним на балл и более: 1',
      'Оценок за семестр, выставленных вопреки проверке п. 4.2: 1',
    ]);
    expect(c.rows[1].findings).toEqual(['В учебном плане нет аудиторных часов на этот семестр']);
    expect(c.rows[1].works.control.planned).toBeNull();
    expect(c.totals).toEqual({
      curriculumHours: 8,
      timetableHours: 8,
      deliveredHours: 6,
      farFromAverage: 1,
      overrides: 1,
      absenceHours: 2,
    });
    expect(c.partsList.map((p) => [p.personId, p.role, p.acknowledgedAt])).toEqual(
      expect.arrayContaining([
        [w.teacherA.personId, 'teacher', null],
        [w.teacherB.personId, 'teacher', null],
        [w.curator.personId, 'curator', null],
      ]),
    );
    expect(c.parts).toBe(3);

    // The director reads it and downloads the справка.
    const director = await as(w.users.director);
    const list = await director.call('GET /control/term-checks', { query: { termId: w.termId } });
    expect(list.body.items.map((i) => [i.id, i.parts, i.acknowledged])).toEqual([[c.id, 3, 0]]);
    const pdf = await director.request('GET', `/control/term-checks/${c.id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect((await director.call('POST /control/term-checks', { body: { termId: w.termId } })).status).toBe(403);

    // Each teacher sees their journals only; the curator their group.
    const teacherA = await as(w.teacherA);
    const mine = await teacherA.call('GET /control/term-checks/mine');
    expect(mine.body.items.map((p) => [p.role, p.canAcknowledge, p.rows.map((r) => r.code)])).toEqual([['teacher', true, ['ОП.01']]]);
    const curator = await as(w.curator);
    const cur = await curator.call('GET /control/term-checks/mine');
    expect(cur.body.items.map((p) => [p.role, p.rows.map((r) => r.groupName)])).toEqual([['curator', ['ИС-21']]]);
    const teacherB = await as(w.teacherB);
    expect((await teacherB.call('POST /control/term-checks/parts/:id/ack', { params: { id: mine.body.items[0].partId } })).status).toBe(
      404,
    );

    const acked = await teacherA.call('POST /control/term-checks/parts/:id/ack', { params: { id: mine.body.items[0].partId } });
    expect(acked.status).toBe(200);
    expect(acked.body.items[0]).toMatchObject({ canAcknowledge: false });
    expect(acked.body.items[0].acknowledgedAt).not.toBeNull();
    const after = await deputy.call('GET /control/term-checks/:id', { params: { id: c.id } });
    expect(after.body.acknowledged).toBe(1);
    expect(after.body.partsList.filter((p) => p.acknowledgedAt).map((p) => p.personId)).toEqual([w.teacherA.personId]);
  });

  it('refuses the anonymous, other roles and other colleges', async () => {
    const anon = new ApiClient(s.url);
    expect((await anon.call('GET /control/term-checks')).status).toBe(401);
    expect((await anon.call('GET /control/term-checks/mine')).status).toBe(401);
    expect((await anon.call('GET /control/term-checks/:id', { params: { id: 1 } })).status).toBe(401);
    expect((await anon.request('GET', '/control/term-checks/1/report.pdf')).status).toBe(401);
    expect((await anon.post('/control/term-checks', { termId: w.termId })).status).toBe(401);
    expect((await anon.post('/control/term-checks/parts/1/ack')).status).toBe(401);

    const teacher = await as(w.teacherA);
    expect((await teacher.call('GET /control/term-checks')).status).toBe(403);
    expect((await teacher.call('POST /control/term-checks', { body: { termId: w.termId } })).status).toBe(403);
    expect((await (await as(w.users.student)).call('GET /control/term-checks/mine')).status).toBe(403);

    const made = await (await as(w.users.deputy)).call('POST /control/term-checks', { body: { termId: w.termId } });
    const otherOrg = (await buildOrganization(s.db)).id;
    const other = await buildRoleUsers(s.db, otherOrg);
    const otherDeputy = await as(other.deputy);
    expect((await otherDeputy.call('GET /control/term-checks/:id', { params: { id: made.body.id } })).status).toBe(404);
    expect((await otherDeputy.request('GET', `/control/term-checks/${made.body.id}/report.pdf`)).status).toBe(404);
    expect((await otherDeputy.call('GET /control/term-checks')).body.items).toEqual([]);
    expect((await otherDeputy.call('POST /control/term-checks', { body: { termId: w.termId } })).status).toBe(404);
    const part = made.body.partsList[0].id;
    expect((await (await as(other.teacher)).call('POST /control/term-checks/parts/:id/ack', { params: { id: part } })).status).toBe(404);
  });
});
