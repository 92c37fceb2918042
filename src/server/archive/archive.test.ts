import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArchiveExport } from '../../contracts/archive-export.js';
import { API } from '../../contracts/api.js';
import type { RouteSpec, YearObject } from '../../contracts/route.js';
import { ExcelJS } from '../platform/documents.js';
import { nowIso } from '../platform/db.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildGuardian,
  buildLesson,
  buildMark,
  buildOrganization,
  buildRoleUsers,
  buildStudent,
  buildUser,
} from '../../../test/factories.js';
import { buildTermGrade } from '../../../test/factories-attestation.js';
import { buildLessonPlan } from '../../../test/factories-curriculum.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { BatchRunner, batchRunner } from './batches.js';

// The year-end archive (issue 13 items 4–5): closing a year after its end, the year lock on every
// write route of the OpenAPI document, reads kept, reopening with a reason, the archive's files.
let s: TestServer;
let orgId: number;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;
let other: Awaited<ReturnType<typeof buildRoleUsers>>;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

// The world: the year 2025/2026 (ended by the suites' day, 28.11.2026) with a group's journal, and
// the current year 2026/2027.
let past: Awaited<ReturnType<typeof buildAcademicYear>>;
let current: Awaited<ReturnType<typeof buildAcademicYear>>;
let group: Awaited<ReturnType<typeof buildGroup>>;
let teacher: Awaited<ReturnType<typeof buildUser>>;
let walker: Awaited<ReturnType<typeof buildUser>>;
let student: Awaited<ReturnType<typeof buildStudent>>;
let guardian: Awaited<ReturnType<typeof buildGuardian>>;
let math: Awaited<ReturnType<typeof buildAssignment>>;
let lessons: { id: number }[];
const objects = {} as Record<Exclude<YearObject, 'date'>, number>;
const ARCHIVED_DATE = '2026-03-02';

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  users = await buildRoleUsers(s.db, orgId);
  other = await buildRoleUsers(s.db, (await buildOrganization(s.db)).id);
  past = await buildAcademicYear(s.db, orgId, 2025);
  current = await buildAcademicYear(s.db, orgId, 2026);
  teacher = await buildUser(s.db, { orgId, roles: ['teacher'], lastName: 'Учителева' });
  // Every staff role and the group's curatorship: whatever a write route asks, this user has it.
  walker = await buildUser(s.db, { orgId, roles: ['admin', 'director', 'deputy', 'methodist', 'chair', 'specialist', 'teacher'] });
  group = await buildGroup(s.db, { orgId, name: 'ПК-21', curatorPersonId: walker.personId });
  student = await buildStudent(s.db, group, { lastName: 'Архипова', since: '2025-09-01', withLogin: true });
  const second = await buildStudent(s.db, group, { lastName: 'Борисов', since: '2025-09-01' });
  guardian = await buildGuardian(s.db, orgId, [student.id]);
  math = await buildAssignment(s.db, { group, teacherPersonId: teacher.personId, termId: past.termIds[1] });
  const history = await buildAssignment(s.db, { group, teacherPersonId: teacher.personId, termId: past.termIds[0] });
  lessons = [];
  for (const date of ['2026-02-02', '2026-02-09', '2026-03-02'])
    lessons.push(await buildLesson(s.db, math, { date, topic: `Тема ${date}`, hours: 2 }));
  const h1 = await buildLesson(s.db, history, { date: '2025-10-06', topic: 'Древний мир' });
  const userId = teacher.id;
  const mark = await buildMark(s.db, { orgId, lessonId: lessons[0].id, studentId: student.id, userId, value: '5' });
  await buildMark(s.db, { orgId, lessonId: lessons[1].id, studentId: student.id, userId, value: 'н' });
  await buildMark(s.db, { orgId, lessonId: lessons[1].id, studentId: second.id, userId, value: '4' });
  await buildMark(s.db, { orgId, lessonId: h1.id, studentId: second.id, userId, value: '3' });
  await buildTermGrade(s.db, { orgId, assignmentId: math.id, studentId: student.id, userId, value: '5' });
  const plan = await buildLessonPlan(s.db, orgId, math.subjectId, { groupId: group.id });
  const at = nowIso();
  const ins = async (table: Parameters<typeof s.db.insertInto>[0], values: Record<string, unknown>) =>
    (
      await s.db
        .insertInto(table)
        .values({ organization_id: orgId, ...values } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id as number;
  const entry = await ins('timetable_entries', {
    term_id: past.termIds[1],
    group_id: group.id,
    subgroup_id: null,
    weekday: 1,
    pair_no: 1,
    assignment_id: math.id,
    teacher_person_id: teacher.personId,
    room: null,
    valid_from: '2026-01-12',
    valid_to: '2026-06-30',
    created_at: at,
    updated_at: at,
  });
  const termCheck = await ins('term_checks', {
    term_id: past.termIds[1],
    title: 'Справка',
    made_by_user_id: walker.id,
    created_at: at,
    data: '{}',
  });
  Object.assign(objects, {
    year: past.id,
    term: past.termIds[1],
    assignment: math.id,
    lesson: lessons[0].id,
    mark: mark.id,
    plan: plan.id,
    'timetable-entry': entry,
    'timetable-change': await ins('timetable_changes', {
      entry_id: entry,
      date: ARCHIVED_DATE,
      kind: 'cancel',
      to_date: null,
      to_pair_no: null,
      room: null,
      assignment_id: null,
      teacher_person_id: null,
      reason: 'Праздник',
      created_by_user_id: walker.id,
      created_at: at,
    }),
    'lesson-file': await ins('lesson_files', {
      lesson_id: lessons[0].id,
      file_name: 'a.txt',
      content_type: 'text/plain',
      size: 1,
      content_base64: 'YQ==',
      created_by_user_id: teacher.id,
      created_at: at,
    }),
    correction: await ins('correction_requests', {
      lesson_id: lessons[1].id,
      student_id: second.id,
      mark_id: null,
      kind: 'grade',
      old_value: null,
      new_value: '5',
      new_work_type: 'oral',
      new_weight: 1,
      reason: 'Ответ у доски не внесён',
      requested_by_user_id: teacher.id,
      requested_at: at,
      decided_by_user_id: null,
      decided_at: null,
      decision_comment: null,
    }),
    excuse: await ins('absence_excuses', {
      student_id: student.id,
      from_date: '2026-02-09',
      to_date: '2026-02-10',
      reason: 'Справка',
      document: null,
      created_by_user_id: walker.id,
      created_at: at,
      revoked_at: null,
      revoked_by_user_id: null,
    }),
    remark: await ins('remarks', {
      target_kind: 'journal',
      assignment_id: math.id,
      lesson_id: null,
      teacher_person_id: teacher.personId,
      commission_id: null,
      text: 'Не заполнены темы',
      due_date: '2026-03-10',
      status: 'open',
      author_user_id: walker.id,
      created_at: at,
      updated_at: at,
    }),
    report: await ins('generated_reports', {
      kind: 'weekly-check',
      period: ARCHIVED_DATE,
      title: 'Неделя',
      made_by_user_id: walker.id,
      made_by_job: null,
      created_at: at,
      data: '{}',
    }),
    'term-check-part': await ins('term_check_parts', {
      term_check_id: termCheck,
      person_id: teacher.personId,
      role: 'teacher',
      acknowledged_at: null,
    }),
  });
  // The plan of intra-college control of the closed year: a line and an occurrence marked done.
  objects['plan-line'] = await ins('control_plan_lines', {
    academic_year_id: past.id,
    kind: 'weekly',
    subject: 'Заполнение журналов',
    scope: 'college',
    target_ids: '[]',
    repeat: 'monthly',
    start_date: null,
    end_date: null,
    person_id: walker.personId,
    note: '',
    created_at: at,
    updated_at: at,
  });
  objects['plan-mark'] = await ins('control_plan_marks', {
    line_id: objects['plan-line'],
    occurrence_from: '2026-03-01',
    report_id: null,
    remark_id: null,
    comment: 'Проверено',
    marked_by_user_id: walker.id,
    marked_at: at,
  });
});
afterAll(async () => {
  await batchRunner(s.db).idle();
  await s.close();
});

