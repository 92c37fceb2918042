import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Curriculum, Fulfilment, ImportResult, Load, MyPlans, PlanDetail, PlanList, Uncovered } from '../../contracts/curriculum.js';
import { zeroHours } from '../../domain/curriculum.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildOrganization,
  buildProgram,
  buildRoleUsers,
  buildSubgroup,
  buildSubject,
  buildUser,
} from '../../../test/factories.js';
import { buildItemTerm, buildLessonPlan } from '../../../test/factories-curriculum.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const login = (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
const hours = (h: Partial<ReturnType<typeof zeroHours>>) => ({ ...zeroHours(), ...h });

async function xlsxBase64(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** A college with a year, a commission with its chair, a teacher and a group studying one subject. */
async function college() {
  const org = await buildOrganization(s.db);
  const year = await buildAcademicYear(s.db, org.id, 2026);
  const commission = await s.db
    .insertInto('subject_commissions')
    .values({ organization_id: org.id, name: 'ПЦК поварского и кондитерского дела', chair_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherCommission = await s.db
    .insertInto('subject_commissions')
    .values({ organization_id: org.id, name: 'ПЦК сервиса', chair_person_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const users = await buildRoleUsers(s.db, org.id);
  const chair = await buildUser(s.db, { orgId: org.id, roles: ['chair', 'teacher'], commissionId: commission.id });
  const otherChair = await buildUser(s.db, { orgId: org.id, roles: ['chair'], commissionId: otherCommission.id });
  const program = await buildProgram(s.db, org.id, { code: '43.02.15', name: 'Поварское и кондитерское дело' });
  const group = await buildGroup(s.db, {
    orgId: org.id,
    programId: program.id,
    course: 2,
    name: 'ПК-25',
    curatorPersonId: users.curator.personId,
  });
  const subject = await buildSubject(s.db, org.id, {
    programId: program.id,
    code: 'ОП.02',
    name: 'Организация хранения и контроль запасов и сырья',
    commissionId: commission.id,
  });
  await s.db.updateTable('curricula').set({ intake_year: 2025 }).where('id', '=', subject.curriculumId).execute();
  await buildItemTerm(s.db, org.id, subject.id, 3, { theory: 4, practical: 2, self_study: 1, form: 'ДЗ' });
  const teacherId = users.teacher.personId;
  const assignment = await buildAssignment(s.db, {
    group,
    subjectId: subject.id,
    termId: year.termIds[0],
    teacherPersonId: teacherId,
    hours: 6,
  });
  return { org, year, commission, otherCommission, users, chair, otherChair, program, group, subject, assignment };
}

describe('curricula', () => {
  it('the methodist enters a curriculum with hours per term; others read it; other colleges do not see it', async () => {
    const c = await college();
    const methodist = await login(c.users.methodist);
    const created = await methodist.post<Curriculum>('/curricula', { programId: c.program.id, intakeYear: 2026 });
    expect(created.status).toBe(200);
    expect(created.body.name).toBe('43.02.15 Поварское и кондитерское дело, набор 2026 года');
    const pm = await methodist.post<Curriculum>(`/curricula/${created.body.id}/items`, {
      code: 'ПМ.01',
      name: 'Приготовление полуфабрикатов',
      commissionId: c.commission.id,
      terms: [{ termNo: 4, hours: hours({}), form: 'Эк' }],
    });
    expect(pm.status).toBe(200);
    const mdk = await methodist.post<Curriculum>(`/curricula/${created.body.id}/items`, {
      code: 'МДК.01.01',
      name: 'Организация приготовления полуфабрикатов',
      commissionId: c.commission.id,
      terms: [
        { termNo: 3, hours: hours({ theory: 30, practical: 20, self_study: 4 }), form: null },
        { termNo: 4, hours: hours({ theory: 20, laboratory: 24, consultation: 2, exam: 6 }), form: 'Э' },
      ],
    });
    expect(mdk.status).toBe(200);
    const item = mdk.body.items.find((i) => i.code === 'МДК.01.01')!;
    expect(item.parentId).toBe(mdk.body.items.find((i) => i.code === 'ПМ.01')!.id);
    expect(item.kind).toBe('mdk');
    expect(item.cycle).toBe('ПМ');
    expect(item.total).toMatchObject({ theory: 50, practical: 20, laboratory: 24, self_study: 4, exam: 6 });
    expect(mdk.body.totals[2]).toMatchObject({ termNo: 3, weeklyLoad: 2.9 }); // 50 classroom hours over 17 weeks

    const dupe = await methodist.post<{ error: { fields: Record<string, string> } }>(`/curricula/${created.body.id}/items`, {
      code: 'МДК.01.01',
      name: 'x',
      terms: [],
    });
    expect(dupe.status).toBe(400);
    expect(dupe.body.error.fields.code).toMatch(/уже есть/);

    const teacher = await login(c.users.teacher);
    expect((await teacher.get(`/curricula/${created.body.id}`)).status).toBe(200);
    expect((await teacher.post('/curricula', { programId: c.program.id, intakeYear: 2027 })).status).toBe(403);
    expect((await new ApiClient(s.url).get('/curricula')).status).toBe(401);
    await expect((await login(c.users.student)).get('/curricula').then((r) => r.status)).resolves.toBe(403);

    const stranger = await buildUser(s.db, { roles: ['methodist'] });
    const other = await login(stranger);
    expect((await other.get(`/curricula/${created.body.id}`)).status).toBe(404);
    expect((await other.put(`/curricula/${created.body.id}/items/${item.id}`, { code: 'X.01', name: 'x', terms: [] })).status).toBe(404);
    expect((await other.get<{ items: unknown[] }>('/curricula')).body.items).toHaveLength(0);

    // Copy to the next intake and change it there.
    const copy = await methodist.post<Curriculum>('/curricula', { programId: c.program.id, intakeYear: 2027, copyFromId: created.body.id });
    expect(copy.body.items.map((i) => i.code)).toEqual(['ПМ.01', 'МДК.01.01']);
    const copied = copy.body.items.find((i) => i.code === 'МДК.01.01')!;
    expect(copied.parentId).toBe(copy.body.items.find((i) => i.code === 'ПМ.01')!.id);
    expect(copied.terms).toHaveLength(2);
    const audit = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('organization_id', '=', c.org.id)
      .where('entity', 'like', 'curriculum%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['curriculum.create', 'curriculum_item.create']));
  });

  it('imports a curriculum from XLSX: the template round-trips, wrong rows are named', async () => {
    const c = await college();
    const methodist = await login(c.users.methodist);
    const template = await fetch(`${s.url}/api/v1/curricula/template.xlsx`, { headers: { cookie: methodist.cookie } });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);
    const target = (await methodist.post<Curriculum>('/curricula', { programId: c.program.id, intakeYear: 2028 })).body;
    const content = Buffer.from(await template.arrayBuffer()).toString('base64');
    const dry = await methodist.post<ImportResult>(`/curricula/${target.id}/import`, {
      fileName: 'шаблон.xlsx',
      contentBase64: content,
      dryRun: true,
    });
    expect(dry.body).toEqual({ dryRun: true, created: 4, updated: 0, unchanged: 0, errors: [] });
    expect((await methodist.get<Curriculum>(`/curricula/${target.id}`)).body.items).toHaveLength(0);
    const done = await methodist.post<ImportResult>(`/curricula/${target.id}/import`, { fileName: 'шаблон.xlsx', contentBase64: content });
    expect(done.body.created).toBe(4);
    const after = (await methodist.get<Curriculum>(`/curricula/${target.id}`)).body;
    const mdk = after.items.find((i) => i.code === 'МДК.01.01')!;
    expect(mdk.parentId).toBe(after.items.find((i) => i.code === 'ПМ.01')!.id);
    // The same file again changes nothing, and says so; a changed row is counted as updated.
    const again = await methodist.post<ImportResult>(`/curricula/${target.id}/import`, {
      fileName: 'шаблон.xlsx',
      contentBase64: content,
      dryRun: true,
    });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const exported = await fetch(`${s.url}/api/v1/curricula/${target.id}/export.xlsx`, { headers: { cookie: methodist.cookie } });
    expect(exported.status).toBe(200);
    const roundTrip = await methodist.post<ImportResult>(`/curricula/${target.id}/import`, {
      fileName: 'экспорт.xlsx',
      contentBase64: Buffer.from(await exported.arrayBuffer()).toString('base64'),
      dryRun: true,
    });
    expect(roundTrip.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, errors: [] });
    expect(after.items.find((i) => i.code === 'ОП.01')!.terms[0]).toMatchObject({
      termNo: 3,
      form: 'Э',
      hours: { theory: 36, laboratory: 12 },
    });

    const bad = await xlsxBase64([
      ['Индекс', 'Наименование', 'ПЦК', 'Семестр', 'Теоретическое обучение', 'Форма аттестации'],
      ['ОП.05', 'Охрана труда', 'Нет такой ПЦК', 9, 'много', 'экзамен'],
      ['ОП.06', 'Экологические основы', '', 3, -30, 'ДЗ'],
    ]);
    const r = await methodist.post<ImportResult>(`/curricula/${target.id}/import`, { fileName: 'план.xlsx', contentBase64: bad });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(0);
    expect(r.body.errors.map((e) => e.message).join(' | ')).toMatch(/семестр «9».*ПЦК «Нет такой ПЦК»|ПЦК «Нет такой ПЦК».*семестр «9»/);
    // −30 is a whole number: the message says what is wanted instead.
    expect(r.body.errors.map((e) => e.message)).toContain('Теоретическое обучение: «-30» — нужно целое число часов от 0 до 3000');
    const notExcel = await methodist.post<ImportResult>(`/curricula/${target.id}/import`, {
      fileName: 'a.xlsx',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notExcel.body.errors[0].message).toMatch(/не файл Excel/);
  });

  it('refuses to delete items that have teaching load', async () => {
    const c = await college();
    const methodist = await login(c.users.methodist);
    const r = await methodist.delete<{ error: { message: string } }>(`/curricula/${c.subject.curriculumId}/items/${c.subject.id}`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/нагрузка/);
    expect((await methodist.delete(`/curricula/${c.subject.curriculumId}`)).status).toBe(409);
  });
});

describe('teaching load', () => {
  it('shows totals per teacher and group, scoped to each role, and hours nobody teaches', async () => {
    const c = await college();
    const second = await buildSubject(s.db, c.org.id, {
      programId: c.program.id,
      code: 'ОП.03',
      name: 'Техническое оснащение организаций питания',
    });
    await s.db.updateTable('curriculum_items').set({ curriculum_id: c.subject.curriculumId }).where('id', '=', second.id).execute();
    await buildItemTerm(s.db, c.org.id, second.id, 3, { theory: 24, practical: 12 });
    const methodist = await login(c.users.methodist);

    const unc = await methodist.get<Uncovered>(`/load/uncovered?termId=${c.year.termIds[0]}`);
    expect(unc.body.rows.map((r) => [r.groupName, r.code, r.missingHours])).toEqual([['ПК-25', 'ОП.03', 36]]);

    const otherTeacher = await buildUser(s.db, { orgId: c.org.id, roles: ['teacher'], lastName: 'Ёлкина' });
    const created = await methodist.post<{ id: number }>('/assignments', {
      termId: c.year.termIds[0],
      groupId: c.group.id,
      curriculumItemId: second.id,
      teacherPersonId: otherTeacher.personId,
      hours: 36,
    });
    expect(created.status).toBe(200);
    const again = await methodist.post('/assignments', {
      termId: c.year.termIds[0],
      groupId: c.group.id,
      curriculumItemId: second.id,
      teacherPersonId: otherTeacher.personId,
      hours: 36,
    });
    expect(again.status).toBe(409);
    const foreignItem = await buildSubject(s.db, c.org.id);
    const wrong = await methodist.post<{ error: { fields: Record<string, string> } }>('/assignments', {
      termId: c.year.termIds[0],
      groupId: c.group.id,
      curriculumItemId: foreignItem.id,
      teacherPersonId: otherTeacher.personId,
      hours: 10,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.curriculumItemId).toMatch(/не из учебного плана группы ПК-25/);
    expect((await methodist.get<Uncovered>(`/load/uncovered?termId=${c.year.termIds[0]}`)).body.rows).toEqual([]);

    const load = await methodist.get<Load>(`/load?termId=${c.year.termIds[0]}`);
    expect(load.body.rows).toHaveLength(2);
    expect(load.body.byGroup).toEqual([{ groupId: c.group.id, name: 'ПК-25', hours: 42, curriculumHours: 42 }]);
    expect(load.body.byTeacher.map((t) => t.hours).sort()).toEqual([36, 6]);
    expect(load.body.canEdit).toBe(true);

    const teacher = await login(c.users.teacher);
    const mine = await teacher.get<Load>(`/load?termId=${c.year.termIds[0]}`);
    expect(mine.body.rows.map((r) => r.code)).toEqual(['ОП.02']);
    expect(mine.body.canEdit).toBe(false);
    expect((await teacher.post('/assignments', {})).status).toBe(403);
    const curator = await login(c.users.curator);
    expect((await curator.get<Load>(`/load?termId=${c.year.termIds[0]}`)).body.rows).toHaveLength(2);
    const chair = await login(c.chair);
    expect((await chair.get<Load>(`/load?termId=${c.year.termIds[0]}`)).body.rows.map((r) => r.code)).toEqual(['ОП.02']);
    await expect((await login(c.users.guardian)).get('/load').then((r) => r.status)).resolves.toBe(403);

    // Handing over and removing load; a load with lessons stays.
    expect((await methodist.patch(`/assignments/${created.body.id}`, { teacherPersonId: c.users.teacher.personId })).status).toBe(200);
    expect((await teacher.get<Load>(`/load?termId=${c.year.termIds[0]}`)).body.rows).toHaveLength(2);
    await buildLesson(s.db, { id: c.assignment.id, orgId: c.org.id, teacherPersonId: c.users.teacher.personId }, { date: '2026-09-02' });
    expect((await methodist.delete(`/assignments/${c.assignment.id}`)).status).toBe(409);
    // A load still in the timetable is refused with a reason, not a foreign-key error.
    const scheduled = {
      body: await buildAssignment(s.db, { group: c.group, termId: c.year.termIds[0], teacherPersonId: c.users.teacher.personId }),
    };
    const now = new Date().toISOString();
    await s.db
      .insertInto('timetable_entries')
      .values({
        organization_id: c.org.id,
        term_id: c.year.termIds[0],
        group_id: c.group.id,
        subgroup_id: null,
        weekday: 1,
        pair_no: 1,
        assignment_id: scheduled.body.id,
        teacher_person_id: c.users.teacher.personId,
        room: null,
        parity: 'all',
        valid_from: '2026-09-01',
        valid_to: '2026-12-31',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const refused = await methodist.delete<{ error: { message: string } }>(`/assignments/${scheduled.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('расписании');
    expect((await methodist.delete(`/assignments/${created.body.id}`)).status).toBe(200);
    const stranger = await login(await buildUser(s.db, { roles: ['methodist'] }));
    expect((await stranger.patch(`/assignments/${c.assignment.id}`, { hours: 10 })).status).toBe(404);
  });

  it('fulfilment: hours due by today against hours delivered (п. 2.12)', async () => {
    const c = await college();
    const a = { id: c.assignment.id, orgId: c.org.id, teacherPersonId: c.users.teacher.personId };
    await buildLesson(s.db, a, { date: '2026-09-01', topic: 'Введение' });
    await buildLesson(s.db, a, { date: '2026-09-03', topic: 'Хранение овощей' });
    await buildLesson(s.db, a, { date: '2026-09-08' }); // not recorded
    const cancelled = await buildLesson(s.db, a, { date: '2026-09-10', topic: 'Отменено' });
    await s.db.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
    await buildLesson(s.db, a, { date: '2099-12-01' }); // in the future
    await buildLessonPlan(s.db, c.org.id, c.subject.id, {
      status: 'approved',
      lines: [
        { hours: 4, lessonType: 'theory' },
        { hours: 2, lessonType: 'practical' },
      ],
    });
    const teacher = await login(c.users.teacher);
    const f = await teacher.get<Fulfilment>(`/fulfilment?termId=${c.year.termIds[0]}`);
    expect(f.status).toBe(200);
    expect(f.body.rows).toEqual([
      expect.objectContaining({
        assignmentId: c.assignment.id,
        hours: 6,
        planHours: 6,
        dueToDate: 6,
        delivered: 4,
        behind: 2,
        percent: 66.7,
      }),
    ]);
    expect(f.body.totals).toMatchObject({ dueToDate: 6, delivered: 4 });
    const other = await login(await buildUser(s.db, { orgId: c.org.id, roles: ['teacher'] }));
    expect((await other.get<Fulfilment>(`/fulfilment?termId=${c.year.termIds[0]}`)).body.rows).toEqual([]);
    await expect(
      (await login(c.users.director)).get<Fulfilment>(`/fulfilment?termId=${c.year.termIds[0]}`).then((r) => r.body.rows.length),
    ).resolves.toBe(1);
  });
});

describe('lesson plans (КТП)', () => {
  it('a teacher builds a plan, cannot submit it while hours differ, submits; the chair of the commission approves', async () => {
    const c = await college();
    const teacher = await login(c.users.teacher);
    const mine = await teacher.get<MyPlans>('/lesson-plans/mine');
    expect(mine.status).toBe(200);
    const plan = await teacher.post<PlanDetail>('/lesson-plans', { curriculumItemId: c.subject.id });
    expect(plan.status).toBe(200);
    expect(plan.body.abilities).toMatchObject({ edit: true, submit: true, approve: false });

    const saved = await teacher.put<PlanDetail>(`/lesson-plans/${plan.body.id}/lines`, {
      version: plan.body.version,
      lines: [
        { section: 'Тема 1. Товароведение', topic: 'Классификация сырья', hours: 2, lessonType: 'theory' },
        {
          section: 'Тема 1. Товароведение',
          topic: 'Практическое занятие № 1',
          hours: 2,
          lessonType: 'practical',
          selfStudyTask: 'Отчёт',
          selfStudyHours: 1,
        },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.check.matches).toBe(false);
    expect(saved.body.check.messages).toEqual(['Теоретическое обучение: в КТП 2 ч, по учебному плану 4 ч (не хватает 2 ч)']);
    const stale = await teacher.put(`/lesson-plans/${plan.body.id}/lines`, { version: plan.body.version, lines: [] });
    expect(stale.status).toBe(409);
    const refused = await teacher.post<{ error: { code: string; message: string } }>(`/lesson-plans/${plan.body.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('hours_mismatch');
    expect(refused.body.error.message).toMatch(/не хватает 2 ч/);

    const fixed = await teacher.put<PlanDetail>(`/lesson-plans/${plan.body.id}/lines`, {
      version: saved.body.version,
      lines: [...saved.body.lines, { section: 'Тема 1. Товароведение', topic: 'Контрольная работа № 1', hours: 2, lessonType: 'control' }],
    });
    expect(fixed.body.check.matches).toBe(true);
    const submitted = await teacher.post<PlanDetail>(`/lesson-plans/${plan.body.id}/submit`);
    expect(submitted.body.status).toBe('submitted');
    expect((await teacher.put(`/lesson-plans/${plan.body.id}/lines`, { version: submitted.body.version, lines: [] })).status).toBe(409);
    expect((await teacher.post(`/lesson-plans/${plan.body.id}/approve`)).status).toBe(403);

    // The chair of another commission sees nothing; the chair of this one approves.
    const otherChair = await login(c.otherChair);
    expect((await otherChair.get(`/lesson-plans/${plan.body.id}`)).status).toBe(404);
    expect((await otherChair.post(`/lesson-plans/${plan.body.id}/approve`)).status).toBe(404);
    const chair = await login(c.chair);
    const queue = await chair.get<PlanList>('/lesson-plans?status=submitted');
    expect(queue.body.items.map((p) => [p.id, p.matches])).toEqual([[plan.body.id, true]]);
    expect(queue.body.canApprove).toBe(true);
    const returned = await chair.post<PlanDetail>(`/lesson-plans/${plan.body.id}/return`, {
      remarks: 'Уточните темы практических занятий',
    });
    expect(returned.body).toMatchObject({ status: 'returned', remarks: 'Уточните темы практических занятий' });
    expect((await chair.post(`/lesson-plans/${plan.body.id}/approve`)).status).toBe(409);
    await teacher.post(`/lesson-plans/${plan.body.id}/submit`);
    const approved = await chair.post<PlanDetail>(`/lesson-plans/${plan.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', remarks: null });
    expect(approved.body.decidedByName).toBeTruthy();
    expect((await teacher.get<MyPlans>('/lesson-plans/mine')).body.rows[0].plan).toMatchObject({
      id: plan.body.id,
      status: 'approved',
      matches: true,
      isCopy: false,
    });

    // To change an approved plan the teacher reopens it.
    const revised = await teacher.post<PlanDetail>(`/lesson-plans/${plan.body.id}/revise`);
    expect(revised.body.status).toBe('draft');
    const actions = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'lesson_plan')
      .where('entity_id', '=', String(plan.body.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'lesson_plan.create',
      'lesson_plan.save',
      'lesson_plan.save',
      'lesson_plan.submitted',
      'lesson_plan.returned',
      'lesson_plan.submitted',
      'lesson_plan.approved',
      'lesson_plan.draft',
    ]);
  });

  it('an approver cannot approve a plan whose curriculum hours changed meanwhile', async () => {
    const c = await college();
    const p = await buildLessonPlan(s.db, c.org.id, c.subject.id, {
      status: 'submitted',
      lines: [
        { hours: 4, lessonType: 'theory' },
        { hours: 2, lessonType: 'practical', selfStudyHours: 1 },
      ],
    });
    await s.db.updateTable('curriculum_item_terms').set({ practical_hours: 4 }).where('curriculum_item_id', '=', c.subject.id).execute();
    const methodist = await login(c.users.methodist);
    const r = await methodist.post<{ error: { code: string } }>(`/lesson-plans/${p.id}/approve`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('hours_mismatch');
  });

  it("imports a КТП from a teacher's workbook and exports it back", async () => {
    const c = await college();
    const teacher = await login(c.users.teacher);
    const plan = (await teacher.post<PlanDetail>('/lesson-plans', { curriculumItemId: c.subject.id })).body;
    const file = await xlsxBase64([
      ['Календарно-тематический план'],
      ['ОП.02 Организация хранения и контроль запасов и сырья'],
      [],
      ['№ п/п', 'Наименование разделов и тем', 'Кол-во часов', 'Вид занятия', 'Домашнее задание', 'Часы СР'],
      ['1', '2', '3', '4', '5', '6'],
      [null, 'Раздел 1. Товароведение', 6, null, null, null],
      [1, 'Классификация сырья', 2, 'Теория', 'Конспект', null],
      [2, 'Приёмка сырья', 2, 'ПЗ', 'Отчёт', 1],
      [3, 'Итоговая работа', 2, 'к/р', null, null],
      [null, 'Итого', 6, null, null, 1],
    ]);
    const r = await teacher.post<{ plan: PlanDetail; imported: number; warnings: string[] }>(`/lesson-plans/${plan.id}/import`, {
      fileName: 'КТП.xlsx',
      contentBase64: file,
    });
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(3);
    expect(r.body.plan.lines.map((l) => [l.position, l.section, l.topic, l.hours, l.lessonType, l.selfStudyHours])).toEqual([
      [1, 'Раздел 1. Товароведение', 'Классификация сырья', 2, 'theory', 0],
      [2, 'Раздел 1. Товароведение', 'Приёмка сырья', 2, 'practical', 1],
      [3, 'Раздел 1. Товароведение', 'Итоговая работа', 2, 'control', 0],
    ]);
    expect(r.body.plan.check.matches).toBe(true);

    const bad = await xlsxBase64([
      ['№', 'Тема занятия', 'Часы', 'Вид занятия'],
      [1, 'Тема', 2, 'танцы'],
    ]);
    const refused = await teacher.post<{ error: { message: string } }>(`/lesson-plans/${plan.id}/import`, {
      fileName: 'плохой.xlsx',
      contentBase64: bad,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/строка 2: вид занятия «танцы» не распознан/);

    const exported = await fetch(`${s.url}/api/v1/lesson-plans/${plan.id}/export.xlsx`, { headers: { cookie: teacher.cookie } });
    expect(exported.status).toBe(200);
    const again = await teacher.post<{ plan: PlanDetail }>(`/lesson-plans/${plan.id}/import`, {
      fileName: 'экспорт.xlsx',
      contentBase64: Buffer.from(await exported.arrayBuffer()).toString('base64'),
    });
    expect(again.body.plan.lines.map((l) => [l.topic, l.lessonType])).toEqual(r.body.plan.lines.map((l) => [l.topic, l.lessonType]));
  });

  it('a group copy is made from the base; subgroup teachers each keep their own; strangers are refused', async () => {
    const c = await college();
    const sg = await buildSubgroup(s.db, c.group, 'Подгруппа 1');
    const base = await buildLessonPlan(s.db, c.org.id, c.subject.id, {
      status: 'approved',
      lines: [
        { topic: 'Введение', hours: 4 },
        { topic: 'ПЗ', hours: 2, lessonType: 'practical', selfStudyHours: 1 },
      ],
    });
    const teacher = await login(c.users.teacher);
    const dupe = await teacher.post<{ error: { details: { planId: number } } }>('/lesson-plans', { curriculumItemId: c.subject.id });
    expect(dupe.status).toBe(409);
    expect(dupe.body.error.details.planId).toBe(base.id);
    expect((await teacher.get<PlanDetail>(`/lesson-plans/${base.id}`)).body.copyTargets).toEqual([
      { groupId: c.group.id, groupName: 'ПК-25', subgroupId: null, subgroupName: null },
    ]);
    const copy = await teacher.post<PlanDetail>('/lesson-plans', { curriculumItemId: c.subject.id, groupId: c.group.id });
    expect((await teacher.get<PlanDetail>(`/lesson-plans/${base.id}`)).body.copyTargets).toEqual([]);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ groupName: 'ПК-25', basedOnPlanId: base.id, status: 'draft' });
    expect(copy.body.lines.map((l) => l.topic)).toEqual(['Введение', 'ПЗ']);
    // The teacher does not teach subgroup 1 of another subject, nor another group.
    const otherGroup = await buildGroup(s.db, { orgId: c.org.id, programId: c.program.id, course: 2 });
    expect((await teacher.post('/lesson-plans', { curriculumItemId: c.subject.id, groupId: otherGroup.id })).status).toBe(403);
    // Nor does anyone make a copy for a group of another intake: it does not study by this curriculum.
    const methodist = await login(c.users.methodist);
    const firstYear = await buildGroup(s.db, { orgId: c.org.id, programId: c.program.id, course: 1, name: 'ПК-26' });
    const alien = await methodist.post<{ error: { fields: Record<string, string> } }>('/lesson-plans', {
      curriculumItemId: c.subject.id,
      groupId: firstYear.id,
    });
    expect(alien.status).toBe(400);
    expect(alien.body.error.fields.groupId).toMatch(/Группа ПК-26 учится не по учебному плану/);
    const sgTeacher = await buildUser(s.db, { orgId: c.org.id, roles: ['teacher'] });
    await buildAssignment(s.db, {
      group: c.group,
      subgroupId: sg.id,
      subjectId: c.subject.id,
      termId: c.year.termIds[0],
      teacherPersonId: sgTeacher.personId,
    });
    const sgClient = await login(sgTeacher);
    const sgCopy = await sgClient.post<PlanDetail>('/lesson-plans', {
      curriculumItemId: c.subject.id,
      groupId: c.group.id,
      subgroupId: sg.id,
    });
    expect(sgCopy.status).toBe(200);
    expect((await sgClient.get(`/lesson-plans/${sgCopy.body.id}`)).status).toBe(200);

    const stranger = await login(await buildUser(s.db, { orgId: c.org.id, roles: ['teacher'] }));
    expect((await stranger.get(`/lesson-plans/${base.id}`)).status).toBe(404);
    expect((await stranger.put(`/lesson-plans/${copy.body.id}/lines`, { version: 1, lines: [] })).status).toBe(404);
    expect((await stranger.get<PlanList>('/lesson-plans')).body.items).toEqual([]);
    const curator = await login(c.users.curator);
    expect((await curator.get(`/lesson-plans/${copy.body.id}`)).status).toBe(200);
    expect((await curator.post(`/lesson-plans/${copy.body.id}/submit`)).status).toBe(403);
    const otherOrg = await login(await buildUser(s.db, { roles: ['methodist'] }));
    expect((await otherOrg.get(`/lesson-plans/${base.id}`)).status).toBe(404);
    expect((await new ApiClient(s.url).get(`/lesson-plans/${base.id}`)).status).toBe(401);
    await expect((await login(c.users.student)).get(`/lesson-plans/${base.id}`).then((r) => r.status)).resolves.toBe(403);

    // Drafts can be removed; the base that is approved cannot.
    expect((await teacher.delete(`/lesson-plans/${copy.body.id}`)).status).toBe(200);
    expect((await teacher.delete(`/lesson-plans/${base.id}`)).status).toBe(409);
  });
});
