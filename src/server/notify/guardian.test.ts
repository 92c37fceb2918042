import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildGuardian, buildOrganization, buildStudent, buildUser } from '../../../test/factories.js';
import { buildJournal } from '../../../test/factories-journal.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { now } from '../../domain/clock.js';
import { addDays } from '../../domain/dates.js';
import { mondayOf } from '../../domain/guardian-notices.js';
import { sendWeeklyDigests } from './digest-service.js';
import { releaseHeldMarks } from './guardian-marks.js';
import { unsubscribeToken } from './unsubscribe.js';

let s: TestServer;
let orgId: number;
let j: Awaited<ReturnType<typeof buildJournal>>;
let guardian: Awaited<ReturnType<typeof buildGuardian>>;
let otherGuardian: Awaited<ReturnType<typeof buildGuardian>>;
let otherStudent: { id: number };
let teacher: ApiClient, parent: ApiClient, stranger: ApiClient, curator: ApiClient;
let op = 0;
const opId = () => `g-${Date.now().toString(36)}-${++op}`;
const later = () => new Date(now().getTime() + 24 * 3_600_000);

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  j = await buildJournal(s.db, orgId);
  guardian = await buildGuardian(s.db, orgId, [j.students[0].id]);
  await s.db.updateTable('persons').set({ email: 'mama@example.ru' }).where('id', '=', guardian.personId).execute();
  const group2 = await buildGroup(s.db, { orgId, name: 'ПВ-99' });
  otherStudent = await buildStudent(s.db, group2, { lastName: 'Чужой' });
  otherGuardian = await buildGuardian(s.db, orgId, [otherStudent.id]);
  teacher = await new ApiClient(s.url).login(j.teacher.login, j.teacher.password);
  parent = await new ApiClient(s.url).login(guardian.login, guardian.password);
  stranger = await new ApiClient(s.url).login(otherGuardian.login, otherGuardian.password);
  curator = await new ApiClient(s.url).login(j.curator.login, j.curator.password);
});
afterAll(() => s.close());

const notificationsOf = (personId: number) =>
  s.db.selectFrom('notifications').select(['kind', 'title', 'key']).where('person_id', '=', personId).orderBy('id').execute();
const emailsOf = (personId: number) =>
  s.db
    .selectFrom('outbox')
    .select(['kind', 'title', 'key', 'status'])
    .where('person_id', '=', personId)
    .where('channel', '=', 'email')
    .execute();

