import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Remark, RemarkList } from '../../contracts/control-remarks.js';
import { buildOrganization } from '../../../test/factories.js';
import { buildFillWorld } from '../../../test/factories-control.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Remarks on keeping the journal (issue 12 item 2): written, fixed, confirmed or re-opened, escalated.
let s: TestServer;
let w: Awaited<ReturnType<typeof buildFillWorld>>;
let orgId: number;
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
type Err = { error: { code: string; fields?: Record<string, string> } };

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db, { timeZone: 'Asia/Vladivostok' })).id;
  w = await buildFillWorld(s.db, orgId);
});
afterAll(() => s.close());

describe('remarks', () => {
  it('the methodologist writes one on a lesson; the teacher fixes it; the author confirms or re-opens it', async () => {
    const methodist = await as(w.users.methodist);
    const made = await methodist.post<Remark>('/control/remarks', {
      target: { kind: 'lesson', lessonId: w.lessons.a28p2.id },
      text: 'Не записана тема и посещаемость',
      dueDate: '2026-11-30',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      status: 'open',
      escalated: false,
      canFix: false,
      canConfirm: false,
      canReopen: false,
      target: { kind: 'lesson', lessonId: w.lessons.a28p2.id, label: 'Занятие 28.11.2026, 2 пара · ИС-21 · ОП.01 Основы программирования' },
      teacher: { personId: w.teacherA.personId },
    });
    const id = made.body.id;

    const teacher = await as(w.teacherA);
    const mine = await teacher.get<RemarkList>('/control/remarks');
    expect(mine.body.items.map((r) => [r.id, r.canFix])).toEqual([[id, true]]);
    expect((await (await as(w.teacherB)).get<RemarkList>('/control/remarks')).body.items).toEqual([]);
    expect((await (await as(w.chair2)).get<RemarkList>('/control/remarks')).body.items).toEqual([]);
    expect((await (await as(w.teacherB)).post(`/control/remarks/${id}/fix`, {})).status).toBe(404);

    const fixed = await teacher.post<Remark>(`/control/remarks/${id}/fix`, { comment: 'Записал' });
    expect(fixed.body).toMatchObject({ status: 'fixed', canFix: false });
    expect((await teacher.post<Err>(`/control/remarks/${id}/fix`, {})).status).toBe(409);
    expect((await (await as(w.users.deputy)).post(`/control/remarks/${id}/confirm`, {})).status).toBe(403);

    const noReason = await methodist.post<Err>(`/control/remarks/${id}/reopen`, {});
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields ?? {})).toEqual(['comment']);
    const reopened = await methodist.post<Remark>(`/control/remarks/${id}/reopen`, { comment: 'Посещаемость не отмечена' });
    expect(reopened.body.status).toBe('open');
    await teacher.post(`/control/remarks/${id}/fix`, {});
    const confirmed = await methodist.post<Remark>(`/control/remarks/${id}/confirm`, {});
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.history.map((h) => h.action)).toEqual(['create', 'fix', 'reopen', 'fix', 'confirm']);
    expect(confirmed.body.history[2].comment).toBe('Посещаемость не отмечена');
    // Kept: a confirmed remark leaves the active list and stays in «all».
    expect((await teacher.get<RemarkList>('/control/remarks')).body.items).toEqual([]);
    expect((await teacher.get<RemarkList>('/control/remarks?status=all')).body.items.map((r) => r.id)).toEqual([id]);
    const audited = await s.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'remark')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['remark.create', 'remark.fix', 'remark.reopen', 'remark.fix', 'remark.confirm']);
  });

  it("the chair writes on their commission's journals only; a teacher target needs the whole college", async () => {
    const chair = await as(w.chair2);
    expect(
      (await chair.post('/control/remarks', { target: { kind: 'lesson', lessonId: w.lessons.a28p2.id }, text: 'x', dueDate: '2026-12-01' }))
        .status,
    ).toBe(403);
    expect(
      (
        await chair.post('/control/remarks', {
          target: { kind: 'teacher', personId: w.teacherB.personId },
          text: 'x',
          dueDate: '2026-12-01',
        })
      ).status,
    ).toBe(403);
    const ok = await chair.post<Remark>('/control/remarks', {
      target: { kind: 'journal', assignmentId: w.assignments.b.id },
      text: 'Нет оценок за практические',
      dueDate: '2026-12-01',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.target.label).toBe('Журнал ПК-22 · МДК.02 Технология кулинарии');
    expect((await chair.get<RemarkList>('/control/remarks')).body.items.map((r) => r.id)).toEqual([ok.body.id]);
    const t = await (
      await as(w.users.deputy)
    ).post<Remark>('/control/remarks', {
      target: { kind: 'teacher', personId: w.teacherB.personId },
      text: 'Журналы заполняются с опозданием',
      dueDate: '2026-12-05',
    });
    expect(t.status).toBe(201);
    expect((await (await as(w.teacherB)).get<RemarkList>('/control/remarks')).body.items.map((r) => r.target.kind).sort()).toEqual([
      'journal',
      'teacher',
    ]);
  });

  it('an open remark past its due date is escalated to the deputy director', async () => {
    const at = '2026-11-20T00:00:00.000Z';
    const old = await s.db
      .insertInto('remarks')
      .values({
        organization_id: orgId,
        target_kind: 'journal',
        assignment_id: w.assignments.a.id,
        lesson_id: null,
        teacher_person_id: w.teacherA.personId,
        commission_id: w.commissions.c1,
        text: 'Просрочено',
        due_date: '2026-11-25',
        status: 'open',
        author_user_id: w.users.methodist.id,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const esc = await (await as(w.users.deputy)).get<RemarkList>('/control/remarks?escalated=1');
    expect(esc.body.items.map((r) => r.id)).toEqual([old.id]);
    expect(esc.body.items[0].escalated).toBe(true);
  });

  it('checks its input: a due date in the past, a target that is not there', async () => {
    const m = await as(w.users.methodist);
    const past = await m.post<Err>('/control/remarks', {
      target: { kind: 'lesson', lessonId: w.lessons.a27.id },
      text: 'x',
      dueDate: '2026-11-01',
    });
    expect([past.status, Object.keys(past.body.error.fields ?? {})]).toEqual([400, ['dueDate']]);
    const none = await m.post<Err>('/control/remarks', { target: { kind: 'lesson', lessonId: 999999 }, text: 'x', dueDate: '2026-12-01' });
    expect([none.status, Object.keys(none.body.error.fields ?? {})]).toEqual([400, ['target.lessonId']]);
    const kind = await m.post<Err>('/control/remarks', { target: { kind: 'group', id: 1 }, text: 'x', dueDate: '2026-12-01' });
    expect(kind.status).toBe(400);
    const empty = await m.post<Err>('/control/remarks', {
      target: { kind: 'teacher', personId: w.teacherA.personId },
      text: '  ',
      dueDate: '2026-12-01',
    });
    expect([empty.status, Object.keys(empty.body.error.fields ?? {})]).toEqual([400, ['text']]);
  });
});