/** Bytes of a download (the client keeps text). */
async function download(c: ApiClient, path: string) {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: { cookie: c.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function closedBatchDone(admin: ApiClient, batchId: number) {
  for (let i = 0; i < 200; i++) {
    const b = await admin.call('GET /archive/batches/:id', { params: { id: batchId } });
    if (b.body.status === 'done' || b.body.status === 'failed') return b.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the batch did not finish');
}

/**
 * Write routes that touch nothing of an academic year, each with the reason. Every other write
 * route of the OpenAPI document must name in its contract (`yearOf`) what decides its year.
 */
const EXEMPT: Record<string, string> = {
  'POST /auth/login': 'a session, not a record of a year',
  'POST /auth/logout': 'a session',
  'POST /auth/logout-all': 'sessions',
  'POST /auth/password': 'a login',
  'POST /notifications/read': 'the caller’s own notifications',
  'POST /unsubscribe': 'an e-mail opt-out',
  'POST /notify/outbox/:id/retry': 'a message of the outbox, not a record of a year',
  'POST /region/colleges': 'a college, not a record of a year (decision 038)',
  'POST /region/colleges/:id/suspend': 'the state of a college',
  'POST /region/colleges/:id/activate': 'the state of a college',
  'POST /region/colleges/:id/admins': 'a login of a college',
  'POST /region/reports/colleges/:id/recompute': 'kept figures recomputed from the records; no record of a year changes (decision 041)',
  'POST /integrations/accounts': 'a service account, not a record of a year (decision 039)',
  'POST /integrations/accounts/:id/revoke': 'a service account’s token',
  'PATCH /college/settings': 'the college’s rules, read when a later write is made',
  'POST /messages/threads': 'a message, not a record of a year',
  'POST /messages/group': 'a message',
  'POST /messages/threads/:id/messages': 'a message',
  'POST /messages/threads/:id/read': 'the caller’s own reading',
  'POST /messages/:id/withdraw': 'a message (the record stays)',
  'POST /events/:id/cancel': 'an announcement (the record stays, marked cancelled)',
  'PUT /notify/prefs': 'the caller’s own choice of notices',
  'POST /notify/reports': 'orders a report (a read of the period), not a change to a year',
  'POST /notify/reports/orders/:id/cancel': 'a report order',
  'POST /notify/alerts/:id/seen': 'an alert seen',
  'POST /academic-years': 'makes a new year (overlap with a closed one is refused by its dates)',
  'POST /academic-years/:id/close': 'sets the lock',
  'POST /academic-years/:id/reopen': 'lifts the lock',
  'POST /departments': 'the college’s structure outlives years',
  'PUT /departments/:id': 'the college’s structure',
  'POST /programs': 'the college’s structure',
  'PUT /programs/:id': 'the college’s structure',
  'POST /commissions': 'the college’s structure',
  'PUT /commissions/:id': 'the college’s structure',
  'POST /groups': 'a group lives through several years',
  'PUT /groups/:id': 'a group lives through several years (its name, course, curator now)',
  'POST /groups/:id/subgroups': 'a subgroup is made for the current work',
  'DELETE /subgroups/:id': 'refused by its service when lessons or members are recorded',
  'POST /rollover/:id/undo': 'undoes the promotion into the new year (refused after its first mark)',
  'POST /students/:id/guardians': 'personal data',
  'DELETE /guardian-links/:id': 'personal data',
  'PUT /persons/:id': 'personal data is kept current',
  'PATCH /persons/:id/contacts': 'personal data',
  'POST /contact-changes/:id/decision': 'personal data',
  'PUT /people/settings': 'a setting of the college',
  'POST /gia/groups/:id/secretaries': 'an appointment to a group, not a record of a year',
  'DELETE /gia/groups/:id/secretaries/:personId': 'an appointment to a group',
  'POST /staff': 'staff',
  'PUT /staff/:id/roles': 'staff',
  'PUT /staff/:id/direction': 'a specialist’s current direction of work',
  'POST /credentials': 'logins',
  'POST /import': 'people (students with their groups as of now, staff)',
  'POST /curricula': 'a curriculum is the program’s for all its years',
  'POST /curricula/import-plx': 'a curriculum',
  'PATCH /curricula/:id': 'a curriculum',
  'DELETE /curricula/:id': 'a curriculum (refused by its service while load uses it)',
  'POST /curricula/:id/items': 'a curriculum',
  'PUT /curricula/:id/items/:itemId': 'a curriculum',
  'DELETE /curricula/:id/items/:itemId': 'a curriculum',
  'POST /curricula/:id/import': 'a curriculum',
  'POST /print/journals': 'prints the journals: reads the year, writes nothing of it',
  'POST /lesson-plans': 'a new КТП belongs to no year until load uses it',
  'POST /timetable/bells': 'the bell schedules serve every year',
  'PUT /timetable/bells/:id': 'the bell schedules serve every year',
  'DELETE /timetable/bells/:id': 'the bell schedules serve every year',
  'POST /backups': 'a copy of the whole installation, not a record of a year',
  'POST /sso/providers': 'a single sign-on provider, not a record of a year (decision 040)',
  'PATCH /sso/providers/:id': 'a single sign-on provider',
  'DELETE /sso/providers/:id': 'a single sign-on provider (its links go with it)',
  'POST /sso/links': 'a login’s link to a provider’s subject',
  'POST /sso/persons/:id/links': 'a login’s link to a provider’s subject, from the person’s card',
  'DELETE /sso/links/:id': 'a login’s link to a provider’s subject',
};

/** A request for the route that names the archived year's object of each kind its contract declares. */
function requestFor(key: string, spec: RouteSpec) {
  const params: Record<string, unknown> = {};
  for (const m of key.matchAll(/:(\w+)/g)) params[m[1]] = m[1] === 'kind' ? 'term' : 999999;
  const parts: Record<string, Record<string, unknown>> = { params, query: {}, body: {} };
  for (const ref of spec.yearOf ?? []) {
    const [kind, path] = ref.split(':') as [YearObject, string];
    const [part, ...keys] = path.split('.');
    let at = parts[part];
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = kind === 'date' ? ARCHIVED_DATE : objects[kind];
  }
  const url = key.slice(key.indexOf(' ') + 1).replace(/:(\w+)/g, (_, n: string) => String(params[n]));
  const query = new URLSearchParams(parts.query as Record<string, string>).toString();
  return { method: key.slice(0, key.indexOf(' ')), url: query ? `${url}?${query}` : url, body: parts.body };
}

describe('closing a year', () => {
  it('is refused before the year has ended, with the reason', async () => {
    const admin = await as(users.admin);
    const r = await admin.call('POST /academic-years/:id/close', { params: { id: current.id } });
    expect(r.status).toBe(409);
    expect((r.body as unknown as { error: { message: string } }).error.message).toBe(
      'Учебный год 2026/2027 ещё не окончен: он заканчивается 31.08.2027. Закрыть его можно с 01.09.2027.',
    );
  });

  it('401 without a session, 403 for a role without the right, 404 for another college', async () => {
    expect((await new ApiClient(s.url).call('POST /academic-years/:id/close', { params: { id: past.id } })).status).toBe(401);
    expect((await new ApiClient(s.url).call('GET /archive/years')).status).toBe(401);
    for (const role of ['teacher', 'deputy', 'director'] as const)
      expect((await (await as(users[role])).call('POST /academic-years/:id/close', { params: { id: past.id } })).status).toBe(403);
    expect((await (await as(users.teacher)).call('GET /archive/years')).status).toBe(403);
    expect((await (await as(other.admin)).call('POST /academic-years/:id/close', { params: { id: past.id } })).status).toBe(404);
  });

  it('closes an ended year: archived, audited, the archive queued', async () => {
    const admin = await as(users.admin);
    const r = await admin.call('POST /academic-years/:id/close', { params: { id: past.id } });
    expect(r.status).toBe(200);
    expect(r.body.year).toMatchObject({ id: past.id, status: 'archived', closedAt: expect.any(String) });
    expect(r.body.batch).toMatchObject({ kind: 'year-archive', title: 'Архив учебного года 2025/2026' });
    const audit = await s.db.selectFrom('audit_log').selectAll().where('action', '=', 'archive.year_closed').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: String(past.id), actor_user_id: users.admin.id });
    expect((await admin.call('POST /academic-years/:id/close', { params: { id: past.id } })).status).toBe(409);
    await closedBatchDone(admin, r.body.batch.id);
  });

  it('every write route of the OpenAPI document refuses the closed year’s objects (or is exempt, with its reason)', async () => {
    const c = await as(walker);
    const doc = (await c.get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json')).body;
    const refused: string[] = [];
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const key = `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`;
        const spec = (API as Record<string, RouteSpec>)[key];
        if (!spec) {
          problems.push(`${key}: not in the route table`);
          continue;
        }
        if (EXEMPT[key]) {
          if (spec.yearOf) problems.push(`${key}: exempt, yet declares yearOf`);
          continue;
        }
        if (!spec.yearOf?.length) {
          problems.push(`${key}: neither yearOf nor exempt`);
          continue;
        }
        const req = requestFor(key, spec);
        const r = await c.request<{ error?: { code: string; message: string } }>(
          req.method,
          req.url,
          req.method === 'DELETE' ? undefined : req.body,
        );
        if (r.status !== 409 || r.body.error?.code !== 'year_archived') problems.push(`${key}: ${r.status} ${JSON.stringify(r.body)}`);
        else {
          expect(r.body.error.message).toBe(
            'Учебный год 2025/2026 закрыт (архив): изменения невозможны. Открыть его снова может администратор.',
          );
          refused.push(key);
        }
      }
    expect(problems).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(45);
    for (const key of Object.keys(EXEMPT)) expect(API, key).toHaveProperty([key]);
  });

  it('refuses the writes of the issue with their real bodies: a mark, a term grade; the current year stays writable', async () => {
    const t = await as(teacher);
    const mark = await t.call('POST /journal/marks', {
      body: { opId: 'op-archive-1', lessonId: lessons[2].id, studentId: student.id, value: '4' },
    });
    expect(mark.status).toBe(409);
    const grade = await t.call('PUT /attestation/assignments/:id/students/:studentId/grades/:kind', {
      params: { id: math.id, studentId: student.id, kind: 'term' },
      body: { value: '4', version: 1 },
    });
    expect(grade.status).toBe(409);
    const open = await (await as(walker)).call('POST /control/weekly', { body: { weekStart: '2026-11-23' } });
    expect(open.status).toBe(201);
  });

  it('answers a date not in the calendar with a validation error naming the field, not with the closed year', async () => {
    // 2026-02-30 would sort inside the closed year; it is no date at all.
    const r = await (await as(walker)).call('POST /control/weekly', { body: { weekStart: '2026-02-30' } });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'validation', fields: { weekStart: expect.stringMatching(/нет в календаре/) } } });
  });

  it('students, guardians and staff keep reading the closed year (п. 2.6)', async () => {
    const req = { params: { id: student.id }, query: { termId: past.termIds[1] } };
    const own = await (await as(student.user!)).call('GET /family/students/:id/grades', req);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain('"5"');
    expect((await (await as(guardian)).call('GET /family/students/:id/grades', req)).status).toBe(200);
    const t = await as(teacher);
    expect((await t.call('GET /journal/lessons/:id', { params: { id: lessons[0].id } })).status).toBe(200);
    expect((await t.call('GET /journal/grid', { query: { assignmentId: math.id } })).status).toBe(200);
  });
});