describe('preferences', () => {
  it('a guardian sees the defaults for their child: the digest by e-mail, everything in the app', async () => {
    const r = await parent.call('GET /notify/prefs');
    expect(r.status).toBe(200);
    expect(r.body.children.map((c) => c.studentId)).toEqual([j.students[0].id]);
    const ch = Object.fromEntries(r.body.children[0].channels.map((c) => [c.channel, c]));
    expect(ch.email).toMatchObject({ digest: true, grades: 'none' });
    expect(ch.app).toMatchObject({ digest: true, grades: 'all', absences: 'each', termGrades: true });
    expect(ch.sms).toMatchObject({ digest: false, grades: 'none' });
    expect(r.body.contacts).toEqual({ email: true, phone: false });
  });

  it('changes a channel for their child, not for another family’s; bad input names the field', async () => {
    const body = {
      studentId: j.students[0].id,
      channel: 'email' as const,
      grades: 'twos' as const,
      absences: 'none' as const,
      absenceThreshold: 3,
      digest: true,
      termGrades: true,
    };
    const ok = await parent.call('PUT /notify/prefs', { body });
    expect(ok.status).toBe(200);
    expect(ok.body.children[0].channels.find((c) => c.channel === 'email')).toMatchObject({ grades: 'twos', termGrades: true });
    expect((await parent.call('PUT /notify/prefs', { body: { ...body, studentId: otherStudent.id } })).status).toBe(404);
    const sms = await parent.request<{ error: { fields?: Record<string, string> } }>('PUT', '/notify/prefs', { ...body, channel: 'sms' });
    expect(sms.status).toBe(400);
    expect(sms.body.error.fields).toHaveProperty('digest');
    const bad = await parent.request<{ error: { fields?: Record<string, string> } }>('PUT', '/notify/prefs', {
      ...body,
      absenceThreshold: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('absenceThreshold');
    expect((await teacher.request('GET', '/notify/prefs')).status).toBe(403);
  });

  it('saving e-mail choices after an unsubscribe turns those e-mails back on (and only e-mail ones)', async () => {
    const anon = new ApiClient(s.url);
    for (const kind of ['digest', '*', 'message'])
      expect(
        (await anon.call('POST /unsubscribe', { body: { token: await unsubscribeToken(s.db, orgId, guardian.personId, kind) } })).status,
      ).toBe(200);
    expect((await parent.call('GET /notify/prefs')).body.emailOptOuts).toEqual(['*', 'digest', 'message']);
    const body = {
      studentId: j.students[0].id,
      grades: 'twos' as const,
      absences: 'none' as const,
      absenceThreshold: 3,
      digest: true,
      termGrades: true,
    };
    // The app's choices (its defaults, saved) lift nothing.
    const app = { ...body, channel: 'app' as const, grades: 'all' as const, absences: 'each' as const };
    expect((await parent.call('PUT /notify/prefs', { body: app })).body.emailOptOuts).toEqual(['*', 'digest', 'message']);
    const r = await parent.call('PUT /notify/prefs', { body: { ...body, channel: 'email' } });
    expect(r.status).toBe(200);
    // The digest and «all e-mail» are lifted (grade-2 and term-grades had no opt-out); messages, not chosen on this page, stay off.
    expect(r.body.emailOptOuts).toEqual(['message']);
    const rows = await s.db.selectFrom('email_optouts').select('kind').where('person_id', '=', guardian.personId).execute();
    expect(rows.map((x) => x.kind)).toEqual(['message']);
    const trail = await s.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'notify.prefs')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(trail.after))).toMatchObject({ optOutsLifted: ['*', 'digest'] });
    await s.db.deleteFrom('email_optouts').where('person_id', '=', guardian.personId).execute();
  });
});

describe('a mark written in the journal', () => {
  it('is held in the mark’s transaction and told once with its final value', async () => {
    const w = await teacher.call('POST /journal/marks', {
      body: { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[0].id, value: '2' },
    });
    expect(w.status).toBe(201);
    const held = await s.db.selectFrom('mark_notice_queue').select(['mark_id']).where('organization_id', '=', orgId).execute();
    expect(held.map((h) => h.mark_id)).toEqual([w.body.mark!.id]);
    // Nothing is told before the hold ends.
    expect(await releaseHeldMarks(s.db, s.engine, now())).toBe(0);
    // A typo corrected within the hold: 2 → 3 is told once, as 3.
    const fix = await teacher.call('PATCH /journal/marks/:id', { params: { id: w.body.mark!.id }, body: { version: 1, value: '3' } });
    expect(fix.status).toBe(200);
    expect(await releaseHeldMarks(s.db, s.engine, later())).toBe(1);
    const told = (await notificationsOf(guardian.personId)).filter((n) => n.kind.startsWith('grade'));
    expect(told).toHaveLength(1);
    expect(told[0].title).toMatch(/^Оценка 3/);
    // E-mail only for a «2» (the guardian chose «только 2» above): none for a 3.
    expect((await emailsOf(guardian.personId)).filter((e) => e.kind.startsWith('grade'))).toHaveLength(0);
    // Released again: nothing more.
    expect(await releaseHeldMarks(s.db, s.engine, later())).toBe(0);
    expect((await notificationsOf(guardian.personId)).filter((n) => n.kind.startsWith('grade'))).toHaveLength(1);
  });

  it('a «2» goes by e-mail to the guardian who chose «only 2», and to nobody of another family', async () => {
    const w = await teacher.call('POST /journal/marks', {
      body: { opId: opId(), lessonId: j.lessons.yesterday.id, studentId: j.students[0].id, value: '2' },
    });
    expect(w.status).toBe(201);
    await releaseHeldMarks(s.db, s.engine, later());
    const emails = (await emailsOf(guardian.personId)).filter((e) => e.kind === 'grade-2');
    expect(emails).toHaveLength(1);
    expect(emails[0].status).toBe('pending');
    expect((await notificationsOf(otherGuardian.personId)).length).toBe(0);
  });

  it('a student without a guardian or login holds nothing', async () => {
    await teacher.call('POST /journal/marks', {
      body: { opId: opId(), lessonId: j.lessons.today.id, studentId: j.students[1].id, value: '5' },
    });
    const held = await s.db.selectFrom('mark_notice_queue').select('mark_id').where('student_id', '=', j.students[1].id).execute();
    expect(held).toHaveLength(0);
  });
});

