import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addDays, formatRu, todayIn } from '../../domain/dates.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildMark,
  buildOrganization,
  buildRoleUsers,
  buildStudent,
  buildSubject,
  buildUser,
} from '../../../test/factories.js';
import { buildLessonPlan } from '../../../test/factories-curriculum.js';
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
      'Накопляемость: меньше трёх оценок за семестр у 2 обучающихся из 2',
    ]);
    expect(a.accumulation).toEqual({
      students: 2,
      grades: 2,
      few: [expect.objectContaining({ grades: 1 }), expect.objectContaining({ grades: 1 })],
    });
    expect(c.findings).toContain('Накопляемость оценок: меньше трёх оценок за семестр у 2 обучающихся по 1 журналу.');
    expect(c.rows[1].findings).toEqual(['В учебном плане нет аудиторных часов на этот семестр']);
    expect(c.rows[1].works.control.planned).toBeNull();
    expect(c.totals).toEqual({
      curriculumHours: 8,
      timetableHours: 8,
      deliveredHours: 6,
      dueHours: 8,
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
    // The table's heads read whole on paper (no «По распис.…», no «Пропуск|и»).
    const file = Buffer.from(
      await (await fetch(`${s.url}/api/v1/control/term-checks/${c.id}/report.pdf`, { headers: { cookie: director.cookie } })).arrayBuffer(),
    );
    const dir = mkdtempSync(join(tmpdir(), 'term-check-'));
    writeFileSync(join(dir, 'c.pdf'), file);
    const text = execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(text).toContain('расписанию,');
    expect(text).toContain('Пропуски,');
    expect(text).not.toMatch(/распис\.|Пропуск\s+и/);
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

  it('in a term not over, a lesson not yet held is not one unrecorded', async () => {
    const tomorrow = addDays(todayIn('Asia/Vladivostok'), 1);
    const term = await s.db.selectFrom('terms').select(['start_date', 'end_date']).where('id', '=', w.termId).executeTakeFirstOrThrow();
    expect(tomorrow >= term.start_date && tomorrow <= term.end_date, 'tomorrow lies in the term').toBe(true);
    await buildLesson(s.db, w.assignments.b, { date: tomorrow });
    const c = (await (await as(w.users.deputy)).call('POST /control/term-checks', { body: { termId: w.termId } })).body;
    const b = c.rows.find((r) => r.groupName === 'ПК-22')!;
    expect([b.timetableHours, b.dueHours, b.deliveredHours]).toEqual([4, 2, 2]);
    expect(b.findings).toEqual(['В учебном плане нет аудиторных часов на этот семестр']);
    const a = c.rows.find((r) => r.groupName === 'ИС-21')!;
    expect(a.findings).toContain('Записано 4 ч из 6 ч по расписанию');
    expect(c.findings[0]).toBe(
      `Проверено 2 журнала; по учебному плану 8 ч, по расписанию 10 ч, из них прошло на ${formatRu(todayIn('Asia/Vladivostok'))} 8 ч, записано 6 ч.`,
    );
    expect(c.findings).toContain('Не все прошедшие занятия по расписанию записаны: 1 дисциплина.');
  });

  it('measures a subject of several terms against the КТП lines of this term; counts grades per student; downloads Excel', async () => {
    const orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
    const users = await buildRoleUsers(s.db, orgId);
    const year = await buildAcademicYear(s.db, orgId, 2026);
    const teacher = await buildUser(s.db, { orgId, roles: ['teacher'], lastName: 'Веселова' });
    // A 2nd-year group: the 1st term of 2026/2027 is its 3rd; the subject runs in its 2nd (4 h) and 3rd (6 h) terms.
    const g = await buildGroup(s.db, { orgId, name: 'ЭК-31', course: 2 });
    const subject = await buildSubject(s.db, orgId, { programId: g.programId, code: 'ОП.05', name: 'Экономика' });
    await s.db
      .insertInto('curriculum_item_terms')
      .values([
        { organization_id: orgId, curriculum_item_id: subject.id, term_no: 2, theory_hours: 4, practical_hours: 0, self_study_hours: 0 },
        { organization_id: orgId, curriculum_item_id: subject.id, term_no: 3, theory_hours: 2, practical_hours: 4, self_study_hours: 0 },
      ])
      .execute();
    // The КТП of the whole subject: its first 4 hours are the 2nd term's, the next 6 the 3rd's.
    await buildLessonPlan(s.db, orgId, subject.id, {
      status: 'approved',
      lines: [
        { topic: 'Введение', hours: 2, lessonType: 'theory' },
        { topic: 'Контрольная работа 1', hours: 2, lessonType: 'control' },
        { topic: 'Лабораторная работа', hours: 2, lessonType: 'laboratory' },
        { topic: 'Контрольная работа 2', hours: 2, lessonType: 'control' },
        { topic: 'Практическая работа', hours: 2, lessonType: 'practical' },
      ],
    });
    const termId = year.termIds[0];
    const a = await buildAssignment(s.db, { group: g, teacherPersonId: teacher.personId, termId, subjectId: subject.id });
    const ivanov = await buildStudent(s.db, g, { lastName: 'Иванова' });
    const petrov = await buildStudent(s.db, g, { lastName: 'Петрова' });
    await buildStudent(s.db, g, { lastName: 'Сидорова' });
    // Left the group on 1 Nov: not in the list at the check.
    const gone = await buildStudent(s.db, g, { lastName: 'Смирнова' });
    await s.db.updateTable('group_memberships').set({ end_date: '2026-11-01' }).where('student_id', '=', gone.id).execute();
    const lessons = [];
    for (const date of ['2026-10-05', '2026-10-12', '2026-10-19']) lessons.push(await buildLesson(s.db, a, { date }));
    const at = new Date().toISOString();
    for (const [i, l] of lessons.entries())
      await s.db
        .updateTable('lessons')
        .set({ topic: 'Тема', recorded_at: at, work_types: i === 0 ? JSON.stringify(['control']) : null })
        .where('id', '=', l.id)
        .execute();
    const mark = (lessonId: number, studentId: number, value: string, workType = 'oral') =>
      buildMark(s.db, { orgId, lessonId, studentId, userId: teacher.id, value, workType });
    await mark(lessons[0].id, ivanov.id, '5', 'control');
    await mark(lessons[0].id, petrov.id, '3', 'control');
    await mark(lessons[1].id, ivanov.id, '4');
    await mark(lessons[2].id, ivanov.id, '5');

    const deputy = await as(users.deputy);
    const made = await deputy.call('POST /control/term-checks', { body: { termId } });
    expect(made.status).toBe(201);
    const [row] = made.body.rows;
    expect([row.curriculumHours, row.timetableHours, row.deliveredHours]).toEqual([6, 6, 6]);
    expect(row.works).toEqual({
      control: { planned: 1, held: 1, graded: 1 },
      laboratory: { planned: 1, held: 0, graded: 0 },
      practical: { planned: 1, held: 0, graded: 0 },
    });
    expect(row.accumulation).toEqual({
      students: 3,
      grades: 4,
      few: [
        { studentId: petrov.id, name: 'Петрова Анна Сергеевна', grades: 1 },
        { studentId: expect.any(Number), name: 'Сидорова Анна Сергеевна', grades: 0 },
      ],
    });
    expect(row.findings).toEqual([
      'Лабораторных работ проведено 0 из 1 по КТП',
      'Практических работ проведено 0 из 1 по КТП',
      'Накопляемость: меньше трёх оценок за семестр у 2 обучающихся из 3',
    ]);

    const xlsx = await fetch(`${s.url}/api/v1/control/term-checks/${made.body.id}/report.xlsx`, { headers: { cookie: deputy.cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Выводы', 'Журналы', 'Накопляемость']);
    const names = wb.getWorksheet('Накопляемость')!.getColumn(3).values.filter(Boolean);
    expect(names).toEqual(['Обучающийся', 'Петрова Анна Сергеевна', 'Сидорова Анна Сергеевна']);
    expect((await (await as(teacher)).request('GET', `/control/term-checks/${made.body.id}/report.xlsx`)).status).toBe(403);
    expect((await new ApiClient(s.url).request('GET', `/control/term-checks/${made.body.id}/report.xlsx`)).status).toBe(401);
    const other = await buildRoleUsers(s.db, (await buildOrganization(s.db)).id);
    expect((await (await as(other.deputy)).request('GET', `/control/term-checks/${made.body.id}/report.xlsx`)).status).toBe(404);
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