describe('the archive', () => {
  it('keeps per group an XLSX of every subject, a JSON export and the printed journal, whose checksums match', async () => {
    const admin = await as(users.admin);
    const a = await admin.call('GET /archive/years/:id', { params: { id: past.id } });
    expect(a.status).toBe(200);
    expect(a.body.batch).toMatchObject({ status: 'done', totalSteps: 1, doneSteps: 1 });
    expect(a.body.groups.map((g) => g.groupName)).toEqual(['ПК-21']);
    const files = a.body.groups[0].files;
    expect(files.map((f) => f.name)).toEqual(['journal.xlsx', 'export.json', 'journal.pdf']);
    for (const f of files) {
      const d = await download(admin, `/archive/files/${f.id}`);
      expect(d.status).toBe(200);
      expect(d.bytes.length).toBe(f.size);
      expect(createHash('sha256').update(d.bytes).digest('hex')).toBe(f.sha256);
      expect(decodeURIComponent(d.headers.get('content-disposition') ?? '')).toContain(`ПК-21 ${f.name}`);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(admin, `/archive/files/${files[0].id}`)).bytes as never);
    expect(wb.worksheets).toHaveLength(2);
    const grid = wb.worksheets.find((w) => w.getRow(2).values.toString().includes('02.02'))!;
    // An empty cell reads back as nothing.
    const values = (n: number) => Array.from({ length: 6 }, (_, i) => (grid.getRow(n).values as unknown[])[i + 1] ?? '');
    expect(values(2)).toEqual(['№', 'Обучающийся', '02.02 (1)', '09.02 (1)', '02.03 (1)', '2 сем.: Семестровая']);
    expect(values(3)).toEqual([1, expect.stringMatching(/^Архипова /), '5', 'н', '', '5']);
    expect(values(4)).toEqual([2, expect.stringMatching(/^Борисов /), '', '4', '', '']);
    // The printed journal of the year: its title page names the group and the year; the certification page counts its sheets.
    const pdf = await download(admin, `/archive/files/${files[2].id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'archive-pdf-'));
    try {
      writeFileSync(join(dir, 'j.pdf'), pdf.bytes);
      const pages = execFileSync('pdftotext', ['-layout', join(dir, 'j.pdf'), '-'], { encoding: 'utf8' }).split('\f');
      expect(pages[0]).toContain('ЖУРНАЛ');
      expect(pages[0]).toContain('ПК-21');
      expect(pages[0]).toContain('2025/2026');
      expect(pages.join('\n')).toContain('Всего пронумеровано и прошнуровано');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the JSON export follows its documented schema', async () => {
    const admin = await as(users.admin);
    const a = await admin.call('GET /archive/years/:id', { params: { id: past.id } });
    const json = JSON.parse((await download(admin, `/archive/files/${a.body.groups[0].files[1].id}`)).bytes.toString('utf8'));
    const e = ArchiveExport.parse(json);
    expect(e.group.name).toBe('ПК-21');
    expect(e.students.map((x) => x.name.split(' ')[0])).toEqual(['Архипова', 'Борисов']);
    expect(e.subjects).toHaveLength(2);
    const m = e.subjects.find((x) => x.lessons.length === 3)!;
    expect(m.lessons[0]).toMatchObject({ date: '2026-02-02', topic: 'Тема 2026-02-02', teacher: expect.stringMatching(/^Учителева /) });
    expect(m.marks).toHaveLength(3);
    expect(m.termGrades).toEqual([expect.objectContaining({ studentId: student.id, kind: 'term', value: '5' })]);
    expect(m.corrections).toEqual([expect.objectContaining({ newValue: '5', status: 'pending', reason: 'Ответ у доски не внесён' })]);
    // The documented JSON Schema is this schema (regenerate: npx tsx src/cli/main.ts archive-schema).
    const documented = JSON.parse(readFileSync(new URL('../../../docs/archive-export.schema.json', import.meta.url), 'utf8'));
    expect(documented).toEqual(z.toJSONSchema(ArchiveExport));
  });

  it('downloads the college’s year as one zip listing every group, with SHA256SUMS', async () => {
    const admin = await as(users.admin);
    const d = await download(admin, `/archive/years/${past.id}/archive.zip`);
    expect(d.status).toBe(200);
    expect(d.headers.get('content-type')).toBe('application/zip');
    const dir = mkdtempSync(join(tmpdir(), 'archive-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), d.bytes);
      const list = execFileSync('unzip', ['-Z1', join(dir, 'a.zip')], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(list).toEqual(['ПК-21/journal.xlsx', 'ПК-21/export.json', 'ПК-21/journal.pdf', 'SHA256SUMS']);
      const sums = execFileSync('unzip', ['-p', join(dir, 'a.zip'), 'SHA256SUMS'], { encoding: 'utf8' });
      const a = await admin.call('GET /archive/years/:id', { params: { id: past.id } });
      expect(sums).toBe(a.body.groups[0].files.map((f) => `${f.sha256}  ПК-21/${f.name}`).join('\n') + '\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await download(await as(other.admin), `/archive/years/${past.id}/archive.zip`)).status).toBe(404);
    const fileId = (await admin.call('GET /archive/years/:id', { params: { id: past.id } })).body.groups[0].files[0].id;
    expect((await download(await as(other.admin), `/archive/files/${fileId}`)).status).toBe(404);
    expect((await (await as(users.director)).call('GET /archive/years/:id', { params: { id: past.id } })).status).toBe(200);
  });

  it('lists the years with their archive', async () => {
    const r = await (await as(users.admin)).call('GET /archive/years');
    expect(r.body.map((y) => [y.name, y.status, y.batch?.status ?? null])).toEqual([
      ['2026/2027', 'open', null],
      ['2025/2026', 'archived', 'done'],
    ]);
  });
});

describe('the background batch', () => {
  it('is caught up after a restart: a batch left running under an expired lease is taken again, its unfinished files made anew', async () => {
    const at = nowIso();
    const id = (
      await s.db
        .insertInto('batches')
        .values({
          organization_id: orgId,
          kind: 'year-archive',
          params: JSON.stringify({ yearId: past.id }),
          title: 'Архив',
          status: 'running',
          error: null,
          lease_owner: 'a-process-that-died',
          lease_until: '2026-01-01T00:00:00.000Z',
          created_by_user_id: null,
          created_at: at,
          started_at: at,
          finished_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await s.db
      .insertInto('batch_files')
      .values({
        organization_id: orgId,
        batch_id: id,
        step: 0,
        group_id: group.id,
        name: 'journal.xlsx',
        content_type: 'x',
        sha256: null,
        created_at: at,
      })
      .execute();
    await batchRunner(s.db).idle();
    const restarted = new BatchRunner(s.db);
    expect(await restarted.tick()).toEqual([id]);
    const files = await s.db.selectFrom('batch_files').selectAll().where('batch_id', '=', id).orderBy('id').execute();
    expect(files.map((f) => [f.name, f.complete])).toEqual([
      ['journal.xlsx', 1],
      ['export.json', 1],
      ['journal.pdf', 1],
    ]);
    expect(
      await s.db.selectFrom('batches').select(['status', 'done_steps', 'total_steps']).where('id', '=', id).executeTakeFirst(),
    ).toEqual({
      status: 'done',
      done_steps: 1,
      total_steps: 1,
    });
    // A live lease is left alone.
    expect(await restarted.tick()).toEqual([]);
  });
});

describe('reopening', () => {
  it('needs a reason, is audited, and lets writes in again', async () => {
    const admin = await as(users.admin);
    const none = await admin.call('POST /academic-years/:id/reopen', { params: { id: past.id }, body: { reason: ' ' } });
    expect(none.status).toBe(400);
    expect(
      (await (await as(users.deputy)).call('POST /academic-years/:id/reopen', { params: { id: past.id }, body: { reason: 'Ошибка' } }))
        .status,
    ).toBe(403);
    const r = await admin.call('POST /academic-years/:id/reopen', {
      params: { id: past.id },
      body: { reason: 'Исправление по приказу № 12' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'open', closedAt: null });
    const audit = await s.db.selectFrom('audit_log').selectAll().where('action', '=', 'archive.year_reopened').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ reason: 'Исправление по приказу № 12', actor_user_id: users.admin.id, entity_id: String(past.id) });
    const grade = await (
      await as(teacher)
    ).call('PUT /attestation/assignments/:id/students/:studentId/grades/:kind', {
      params: { id: math.id, studentId: student.id, kind: 'term' },
      body: { value: '4', version: 1 },
    });
    expect((grade.body as unknown as { error?: { code: string } }).error?.code).not.toBe('year_archived');
    expect((await admin.call('POST /academic-years/:id/reopen', { params: { id: past.id }, body: { reason: 'Ещё раз' } })).status).toBe(
      409,
    );
  });
});
