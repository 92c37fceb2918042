import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser } from '../../../test/factories.js';
import { buildGiaWorld } from '../../../test/factories-gia.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { giaRecordsOfStudent } from './records.js';

// State final attestation and module exams (issue 16 item 1): records with history, the protocol,
// the cut-offs, the secretaries, and who reads and writes what.
let s: TestServer;
let w: Awaited<ReturnType<typeof buildGiaWorld>>;
let orgId: number;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db, { name: 'ГАПОУ «Колледж сервиса»' })).id;
  w = await buildGiaWorld(s.db, orgId);
});
afterAll(() => s.close());

const demo = (studentId: number, o: Record<string, unknown> = {}) => ({
  yearId: w.year.id,
  groupId: w.group.id,
  studentId,
  version: null,
  examDate: '2027-06-10',
  competence: 'Поварское дело',
  level: 'profile' as const,
  points: 70,
  ...o,
});

describe('the demo exam', () => {
  it('is converted by the cut-offs, written at its version, changed with a reason, kept in history and audit', async () => {
    const deputy = await as(w.deputy);
    const groups = await deputy.call('GET /gia/groups');
    expect(groups.status).toBe(200);
    expect(groups.body.yearId).toBe(w.year.id);
    expect(groups.body.groups.find((g) => g.id === w.group.id)).toMatchObject({ name: 'ПК-23', course: 4, graduating: true, demoExams: 0 });

    const first = await deputy.call('PUT /gia/demo-exams', {
      body: {
        ...demo(w.students[0].id),
        modules: [
          { name: 'Модуль А', max: 40, points: 30 },
          { name: 'Модуль Б', max: 60, points: 40 },
        ],
      },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ points: 70, maxPoints: 100, grade: '5', version: 1, level: 'profile' });
    expect(first.body.modules).toHaveLength(2);

    const low = await deputy.call('PUT /gia/demo-exams', { body: demo(w.students[1].id, { points: 19.99 }) });
    expect(low.body.grade).toBe('2');

    // Someone else's version, a change of result without a reason, then with one.
    const stale = await deputy.call('PUT /gia/demo-exams', { body: demo(w.students[0].id, { points: 69, version: null }) });
    expect(stale.status).toBe(409);
    const noReason = await deputy.request<Err>('PUT', '/gia/demo-exams', demo(w.students[0].id, { points: 69.5, version: 1 }));
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields ?? {})).toEqual(['reason']);
    const changed = await deputy.call('PUT /gia/demo-exams', {
      body: demo(w.students[0].id, { points: 69.5, version: 1, reason: 'Апелляция: пересчёт баллов модуля Б' }),
    });
    expect(changed.body).toMatchObject({ points: 69.5, grade: '4', version: 2 });
    // A change of the date alone needs no reason.
    expect(
      (await deputy.call('PUT /gia/demo-exams', { body: demo(w.students[0].id, { points: 69.5, version: 2, examDate: '2027-06-11' }) }))
        .status,
    ).toBe(200);

    const history = await deputy.call('GET /gia/groups/:id/history', { params: { id: w.group.id } });
    const mine = history.body.items.filter((e) => e.studentId === w.students[0].id);
    expect(mine).toHaveLength(3);
    expect(mine[1]).toMatchObject({ what: 'Демонстрационный экзамен', reason: 'Апелляция: пересчёт баллов модуля Б' });
    expect(mine[1].before).toContain('70 б. из 100, оценка «5»');
    expect(mine[1].after).toContain('69,5 б. из 100, оценка «4»');
    const audited = await s.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity', '=', 'gia_demo_exams')
      .where('organization_id', '=', orgId)
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['gia.demo_set', 'gia.demo_set', 'gia.demo_set', 'gia.demo_set']);
  });

  it('follows the college’s cut-offs, kept with the college settings and changed there by the administrator', async () => {
    const deputy = await as(w.deputy);
    const admin = await as(await buildUser(s.db, { orgId, roles: ['admin'] }));
    const current = await admin.call('GET /college/settings');
    expect(current.body.values).toMatchObject({ demoExamCutoff3: 20, demoExamCutoff4: 40, demoExamCutoff5: 70 });
    // The old routes are gone; the deputy does not change the college's settings.
    expect((await deputy.request('PUT', '/gia/settings', { cutoffs: [30, 50, 80] })).status).toBe(404);
    expect((await deputy.request('PATCH', '/college/settings', { demoExamCutoff3: 30 })).status).toBe(403);
    // Rising «3» < «4» < «5» is checked against the values in force, the field named.
    const bad = await admin.request<Err>('PATCH', '/college/settings', { demoExamCutoff3: 45 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ demoExamCutoff3: 'Пороги должны возрастать: «3» < «4» < «5».' });
    const set = await admin.call('PATCH /college/settings', { body: { demoExamCutoff3: 30, demoExamCutoff4: 50, demoExamCutoff5: 80 } });
    expect(set.body.values).toMatchObject({ demoExamCutoff3: 30, demoExamCutoff4: 50, demoExamCutoff5: 80 });
    expect(set.body.history[0].changes.map((c) => c.key)).toEqual(['demoExamCutoff3', 'demoExamCutoff4', 'demoExamCutoff5']);
    expect((await deputy.call('GET /gia/groups/:id', { params: { id: w.group.id } })).body.cutoffs).toEqual([30, 50, 80]);
    const r = await deputy.call('PUT /gia/demo-exams', { body: demo(w.students[2].id, { points: 49.99 }) });
    expect(r.body.grade).toBe('3');
    await admin.call('PATCH /college/settings', { body: { demoExamCutoff3: 20, demoExamCutoff4: 40, demoExamCutoff5: 70 } });
  });

  it('reads cut-offs stored before the registry once migrated, and their former history', async () => {
    const other = (await buildOrganization(s.db, { name: 'ГБПОУ «Прежний колледж»' })).id;
    const { cutoffsIntoRegistry } = await import('./migrations/1210-thesis-grades-and-cutoffs.js');
    await s.db
      .updateTable('organizations')
      .set({ settings: JSON.stringify({ journalEntryDays: 5, giaCutoffs: [25, 45, 75] }) })
      .where('id', '=', other)
      .execute();
    const admin = await buildUser(s.db, { orgId: other, roles: ['admin'] });
    await s.db
      .insertInto('audit_log')
      .values({
        organization_id: other,
        actor_user_id: admin.id,
        action: 'gia.settings_changed',
        entity: 'organization',
        entity_id: String(other),
        before: JSON.stringify({ cutoffs: [20, 40, 70] }),
        after: JSON.stringify({ cutoffs: [25, 45, 75] }),
        at: new Date().toISOString(),
      })
      .execute();
    await cutoffsIntoRegistry(s.db);
    const stored = await s.db.selectFrom('organizations').select('settings').where('id', '=', other).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.settings)).toEqual({ journalEntryDays: 5, giaCutoffs: { three: 25, four: 45, five: 75 } });
    const settings = await (await as(admin)).call('GET /college/settings');
    expect(settings.body.values).toMatchObject({ demoExamCutoff3: 25, demoExamCutoff4: 45, demoExamCutoff5: 75 });
    expect(settings.body.history[0].changes).toEqual([
      { key: 'demoExamCutoff3', before: 20, after: 25 },
      { key: 'demoExamCutoff4', before: 40, after: 45 },
      { key: 'demoExamCutoff5', before: 70, after: 75 },
    ]);
  });

  it('refuses bad input with the field named, never 500', async () => {
    const deputy = await as(w.deputy);
    const cases: [Record<string, unknown>, string][] = [
      [demo(w.students[2].id, { points: 101 }), 'points'],
      [demo(w.students[2].id, { points: 10.005 }), 'points'],
      [demo(w.students[2].id, { level: 'high' }), 'level'],
      [demo(w.students[2].id, { examDate: '2027-02-30' }), 'examDate'],
      [demo(w.otherStudent.id), 'studentId'],
      [demo(w.students[2].id, { yearId: 999999 }), 'yearId'],
      [demo(w.students[2].id, { version: 1, modules: [{ name: 'А', max: 50, points: 10 }] }), 'modules'],
    ];
    for (const [body, field] of cases) {
      const r = await deputy.request<Err>('PUT', '/gia/demo-exams', body);
      expect(r.status, field).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}), field).toContain(field);
    }
  });

  it('is refused in a closed year', async () => {
    const r = await (await as(w.deputy)).request<Err>('PUT', '/gia/demo-exams', demo(w.students[2].id, { yearId: w.past.id }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('year_archived');
  });
});

