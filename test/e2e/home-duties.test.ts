import { beforeAll, describe, expect, it } from 'vitest';
import type { HomeBehind } from '../../src/contracts/control-home.js';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { keepWeekly, mondayOf } from '../../src/server/control/weekly-service.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildAssignment, buildLesson, buildMark } from '../factories.js';
import { buildTermGrade } from '../factories-attestation.js';
import { ApiClient } from '../server.js';
import { dateLongRu } from '../../web/src/format.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 12 item 7: every role's home shows its duty, each panel with what the API says and a link to act.
const suite = demoBrowserSuite();
const today = todayIn(DEMO_TIME_ZONE);
const yesterday = addDays(today, -1);
const w = {} as {
  orgId: number;
  weeklyId: number;
  pending: number;
  curatorStudent: { id: number; name: string };
  curatorGroupId: number;
  specialistStudent: string;
  teacherLessonId: number;
  debtTermId: number;
};

const personOf = (login: string) =>
  suite.s.db.selectFrom('users').select(['id', 'person_id', 'organization_id']).where('login', '=', login).executeTakeFirstOrThrow();

/** A student of a group and a lesson of the group's today, where the student is marked absent. */
async function absentToday(groupId: number, teacherUserId: number) {
  const db = suite.s.db;
  const a = await db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .select(['a.id', 'a.teacher_person_id', 'a.curriculum_item_id'])
    .where('a.group_id', '=', groupId)
    .where('a.subgroup_id', 'is', null)
    .where('t.start_date', '<=', today)
    .where('t.end_date', '>=', today)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  const s = await db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 'p.last_name', 'p.first_name'])
    .where('gm.group_id', '=', groupId)
    .where('gm.end_date', 'is', null)
    .orderBy('p.sort_key')
    .executeTakeFirstOrThrow();
  const lesson = await buildLesson(
    db,
    { id: a.id, orgId: w.orgId, teacherPersonId: a.teacher_person_id },
    { date: today, pairNo: 6, topic: 'Тема' },
  );
  await buildMark(db, {
    orgId: w.orgId,
    lessonId: lesson.id,
    studentId: s.id,
    userId: teacherUserId,
    value: 'н',
    kind: 'absence',
    hours: 2,
  });
  return { id: s.id, name: `${s.last_name} ${s.first_name}`, subjectId: a.curriculum_item_id, teacherPersonId: a.teacher_person_id };
}