describe('the weekly digest', () => {
  it('is enqueued exactly once per person and week, however often the job runs', async () => {
    const slot = mondayOf(addDays(j.today, 7));
    await sendWeeklyDigests(s.db, orgId, slot);
    await Promise.all([sendWeeklyDigests(s.db, orgId, slot), sendWeeklyDigests(s.db, orgId, slot)]);
    const emails = (await emailsOf(guardian.personId)).filter((e) => e.kind === 'digest');
    expect(emails).toHaveLength(1);
    expect(emails[0].key).toBe(`digest:${addDays(slot, -7)}`);
    const app = (await notificationsOf(guardian.personId)).filter((n) => n.kind === 'digest');
    expect(app).toHaveLength(1);
    const text = await s.db
      .selectFrom('outbox')
      .select('text')
      .where('person_id', '=', guardian.personId)
      .where('kind', '=', 'digest')
      .executeTakeFirstOrThrow();
    expect(text.text).toContain('средний балл');
  });
});

describe('reports for a period', () => {
  it('a guardian orders one for their child (PDF by e-mail and in the app), not for another’s', async () => {
    const body = { studentId: j.students[0].id, schedule: 'once' as const, from: addDays(j.today, -7), to: j.today };
    const r = await parent.call('POST /notify/reports', { body });
    expect(r.status).toBe(201);
    expect(r.body.report).not.toBeNull();
    const pdf = await parent.request<string>('GET', `/notify/reports/${r.body.report!.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await stranger.request('GET', `/notify/reports/${r.body.report!.id}/pdf`)).status).toBe(404);
    const mail = await s.db
      .selectFrom('outbox')
      .select(['attachments'])
      .where('person_id', '=', guardian.personId)
      .where('kind', '=', 'report')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(mail.attachments!)[0].contentType).toBe('application/pdf');
    expect((await stranger.call('POST /notify/reports', { body })).status).toBe(404);
    const bad = await parent.request<{ error: { fields?: Record<string, string> } }>('POST', '/notify/reports', {
      ...body,
      from: j.today,
      to: addDays(j.today, -3),
    });
    expect(bad.status).toBe(400);
  });

  it('a monthly order is made by the daily job on the 1st', async () => {
    const r = await parent.call('POST /notify/reports', { body: { studentId: j.students[0].id, schedule: 'monthly' } });
    expect(r.status).toBe(201);
    const { runScheduledReports } = await import('./period-report-service.js');
    const first = r.body.order.nextDay!;
    expect(first.endsWith('-01')).toBe(true);
    expect(await runScheduledReports(s.db, { id: orgId, timeZone: j.tz }, first)).toBe(1);
    expect(await runScheduledReports(s.db, { id: orgId, timeZone: j.tz }, first)).toBe(0);
    const mine = await parent.call('GET /notify/reports');
    expect(mine.body.reports.filter((x) => x.orderId === r.body.order.id)).toHaveLength(1);
  });

  it('a curator orders for a guardian of their group only, for days the group was theirs', async () => {
    const ok = await curator.call('POST /notify/reports', {
      body: {
        studentId: j.students[0].id,
        recipientPersonId: guardian.personId,
        schedule: 'once',
        from: addDays(j.today, -30),
        to: j.today,
      },
    });
    expect(ok.status).toBe(201);
    const before = await curator.call('POST /notify/reports', {
      body: {
        studentId: j.students[0].id,
        recipientPersonId: guardian.personId,
        schedule: 'once',
        from: addDays(j.today, -200),
        to: j.today,
      },
    });
    expect(before.status, JSON.stringify(before.body)).toBe(403);
    const other = await curator.call('POST /notify/reports', {
      body: {
        studentId: otherStudent.id,
        recipientPersonId: otherGuardian.personId,
        schedule: 'once',
        from: addDays(j.today, -7),
        to: j.today,
      },
    });
    expect(other.status).toBe(404);
  });
});

describe('the curator’s overview', () => {
  it('shows who receives what and who has no working contact, for their group only', async () => {
    const r = await curator.call('GET /notify/groups/:id/guardians', { params: { id: j.group.id } });
    expect(r.status).toBe(200);
    const st = r.body.students.find((x) => x.studentId === j.students[0].id)!;
    expect(st.guardians[0]).toMatchObject({ personId: guardian.personId, hasEmail: true, unreachable: false });
    expect(st.guardians[0].receives.join(' ')).toContain('Электронная почта');
    expect(st.guardians[0].reportOrders.length).toBeGreaterThan(0);
    const none = await buildUser(s.db, { orgId });
    expect((await parent.request('GET', `/notify/groups/${j.group.id}/guardians`)).status).toBe(403);
    const g2 = await buildGroup(s.db, { orgId, name: 'ЧУЖ-1', curatorPersonId: none.personId });
    expect((await curator.call('GET /notify/groups/:id/guardians', { params: { id: g2.id } })).status).toBe(404);
  });
});

describe('absence alerts', () => {
  it('days absent in a row reach the curator once per episode', async () => {
    const student = j.students[2];
    for (const l of [j.lessons.closed, j.lessons.yesterday, j.lessons.today])
      await s.db
        .insertInto('marks')
        .values({
          organization_id: orgId,
          lesson_id: l.id,
          student_id: student.id,
          kind: 'absence',
          value: 'н',
          work_type: null,
          weight: 1,
          hours: 2,
          comment: null,
          version: 1,
          created_by_user_id: j.teacher.id,
          created_at: new Date().toISOString(),
          updated_by_user_id: j.teacher.id,
          updated_at: new Date().toISOString(),
        })
        .execute();
    const marks = await s.db.selectFrom('marks').select(['id']).where('student_id', '=', student.id).execute();
    const due = now().toISOString();
    await s.db
      .insertInto('mark_notice_queue')
      .values(marks.map((m) => ({ organization_id: orgId, mark_id: m.id, student_id: student.id, due_at: due })))
      .execute();
    await releaseHeldMarks(s.db, s.engine, later());
    const list = await curator.call('GET /notify/alerts');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((a) => a.studentId === student.id);
    expect(mine.map((a) => a.kind)).toEqual(['days']);
    expect(mine[0].text).toContain('3 дня подряд');
    const told = (await notificationsOf(j.curator.personId)).filter((n) => n.kind === 'alert');
    expect(told).toHaveLength(1);
    expect((await curator.call('POST /notify/alerts/:id/seen', { params: { id: mine[0].id } })).status).toBe(200);
    expect((await curator.call('GET /notify/alerts')).body.items.filter((a) => a.studentId === student.id)).toHaveLength(0);
    expect((await parent.request('GET', '/notify/alerts')).status).toBe(403);
  });
});