describe('the thesis and module exams', () => {
  it('a thesis: a grade only when admitted and with a date', async () => {
    const deputy = await as(w.deputy);
    const base = {
      yearId: w.year.id,
      groupId: w.group.id,
      studentId: w.students[0].id,
      version: null,
      topic: 'Разработка меню кафе',
      supervisor: 'Иванова И. И.',
      reviewer: null,
    };
    const bad = await deputy.request<Err>('PUT', '/gia/theses', { ...base, admission: null, defenseDate: null, grade: '5' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('grade');
    const topic = await deputy.call('PUT /gia/theses', { body: { ...base, admission: null, defenseDate: null, grade: null } });
    expect(topic.body).toMatchObject({
      topic: 'Разработка меню кафе',
      supervisor: 'Иванова И. И.',
      admission: null,
      grade: null,
      version: 1,
    });
    const done = await deputy.call('PUT /gia/theses', {
      body: { ...base, version: 1, reviewer: 'Петров П. П.', admission: 'admitted', defenseDate: '2027-06-20', grade: '5' },
    });
    expect(done.body).toMatchObject({ admission: 'admitted', grade: '5', version: 2 });
    const regrade = await deputy.request<Err>('PUT', '/gia/theses', {
      ...base,
      version: 2,
      admission: 'admitted',
      defenseDate: '2027-06-20',
      grade: '4',
    });
    expect(regrade.status).toBe(400);
    expect(regrade.body.error.fields).toHaveProperty('reason');
  });

  it('a thesis: the supervisor’s and the reviewer’s grades, optional, changed with a reason, kept when not sent', async () => {
    const deputy = await as(w.deputy);
    const base = {
      yearId: w.year.id,
      groupId: w.group.id,
      studentId: w.students[0].id,
      topic: 'Разработка меню кафе',
      supervisor: 'Иванова И. И.',
      reviewer: 'Петров П. П.',
      admission: 'admitted' as const,
      defenseDate: '2027-06-20',
      grade: '5' as const,
    };
    const v = (await deputy.call('GET /gia/groups/:id', { params: { id: w.group.id } })).body.students.find(
      (x) => x.studentId === w.students[0].id,
    )!.thesis!;
    expect(v).toMatchObject({ supervisorGrade: null, reviewerGrade: null });
    expect((await deputy.request<Err>('PUT', '/gia/theses', { ...base, version: v.version, reviewerGrade: '6' })).status).toBe(400);
    const graded = await deputy.call('PUT /gia/theses', {
      body: { ...base, version: v.version, supervisorGrade: '5', reviewerGrade: '4' },
    });
    expect(graded.body).toMatchObject({ supervisorGrade: '5', reviewerGrade: '4', version: v.version + 1 });
    // A client that does not send them keeps them.
    const kept = await deputy.call('PUT /gia/theses', {
      body: { ...base, version: v.version + 1, topic: 'Разработка меню кафе-кондитерской' },
    });
    expect(kept.body).toMatchObject({ supervisorGrade: '5', reviewerGrade: '4', version: v.version + 2 });
    const noReason = await deputy.request<Err>('PUT', '/gia/theses', { ...base, version: v.version + 2, reviewerGrade: '3' });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields ?? {})).toEqual(['reason']);
    const changed = await deputy.call('PUT /gia/theses', {
      body: { ...base, version: v.version + 2, reviewerGrade: '3', reason: 'Рецензия переоформлена' },
    });
    expect(changed.body).toMatchObject({ supervisorGrade: '5', reviewerGrade: '3', topic: 'Разработка меню кафе' });
    const history = await deputy.call('GET /gia/groups/:id/history', { params: { id: w.group.id } });
    const last = history.body.items.find((e) => e.studentId === w.students[0].id && e.reason === 'Рецензия переоформлена')!;
    expect(last.before).toContain('отзыв руководителя «5», рецензия «4»');
    expect(last.after).toContain('отзыв руководителя «5», рецензия «3»');
    expect(last.reason).toBe('Рецензия переоформлена');
  });

  it('a module exam: «освоен» with a positive grade, of a module of the group’s curriculum', async () => {
    const deputy = await as(w.deputy);
    const base = { yearId: w.year.id, groupId: w.group.id, studentId: w.students[1].id, version: null, examDate: '2026-12-25' };
    const contradiction = await deputy.request<Err>('PUT', '/gia/module-exams', {
      ...base,
      moduleId: w.modules.pm1,
      mastered: true,
      grade: '2',
    });
    expect(contradiction.body.error.fields).toHaveProperty('mastered');
    const notModule = await deputy.request<Err>('PUT', '/gia/module-exams', {
      ...base,
      moduleId: w.modules.mdk,
      mastered: true,
      grade: '4',
    });
    expect(notModule.body.error.fields).toHaveProperty('moduleId');
    const ok = await deputy.call('PUT /gia/module-exams', { body: { ...base, moduleId: w.modules.pm1, mastered: true, grade: '4' } });
    expect(ok.body).toMatchObject({ moduleId: w.modules.pm1, mastered: true, grade: '4', version: 1 });
    const page = await deputy.call('GET /gia/groups/:id', { params: { id: w.group.id } });
    expect(page.body.modules.map((m) => m.code)).toEqual(['ПМ.01', 'ПМ.02']);
    expect(page.body.students.map((x) => x.fullName)).toEqual([
      'Абрамова Анна Сергеевна',
      'Борисов Анна Сергеевна',
      'Ёжиков Анна Сергеевна',
    ]);
    expect(page.body.students[1].moduleExams).toHaveLength(1);
    expect(page.body).toMatchObject({ canWrite: true, canManage: true, cutoffs: [20, 40, 70] });
    // The export other areas read.
    const records = await giaRecordsOfStudent(s.db, orgId, w.students[1].id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      yearName: '2026/2027',
      groupName: 'ПК-23',
      demoExam: { grade: '2' },
      moduleExams: [{ moduleCode: 'ПМ.01', mastered: true }],
    });
  });
});