beforeAll(async () => {
  const db = suite.s.db;
  const director = await personOf('director');
  w.orgId = director.organization_id;
  w.weeklyId = await keepWeekly(db, { id: w.orgId, timeZone: DEMO_TIME_ZONE }, addDays(mondayOf(today), -7), {
    userId: null,
    job: 'weekly-check',
  });
  w.pending = Number(
    (
      await db
        .selectFrom('correction_requests')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organization_id', '=', w.orgId)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
    ).n,
  );

  // The curator's group: a student absent today, and a «2» for the last term that has ended.
  const teacher = await personOf('teacher');
  const curator = await personOf('curator');
  const group = await db
    .selectFrom('groups')
    .select(['id', 'program_id'])
    .where('curator_person_id', '=', curator.person_id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  w.curatorGroupId = group.id;
  const st = await absentToday(group.id, teacher.id);
  w.curatorStudent = st;
  const past = await db
    .selectFrom('terms')
    .select(['id', 'start_date', 'end_date'])
    .where('organization_id', '=', w.orgId)
    .where('end_date', '<', today)
    .orderBy('end_date', 'desc')
    .executeTakeFirstOrThrow();
  w.debtTermId = past.id;
  await db
    .updateTable('group_memberships')
    .set({ start_date: past.start_date })
    .where('student_id', '=', st.id)
    .where('group_id', '=', group.id)
    .execute();
  const debt = await buildAssignment(db, {
    group: { id: group.id, orgId: w.orgId, programId: group.program_id },
    termId: past.id,
    teacherPersonId: st.teacherPersonId,
    subjectId: st.subjectId,
  });
  await buildTermGrade(db, { orgId: w.orgId, assignmentId: debt.id, studentId: st.id, userId: teacher.id, value: '2' });

  // The specialist's direction: a student of a direction group absent today.
  const specialist = await personOf('specialist');
  const dir = await db
    .selectFrom('specialist_directions')
    .select('group_id')
    .where('person_id', '=', specialist.person_id)
    .where('group_id', 'is not', null)
    .orderBy('group_id')
    .executeTakeFirstOrThrow();
  w.specialistStudent = (await absentToday(dir.group_id!, teacher.id)).name;

  // The teacher: yesterday's lesson not recorded, and a remark on it.
  const a = await db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .select(['a.id'])
    .where('a.teacher_person_id', '=', teacher.person_id)
    .where('t.start_date', '<=', yesterday)
    .where('t.end_date', '>=', yesterday)
    .where('a.subgroup_id', 'is', null)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('lessons').where('assignment_id', '=', a.id).where('date', '=', yesterday).execute();
  w.teacherLessonId = (
    await buildLesson(db, { id: a.id, orgId: w.orgId, teacherPersonId: teacher.person_id }, { date: yesterday, pairNo: 1 })
  ).id;
  const methodist = await new ApiClient(suite.s.url).login('methodist', 'demo');
  const r = await methodist.call('POST /control/remarks', {
    body: { target: { kind: 'lesson', lessonId: w.teacherLessonId }, text: 'Запишите тему и посещаемость.', dueDate: addDays(today, 3) },
  });
  expect(r.status).toBe(201);
  // A remark past its due date comes to the deputy director.
  const late = await methodist.call('POST /control/remarks', {
    body: { target: { kind: 'lesson', lessonId: w.teacherLessonId }, text: 'Срок исправления прошёл.', dueDate: addDays(today, 1) },
  });
  expect(late.status).toBe(201);
  await db
    .updateTable('remarks')
    .set({ due_date: addDays(today, -2) })
    .where('id', '=', (late.body as { id: number }).id)
    .execute();
});

const panel = (p: Awaited<ReturnType<typeof loginAs>>, label: string) => p.locator(`section[aria-label="${label}"]`);

describe('every role’s home shows its duty', () => {
  it('the director: the college’s figures beside the previous term, and the latest reports with links', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'director');
    const fig = panel(p, 'Показатели колледжа');
    await fig.getByRole('rowheader', { name: 'Абсолютная успеваемость' }).waitFor();
    await fig.getByRole('columnheader', { name: /^1-й семестр 2026\/2027$/ }).waitFor();
    await fig.getByRole('columnheader', { name: /^2-й семестр 2025\/2026$/ }).waitFor();
    for (const label of ['Качество знаний', 'Средний балл', 'Пропуски, часов']) await fig.getByRole('rowheader', { name: label }).waitFor();
    const reports = panel(p, 'Последние отчёты');
    await reports.locator(`a[href="/control/weekly/${w.weeklyId}"]`).click();
    await p.getByRole('heading', { name: /^Еженедельный контроль журналов:/, level: 1 }).waitFor();
    await p.context().close();
  });

  it('the deputy: corrections waiting, the weekly check, remarks past due', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'deputy');
    const c = panel(p, 'Исправления на утверждение');
    await c.getByText(w.pending ? new RegExp(`^Ждут решения: ${w.pending} `) : 'Заявок, ждущих решения, нет.').waitFor();
    await panel(p, 'Еженедельный контроль').locator(`a[href="/control/weekly/${w.weeklyId}"]`).waitFor();
    await panel(p, 'Просроченные замечания').getByText('Срок исправления прошёл.').waitFor();
    await c.getByRole('link', { name: /заявки/i }).click();
    await p.getByRole('heading', { level: 1, name: /Исправления/ }).waitFor();
    await p.context().close();
  });

  it('the methodologist: yesterday’s unrecorded lessons', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'methodist');
    const f = panel(p, 'Незаписанные занятия вчера');
    await f.getByRole('heading', { name: `Контроль заполнения · ${dateLongRu(yesterday)}` }).waitFor();
    await f.locator(`a[href="/journal/lessons/${w.teacherLessonId}"]`).waitFor();
    await p.context().close();
  });

  it('the ПЦК chair: the commission’s journals behind, each linking to its first unrecorded lesson', async () => {
    const api = await new ApiClient(suite.s.url).login('chair', 'demo');
    const behind = (await api.get<HomeBehind>('/control/home/behind')).body;
    expect(behind.lessons).toBeGreaterThan(0);
    const p = await loginAs(suite.browser, suite.s.url, 'chair');
    const b = panel(p, 'Отстающие журналы');
    await b.getByText(new RegExp(`^Не записано ${behind.lessons} занят`)).waitFor();
    const first = behind.items[0];
    await b.locator(`a[href="/journal/lessons/${first.firstLessonId}"]`, { hasText: first.teacher.name }).waitFor();
    const plans = await api.call('GET /lesson-plans', { query: { status: 'submitted' } });
    const waiting = (plans.body as { items: unknown[] }).items.length;
    expect(waiting).toBeGreaterThan(0);
    await panel(p, 'КТП').getByText(`Ожидают вашего согласования: ${waiting}.`).waitFor();
    await p.context().close();
  });

  it('the curator: who is absent today and the debtors of the last term; fits a 360-px screen', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'curator', 'demo', { width: 360, height: 800 });
    const a = panel(p, 'Пропуски сегодня');
    await a.getByRole('heading', { name: `Отсутствуют сегодня, ${dateLongRu(today)}` }).waitFor();
    await a.getByRole('listitem').filter({ hasText: w.curatorStudent.name }).filter({ hasText: '«н»' }).waitFor();
    const d = panel(p, 'Должники');
    await d.getByRole('listitem').filter({ hasText: w.curatorStudent.name }).filter({ hasText: ': 2' }).waitFor();
    await d.locator(`a[href="/performance/groups/${w.curatorGroupId}?termId=${w.debtTermId}"]`).waitFor();
    await panel(p, 'Моя группа')
      .getByText(/Входили в журнал: обучающихся — \d+ из \d+, родителей — \d+ из \d+\./)
      .waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.context().close();
  });

  it('the specialist: their direction’s absences today and this week', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'specialist');
    const a = panel(p, 'Пропуски сегодня');
    await a.getByRole('listitem').filter({ hasText: w.specialistStudent }).waitFor();
    await a
      .getByRole('list', { name: 'Пропуски по группам' })
      .getByRole('listitem')
      .filter({ hasText: /сегодня — \d+ обучающ[а-я]+, \d+ час[а-я]*; за неделю — / })
      .first()
      .waitFor();
    await p.getByText('Направление работы:').waitFor();
    await p.context().close();
  });

  it('the teacher: today’s lessons, unrecorded lessons and remarks', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'teacher');
    await p.getByRole('heading', { name: /^Мои занятия · / }).waitFor();
    await panel(p, 'Незаписанные занятия').locator(`a[href="/journal/lessons/${w.teacherLessonId}"]`).waitFor();
    await panel(p, 'Замечания ко мне').getByText('Запишите тему и посещаемость.').waitFor();
    await p.context().close();
  });
});
