import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMark, buildOrganization, buildUser } from '../../../test/factories.js';
import { buildTimetableWorld } from '../../../test/factories-timetable.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { DayPlan, Grid, ImportResult, SubstitutionReport, Week } from '../../contracts/timetable.js';
import { todayIn } from '../../domain/dates.js';
import { generateLessons } from './generate.js';

type Err = { error: { code: string; message: string; details?: { clashes: { kind: string; message: string }[] } } };

let s: TestServer;
let w: Awaited<ReturnType<typeof buildTimetableWorld>>;
const as = (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

beforeAll(async () => {
  s = await startTestServer();
  w = await buildTimetableWorld(s.db);
});
afterAll(() => s.close());

const lessonsOf = (assignmentId: number) =>
  s.db.selectFrom('lessons').selectAll().where('assignment_id', '=', assignmentId).orderBy('date').execute();

describe('bells', () => {
  it('the methodologist adds a shortened day; times are checked', async () => {
    const m = await as(w.methodist);
    const bad = await m.post<Err>('/timetable/bells', {
      name: 'Сокращённый',
      periods: [{ pairNo: 1, startsAt: '09:00', endsAt: '08:00' }],
    });
    expect(bad.status).toBe(400);
    const ok = await m.post<{ id: number }>('/timetable/bells', {
      name: 'Сокращённый день',
      periods: [
        { pairNo: 1, startsAt: '08:30', endsAt: '09:30' },
        { pairNo: 2, startsAt: '09:40', endsAt: '10:40' },
      ],
    });
    expect(ok.status).toBe(200);
    expect((await m.put('/timetable/bell-days', { date: '2026-12-30', bellScheduleId: ok.body.id })).status).toBe(200);
    const bells = await m.get<{ schedules: { name: string; isDefault: boolean }[]; days: { date: string }[] }>('/timetable/bells');
    expect(bells.body.schedules.map((x) => [x.name, x.isDefault])).toEqual([
      ['Основное', true],
      ['Сокращённый день', false],
    ]);
    expect(bells.body.days.map((d) => d.date)).toContain('2026-12-30');
  });

  it('401 without a session, 403 for a teacher', async () => {
    expect((await new ApiClient(s.url).get('/timetable/bells')).status).toBe(401);
    expect(
      (await (await as(w.t1)).post('/timetable/bells', { name: 'x', periods: [{ pairNo: 1, startsAt: '08:00', endsAt: '09:00' }] })).status,
    ).toBe(403);
  });
});

describe('building a group’s week', () => {
  it('saves the grid, yields lessons, and is idempotent', async () => {
    const m = await as(w.methodist);
    const cells = [
      { weekday: 1, pairNo: 1, assignmentId: w.math.id, room: '101' },
      { weekday: 1, pairNo: 2, assignmentId: w.eng1.id, room: '201' },
      { weekday: 1, pairNo: 2, assignmentId: w.eng2.id, room: '202' },
      { weekday: 2, pairNo: 1, assignmentId: w.hist.id, room: '103', parity: 'odd' },
    ];
    const r = await m.put<{ created: number; lessons: { created: number } }>(`/timetable/groups/${w.gA.id}/grid`, {
      from: '2026-09-01',
      cells,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(4);
    const math = await lessonsOf(w.math.id);
    expect(math).toHaveLength(17); // Mondays from 7 Sep to 28 Dec
    expect(math[0]).toMatchObject({
      date: '2026-09-07',
      pair_no: 1,
      room: '101',
      teacher_person_id: w.t1.personId,
      planned_teacher_person_id: w.t1.personId,
      source: 'timetable',
    });
    expect((await lessonsOf(w.hist.id)).map((l) => l.date).slice(0, 2)).toEqual(['2026-09-01', '2026-09-15']); // числитель only

    const again = await m.put<{ kept: number; created: number; lessons: { created: number; updated: number; deleted: number } }>(
      `/timetable/groups/${w.gA.id}/grid`,
      { from: '2026-09-01', cells },
    );
    expect(again.body).toMatchObject({ kept: 4, created: 0, lessons: { created: 0, updated: 0, deleted: 0 } });
    expect(await lessonsOf(w.math.id)).toHaveLength(17);

    const grid = await m.get<Grid>(`/timetable/groups/${w.gA.id}/grid?date=2026-12-07`);
    expect(grid.body.entries).toHaveLength(4);
    expect(grid.body.assignments.find((a) => a.id === w.math.id)?.scheduledHours).toBe(34);
  });

  it('refuses a teacher booked twice and names the clash; the other slot is accepted', async () => {
    const m = await as(w.methodist);
    const clash = await m.put<Err>(`/timetable/groups/${w.gB.id}/grid`, {
      from: '2026-09-01',
      cells: [{ weekday: 1, pairNo: 1, assignmentId: w.chem.id, room: '301' }],
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('Преподаватель Иванова');
    expect(clash.body.error.message).toContain('ПК-25');
    expect(clash.body.error.details?.clashes[0].kind).toBe('teacher');
    expect(await lessonsOf(w.chem.id)).toHaveLength(0);
    const ok = await m.put(`/timetable/groups/${w.gB.id}/grid`, {
      from: '2026-09-01',
      cells: [{ weekday: 1, pairNo: 3, assignmentId: w.chem.id, room: '101' }],
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a room booked twice and a teacher beyond the load', async () => {
    const m = await as(w.methodist);
    const room = await m.put<Err>(`/timetable/groups/${w.gB.id}/grid`, {
      from: '2026-09-01',
      cells: [
        { weekday: 1, pairNo: 3, assignmentId: w.chem.id, room: '101' },
        { weekday: 2, pairNo: 1, assignmentId: w.chem.id, room: 'каб. 103' },
      ],
    });
    expect(room.status).toBe(409);
    expect(room.body.error.details?.clashes.map((c) => c.kind)).toEqual(['room']);
    expect(room.body.error.message).toContain('Аудитория каб. 103');
    const hours = await m.put<Err>(`/timetable/groups/${w.gA.id}/grid`, {
      from: '2026-09-01',
      cells: [
        { weekday: 1, pairNo: 1, assignmentId: w.math.id, room: '101' },
        { weekday: 1, pairNo: 2, assignmentId: w.eng1.id, room: '201' },
        { weekday: 1, pairNo: 2, assignmentId: w.eng2.id, room: '202' },
        { weekday: 2, pairNo: 1, assignmentId: w.hist.id, room: '103' },
        { weekday: 3, pairNo: 1, assignmentId: w.hist.id, room: '103' },
      ],
    });
    expect(hours.status).toBe(409);
    expect(hours.body.error.details?.clashes.map((c) => c.kind)).toEqual(['hours']);
    expect(hours.body.error.message).toContain('40 ч');
  });

  it('refuses a subject from another group’s load; a teacher may not edit', async () => {
    const m = await as(w.methodist);
    const r = await m.put<Err>(`/timetable/groups/${w.gA.id}/grid`, {
      from: '2026-09-01',
      cells: [{ weekday: 4, pairNo: 1, assignmentId: w.chem.id }],
    });
    expect(r.status).toBe(400);
    expect((await (await as(w.t1)).put(`/timetable/groups/${w.gA.id}/grid`, { from: '2026-09-01', cells: [] })).status).toBe(403);
    const other = await buildUser(s.db, { roles: ['methodist'] });
    expect((await (await as(other)).get(`/timetable/groups/${w.gA.id}/grid?date=2026-12-07`)).status).toBe(404);
  });
});

describe('lessons follow the timetable without losing records', () => {
  it('keeps a recorded lesson whose slot disappears, deletes the rest, and does not duplicate', async () => {
    const m = await as(w.methodist);
    const eng = await lessonsOf(w.eng2.id);
    const recorded = eng.find((l) => l.date === '2026-11-09')!;
    const marked = eng.find((l) => l.date === '2026-11-16')!;
    await s.db
      .updateTable('lessons')
      .set({ recorded_at: new Date().toISOString(), topic: 'Present Simple' })
      .where('id', '=', recorded.id)
      .execute();
    await buildMark(s.db, { orgId: w.orgId, lessonId: marked.id, studentId: w.student.id, userId: w.t2.id, value: '5' });
    // From 2 November the second subgroup's English moves to Thursday.
    const r = await m.put<{ lessons: { detached: number } }>(`/timetable/groups/${w.gA.id}/grid`, {
      from: '2026-11-02',
      cells: [
        { weekday: 1, pairNo: 1, assignmentId: w.math.id, room: '101' },
        { weekday: 1, pairNo: 2, assignmentId: w.eng1.id, room: '201' },
        { weekday: 4, pairNo: 2, assignmentId: w.eng2.id, room: '202' },
        { weekday: 2, pairNo: 1, assignmentId: w.hist.id, room: '103', parity: 'odd' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.lessons.detached).toBe(2);
    const after = await lessonsOf(w.eng2.id);
    const kept = after.filter((l) => l.id === recorded.id || l.id === marked.id);
    expect(kept.map((l) => [l.detached, l.slot_date])).toEqual([
      [1, null],
      [1, null],
    ]);
    expect(after.filter((l) => l.date === '2026-11-12')).toHaveLength(1); // the new Thursday
    expect(after.filter((l) => l.date === '2026-11-23')).toHaveLength(0); // old unrecorded Monday gone
    expect(after.filter((l) => l.date === '2026-10-26')).toHaveLength(1); // before the change: untouched
    const stats = await generateLessons(s.db, w.orgId, { from: '2026-09-01', to: '2026-12-31' });
    expect(stats).toEqual({ created: 0, updated: 0, deleted: 0, detached: 0 });
  });
});

describe('changes for one date and substitutions', () => {
  it('records a substitution: the lesson keeps both teachers; the substitute sees it; hours are counted apart', async () => {
    const m = await as(w.methodist);
    const day = await m.get<DayPlan>('/timetable/day?date=2026-12-07');
    const mathLesson = day.body.lessons.find((l) => l.assignmentId === w.math.id)!;
    expect(day.body.teachers.find((t) => t.personId === w.t1.personId)?.busyPairs).toEqual([1, 3]);
    // Иванова teaches ГД-24 at the third pair: moving her ПК-25 lesson there is a clash.
    const busy = await m.post<Err>('/timetable/changes', { entryId: mathLesson.entryId, date: '2026-12-07', kind: 'move', toPairNo: 3 });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toContain('Иванова');
    expect(busy.body.error.message).toContain('ГД-24');
    const busySub = await m.post<Err>('/timetable/changes', {
      entryId: mathLesson.entryId,
      date: '2026-12-07',
      kind: 'substitute',
      teacherPersonId: w.t3.personId,
    });
    expect(busySub.status).toBe(200); // Сидорова is free at the first pair
    expect((await m.delete(`/timetable/changes/${(busySub.body as unknown as { id: number }).id}`)).status).toBe(200);
    const engLesson = day.body.lessons.find((l) => l.assignmentId === w.eng1.id)!;
    const ok = await m.post<{ message: string }>('/timetable/changes', {
      entryId: engLesson.entryId,
      date: '2026-12-07',
      kind: 'substitute',
      teacherPersonId: w.t1.personId,
      reason: 'Больничный',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // Both are women: «вместо Сидоровой», «в её расписании» (the substitute's sex is stored, the other's inferred).
    expect(ok.body.message).toContain('Ведёт Иванова И. П. вместо Сидоровой И. П.; занятие появилось в её расписании');
    const lesson = (await lessonsOf(w.eng1.id)).find((l) => l.date === '2026-12-07')!;
    expect([lesson.teacher_person_id, lesson.planned_teacher_person_id]).toEqual([w.t1.personId, w.t3.personId]);

    const week = await (await as(w.t1)).get<Week>('/timetable/week?view=teacher&date=2026-12-07');
    const mine = week.body.days[0].lessons.find((l) => l.assignmentId === w.eng1.id)!;
    expect(mine).toMatchObject({
      lessonId: lesson.id,
      plannedTeacherName: 'Сидорова И. П.',
      plannedTeacherNameGen: 'Сидоровой И. П.',
      change: { kind: 'substitute', reason: 'Больничный' },
    });
    const theirs = await (await as(w.t3)).get<Week>('/timetable/week?view=teacher&date=2026-12-07');
    expect(theirs.body.days[0].lessons.find((l) => l.assignmentId === w.eng1.id)?.teacherName).toBe('Иванова И. П.');

    const report = await m.get<SubstitutionReport>('/timetable/substitutions?from=2026-12-01&to=2026-12-31');
    expect(report.body.teachers.find((t) => t.personId === w.t1.personId)).toMatchObject({
      substitutedHours: 2,
      substitutedLessons: 1,
      replacedHours: 0,
    });
    expect(report.body.teachers.find((t) => t.personId === w.t3.personId)).toMatchObject({ substitutedHours: 0, replacedHours: 2 });
    const own = await (await as(w.t2)).get<SubstitutionReport>('/timetable/substitutions?from=2026-12-01&to=2026-12-31');
    expect(own.body.lessons).toHaveLength(0);
    expect((await (await as(w.student.user!)).get('/timetable/substitutions?from=2026-12-01&to=2026-12-31')).status).toBe(403);
  });

  it('cancels, moves and replaces; refuses to change a recorded lesson', async () => {
    const m = await as(w.methodist);
    const day = await m.get<DayPlan>('/timetable/day?date=2026-12-14');
    const math = day.body.lessons.find((l) => l.assignmentId === w.math.id)!;
    const mv = await m.post<{ message: string }>('/timetable/changes', {
      entryId: math.entryId,
      date: '2026-12-14',
      kind: 'move',
      toDate: '2026-12-15',
      toPairNo: 4,
    });
    expect(mv.status, JSON.stringify(mv.body)).toBe(200);
    const moved = (await lessonsOf(w.math.id)).filter((l) => l.slot_date === '2026-12-14');
    expect(moved.map((l) => [l.date, l.pair_no])).toEqual([['2026-12-15', 4]]);
    const week = await m.get<Week>(`/timetable/week?view=group&id=${w.gA.id}&date=2026-12-14`);
    const tue = week.body.days[1].lessons.find((l) => l.assignmentId === w.math.id)!;
    expect(tue.change).toMatchObject({ kind: 'move', slotDate: '2026-12-14', slotPairNo: 1 });

    const cancel = await m.post('/timetable/changes', { entryId: math.entryId, date: '2026-12-21', kind: 'cancel', reason: 'Праздник' });
    expect(cancel.status).toBe(200);
    expect((await lessonsOf(w.math.id)).find((l) => l.slot_date === '2026-12-21')?.status).toBe('cancelled');

    const repl = await m.post<Err>('/timetable/changes', {
      entryId: math.entryId,
      date: '2026-12-28',
      kind: 'replace',
      assignmentId: w.hist.id,
    });
    expect(repl.status, JSON.stringify(repl.body)).toBe(200);
    const histLesson = (await lessonsOf(w.hist.id)).find((l) => l.slot_date === '2026-12-28')!;
    expect(histLesson.teacher_person_id).toBe(w.t2.personId);

    const rec = (await lessonsOf(w.math.id)).find((l) => l.date === '2026-11-30')!;
    await s.db.updateTable('lessons').set({ recorded_at: new Date().toISOString() }).where('id', '=', rec.id).execute();
    const refused = await m.post<Err>('/timetable/changes', { entryId: math.entryId, date: '2026-11-30', kind: 'cancel' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('записано в журнал');

    const list = await m.get<DayPlan>('/timetable/day?date=2026-12-21');
    const changeId = list.body.lessons.find((l) => l.assignmentId === w.math.id)!.change!.id;
    expect((await m.delete(`/timetable/changes/${changeId}`)).status).toBe(200);
    expect((await lessonsOf(w.math.id)).find((l) => l.slot_date === '2026-12-21')?.status).toBe('scheduled');
  });
});

describe('week views and their scopes', () => {
  it('a student sees their group with their own subgroup only; a guardian sees the child', async () => {
    const st = await (await as(w.student.user!)).get<Week>('/timetable/week?view=student&date=2026-12-07');
    expect(st.status).toBe(200);
    const mon = st.body.days[0].lessons.map((l) => l.assignmentId);
    expect(mon).toContain(w.eng1.id);
    expect(mon).not.toContain(w.eng2.id);
    const g = await (await as(w.guardian)).get<Week>(`/timetable/week?view=student&id=${w.student.id}&date=2026-12-07`);
    expect(g.status).toBe(200);
    expect(g.body.children.map((c) => c.id)).toEqual([w.student.id]);
  });

  it('another family’s child, another teacher, another group and another college are refused', async () => {
    expect((await (await as(w.guardian)).get(`/timetable/week?view=student&id=${w.otherStudent.id}&date=2026-12-07`)).status).toBe(403);
    expect((await (await as(w.t2)).get(`/timetable/week?view=teacher&id=${w.t1.personId}&date=2026-12-07`)).status).toBe(403);
    expect((await (await as(w.student.user!)).get(`/timetable/week?view=group&id=${w.gB.id}&date=2026-12-07`)).status).toBe(403);
    expect((await (await as(w.t3)).get(`/timetable/week?view=group&id=${w.gA.id}&date=2026-12-07`)).status).toBe(200);
    const outsider = await buildUser(s.db, { orgId: (await buildOrganization(s.db)).id, roles: ['director'] });
    expect((await (await as(outsider)).get(`/timetable/week?view=group&id=${w.gA.id}&date=2026-12-07`)).status).toBe(404);
    expect((await new ApiClient(s.url).get(`/timetable/week?view=group&id=${w.gA.id}&date=2026-12-07`)).status).toBe(401);
  });

  it('the room view lists who is in the room', async () => {
    const r = await (await as(w.methodist)).get<Week>('/timetable/week?view=room&room=101&date=2026-12-07');
    expect(r.body.days[0].lessons.map((l) => l.groupName).sort()).toEqual(['ГД-24', 'ПК-25']);
  });
});

describe('unscheduled lessons', () => {
  it('a teacher adds one to their own load with a reason; not to another’s', async () => {
    const t = await as(w.t2);
    const bad = await t.post<Err>('/lessons/unscheduled', { assignmentId: w.hist.id, date: '2026-11-27', pairNo: 5, reason: '' });
    expect(bad.status).toBe(400);
    const ok = await t.post<{ id: number }>('/lessons/unscheduled', {
      assignmentId: w.hist.id,
      date: '2026-11-27',
      pairNo: 5,
      room: '103',
      reason: 'Консультация перед контрольной',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const row = await s.db.selectFrom('lessons').selectAll().where('id', '=', ok.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'manual', unscheduled_reason: 'Консультация перед контрольной', teacher_person_id: w.t2.personId });
    expect(
      (await t.post('/lessons/unscheduled', { assignmentId: w.math.id, date: '2026-11-27', pairNo: 5, reason: 'Чужая нагрузка' })).status,
    ).toBe(403);
    const week = await t.get<Week>('/timetable/week?view=teacher&date=2026-11-27');
    expect(week.body.days[4].lessons.find((l) => l.lessonId === ok.body.id)?.source).toBe('manual');
    expect(week.body.ownAssignments.map((a) => a.id).sort()).toEqual([w.hist.id, w.eng2.id].sort());
    // Regeneration leaves a manual lesson alone.
    await generateLessons(s.db, w.orgId, { from: '2026-11-23', to: '2026-11-29' });
    expect(await s.db.selectFrom('lessons').select('id').where('id', '=', ok.body.id).executeTakeFirst()).toBeTruthy();
    expect((await t.delete(`/lessons/unscheduled/${ok.body.id}`)).status).toBe(200);
  });
});

describe('copy a week, print and Excel', () => {
  it('copies a group’s week onto a range of weeks', async () => {
    const m = await as(w.methodist);
    // ГД-24: a different week in October, then the week of 7 Sep copied back over it.
    expect(
      (
        await m.put(`/timetable/groups/${w.gB.id}/grid`, {
          from: '2026-10-05',
          to: '2026-10-11',
          cells: [{ weekday: 3, pairNo: 2, assignmentId: w.chem.id, room: '301' }],
        })
      ).status,
    ).toBe(200);
    expect((await lessonsOf(w.chem.id)).filter((l) => l.date >= '2026-10-05' && l.date <= '2026-10-11').map((l) => l.date)).toEqual([
      '2026-10-07',
    ]);
    const r = await m.post<{ message: string }>(`/timetable/groups/${w.gB.id}/copy-week`, {
      sourceDate: '2026-09-07',
      fromDate: '2026-10-05',
      toDate: '2026-10-05',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await lessonsOf(w.chem.id)).filter((l) => l.date >= '2026-10-05' && l.date <= '2026-10-11').map((l) => l.date)).toEqual([
      '2026-10-05',
    ]);
  });

  it('prints a group’s week as PDF', async () => {
    const res = await fetch(`${s.url}/api/v1/timetable/groups/${w.gA.id}/week.pdf?date=2026-12-07`, {
      headers: { cookie: (await as(w.student.user!)).cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
  });

  it('exports to XLSX and imports it back (dry run, then for real)', async () => {
    const m = await as(w.methodist);
    const res = await fetch(`${s.url}/api/v1/timetable/export.xlsx?date=2026-12-07`, { headers: { cookie: m.cookie } });
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Группа');
    const dry = await m.post<ImportResult>('/timetable/import', {
      fileName: 'r.xlsx',
      contentBase64: buf.toString('base64'),
      from: '2026-12-01',
      dryRun: true,
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.clashes).toEqual([]);
    expect(dry.body.groups).toBe(2);

    sheet.addRow(['ПК-25', '', 'Пятница', 6, 'каждую неделю', 'НЕТ.01', 'Нет такого', '', '', '', '']);
    sheet.addRow(['ЯЯ-99', '', 'Пятница', 6, '', 'ЕН.01', '', '', '', '', '']);
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = await m.post<ImportResult>('/timetable/import', {
      fileName: 'r.xlsx',
      contentBase64: broken.toString('base64'),
      from: '2026-12-01',
      dryRun: false,
    });
    expect(bad.body.errors.map((e) => e.message)).toEqual([expect.stringContaining('НЕТ.01'), expect.stringContaining('ЯЯ-99')]);

    const real = await m.post<ImportResult>('/timetable/import', {
      fileName: 'r.xlsx',
      contentBase64: buf.toString('base64'),
      from: '2026-12-01',
      dryRun: false,
    });
    expect(real.body.message).toContain('загружено');
    expect(
      (await (await as(w.t1)).post('/timetable/import', { fileName: 'r.xlsx', contentBase64: 'AA==', from: '2026-12-01' })).status,
    ).toBe(403);
  });
});

describe('another college’s rows', () => {
  it('are not found for writes, documents and reports, and never listed', async () => {
    const other = await buildTimetableWorld(s.db);
    const m = await as(other.methodist);
    const theirs = await as(w.methodist);
    const bell = await s.db.selectFrom('bell_schedules').select('id').where('organization_id', '=', w.orgId).executeTakeFirstOrThrow();
    expect(
      (await m.put(`/timetable/bells/${bell.id}`, { name: 'x', periods: [{ pairNo: 1, startsAt: '08:00', endsAt: '09:00' }] })).status,
    ).toBe(404);
    expect((await m.delete(`/timetable/bells/${bell.id}`)).status).toBe(404);
    const entry = await s.db.selectFrom('timetable_entries').select('id').where('organization_id', '=', w.orgId).executeTakeFirstOrThrow();
    expect((await m.post('/timetable/changes', { entryId: entry.id, date: '2026-12-07', kind: 'cancel' })).status).toBe(404);
    const change = await theirs.post<{ id: number }>('/timetable/changes', {
      entryId: (await theirs.get<DayPlan>('/timetable/day?date=2026-12-08')).body.lessons[0].entryId,
      date: '2026-12-08',
      kind: 'cancel',
    });
    expect(change.status).toBe(200);
    expect((await m.delete(`/timetable/changes/${change.body.id}`)).status).toBe(404);
    expect(
      (await m.post(`/timetable/groups/${w.gA.id}/copy-week`, { sourceDate: '2026-09-07', fromDate: '2026-10-05', toDate: '2026-10-05' }))
        .status,
    ).toBe(404);
    expect((await m.get(`/timetable/groups/${w.gA.id}/week.pdf?date=2026-12-07`)).status).toBe(404);
    expect(
      (await m.post('/lessons/unscheduled', { assignmentId: w.math.id, date: '2026-11-27', pairNo: 6, reason: 'Консультация' })).status,
    ).toBe(404);
    const day = await m.get<DayPlan>('/timetable/day?date=2026-12-07');
    expect(day.body.lessons).toEqual([]);
    expect(day.body.teachers.map((t) => t.personId)).not.toContain(w.t1.personId);
    const report = await m.get<SubstitutionReport>('/timetable/substitutions?from=2026-09-01&to=2026-12-31');
    expect(report.body.lessons).toEqual([]);
    const catalog = await m.get<{ groups: { id: number }[] }>('/timetable/catalog');
    expect(catalog.body.groups.map((g) => g.id)).not.toContain(w.gA.id);
  });
});

describe('the load moves to another teacher', () => {
  it('the timetable and the lessons not yet recorded follow from today; a busy teacher is refused', async () => {
    const m = await as(w.methodist);
    const today = todayIn('Asia/Vladivostok');
    const moved = await m.patch(`/assignments/${w.math.id}`, { teacherPersonId: w.t3.personId });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const lessons = await lessonsOf(w.math.id);
    const kept = lessons.filter((l) => !l.recorded_at && l.detached === 0 && l.status === 'scheduled');
    expect(kept.filter((l) => l.date >= today).every((l) => l.teacher_person_id === w.t3.personId)).toBe(true);
    expect(kept.filter((l) => l.date < today).every((l) => l.teacher_person_id === w.t1.personId)).toBe(true);

    // Иванова now teaches ГД-24 on Tuesdays at the first pair (числитель): she cannot take history then.
    const saved = await m.put(`/timetable/groups/${w.gB.id}/grid`, {
      from: '2026-12-01',
      cells: [
        { weekday: 1, pairNo: 3, assignmentId: w.chem.id, room: '101' },
        { weekday: 2, pairNo: 1, assignmentId: w.chem.id, room: '301', parity: 'odd' },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const refused = await m.patch<Err>(`/assignments/${w.hist.id}`, { teacherPersonId: w.t1.personId });
    if (today <= '2026-12-31') {
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('Иванова');
      expect(
        (await s.db.selectFrom('assignments').select('teacher_person_id').where('id', '=', w.hist.id).executeTakeFirstOrThrow())
          .teacher_person_id,
      ).toBe(w.t2.personId);
    }
  });
});