describe('reach', () => {
  it('the deputy and the group’s secretary write; the curator, the group’s teachers and the director read; others see nothing', async () => {
    const read = (c: ApiClient) => c.call('GET /gia/groups/:id', { params: { id: w.group.id } });
    const write = (c: ApiClient) =>
      c.request(
        'PUT',
        '/gia/demo-exams',
        demo(w.students[2].id, { version: 1, points: 49.99, examDate: '2027-06-12', reason: 'Пороги колледжа изменены' }),
      );
    const curator = await as(w.curator);
    expect((await read(curator)).body.canWrite).toBe(false);
    expect((await write(curator)).status).toBe(403);
    const teacher = await as(w.teacher);
    expect((await read(teacher)).status).toBe(200);
    expect((await write(teacher)).status).toBe(403);
    const director = await as(w.director);
    expect((await read(director)).status).toBe(200);
    expect((await write(director)).status).toBe(403);
    expect((await director.request('POST', `/gia/groups/${w.group.id}/secretaries`, { personId: w.secretary.personId })).status).toBe(403);

    const secretary = await as(w.secretary);
    expect((await read(secretary)).status).toBe(404);
    expect((await secretary.call('GET /gia/groups')).body.groups).toEqual([]);
    const deputy = await as(w.deputy);
    expect((await deputy.call('GET /gia/staff')).body.items.map((p) => p.name)).toContain('Секретарёва Иван Петрович');
    expect(
      (await deputy.call('POST /gia/groups/:id/secretaries', { params: { id: w.group.id }, body: { personId: w.secretary.personId } }))
        .status,
    ).toBe(200);
    expect((await deputy.request<Err>('POST', `/gia/groups/${w.group.id}/secretaries`, { personId: w.students[0].personId })).status).toBe(
      400,
    );
    const page = await read(secretary);
    expect(page.body).toMatchObject({ canWrite: true, canManage: false, secretaries: [{ name: 'Секретарёва Иван Петрович' }] });
    expect((await secretary.call('GET /gia/groups')).body.groups.map((g) => g.name)).toEqual(['ПК-23']);
    expect((await write(secretary)).status).toBe(200);
    // Not another group's secretary.
    expect((await secretary.request('PUT', '/gia/demo-exams', { ...demo(w.otherStudent.id), groupId: w.other.id })).status).toBe(404);
    expect(
      (await deputy.call('DELETE /gia/groups/:id/secretaries/:personId', { params: { id: w.group.id, personId: w.secretary.personId } }))
        .status,
    ).toBe(200);
    expect((await write(secretary)).status).toBe(404);
  });

  it('a student and their guardian see their own records only; another college sees nothing; no session is 401', async () => {
    const student = await as(w.students[0].user!);
    const own = await student.call('GET /gia/students/:id', { params: { id: w.students[0].id } });
    expect(own.status).toBe(200);
    expect(own.body.records[0]).toMatchObject({ groupName: 'ПК-23', demoExam: { grade: '4' }, thesis: { grade: '5' } });
    expect((await student.call('GET /gia/students/:id', { params: { id: w.students[1].id } })).status).toBe(404);
    expect((await student.call('GET /gia/groups/:id', { params: { id: w.group.id } })).status).toBe(404);
    expect((await student.request('PUT', '/gia/demo-exams', demo(w.students[0].id, { version: 3 }))).status).toBe(404);
    const guardian = await as(w.guardian);
    expect((await guardian.call('GET /gia/students/:id', { params: { id: w.students[0].id } })).status).toBe(200);
    expect((await guardian.call('GET /gia/students/:id', { params: { id: w.students[2].id } })).status).toBe(404);
    expect((await (await as(w.curator)).call('GET /gia/students/:id', { params: { id: w.students[2].id } })).status).toBe(200);
    expect((await (await as(w.secretary)).call('GET /gia/students/:id', { params: { id: w.students[2].id } })).status).toBe(404);

    const otherOrg = (await buildOrganization(s.db)).id;
    const stranger = await as(await buildUser(s.db, { orgId: otherOrg, roles: ['deputy'] }));
    expect((await stranger.call('GET /gia/groups/:id', { params: { id: w.group.id } })).status).toBe(404);
    expect((await stranger.call('GET /gia/students/:id', { params: { id: w.students[0].id } })).status).toBe(404);
    expect((await stranger.request('PUT', '/gia/demo-exams', demo(w.students[0].id, { version: 3, yearId: w.year.id }))).status).toBe(404);
    const anonymous = new ApiClient(s.url);
    expect((await anonymous.call('GET /gia/groups')).status).toBe(401);
    expect((await anonymous.request('PUT', '/gia/demo-exams', demo(w.students[0].id))).status).toBe(401);
  });
});

describe('the protocol', () => {
  it('is a PDF and an XLSX in Russian with the college’s details', async () => {
    const deputy = await as(w.deputy);
    const pdf = await fetch(`${s.url}/api/v1/gia/groups/${w.group.id}/protocol.pdf`, { headers: { cookie: deputy.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers.get('content-disposition') ?? '')).toContain('Протокол ГИА ПК-23 2026_2027.pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
    const xlsx = await fetch(`${s.url}/api/v1/gia/groups/${w.group.id}/protocol.xlsx`, { headers: { cookie: deputy.cookie } });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const text: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => text.push(String(c.value))));
    expect(text[0]).toBe('Приморский край. ГАПОУ «Колледж сервиса»');
    expect(text).toContain('ПРОТОКОЛ ГОСУДАРСТВЕННОЙ ИТОГОВОЙ АТТЕСТАЦИИ');
    expect(text).toContain('Абрамова Анна Сергеевна');
    expect(text).toContain('Разработка меню кафе');
    expect(text).toContain('Отзыв руков.');
    expect(text).toContain('Рецензия');
    const row = ws.getRow(ws.getColumn(2).values.indexOf('Абрамова Анна Сергеевна'));
    expect([row.getCell(9).value, row.getCell(10).value]).toEqual([5, 3]);
    expect(text).toContain('освоен, «4»');
    expect(
      (
        await fetch(`${s.url}/api/v1/gia/groups/${w.group.id}/protocol.pdf`, {
          headers: { cookie: (await as(w.students[0].user!)).cookie },
        })
      ).status,
    ).toBe(404);
  });
});

describe('the ГИА line of the curriculum', () => {
  it('is assigned as load and planned in a КТП; the module as a whole is still refused', async () => {
    const methodist = await as(await buildUser(s.db, { orgId, roles: ['methodist'] }));
    const load = await methodist.call('POST /assignments', {
      body: {
        termId: w.year.termIds[1],
        groupId: w.group.id,
        curriculumItemId: w.modules.gia,
        teacherPersonId: w.teacher.personId,
        hours: 12,
      },
    });
    expect(load.status).toBe(200);
    const whole = await methodist.request<Err>('POST', '/assignments', {
      termId: w.year.termIds[1],
      groupId: w.group.id,
      curriculumItemId: w.modules.pm1,
      teacherPersonId: w.teacher.personId,
      hours: 12,
    });
    expect(whole.status).toBe(400);
    expect(whole.body.error.fields).toHaveProperty('curriculumItemId');
    const plan = await methodist.call('POST /lesson-plans', { body: { curriculumItemId: w.modules.gia } });
    expect(plan.status).toBe(200);
  });
});
