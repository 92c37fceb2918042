import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildLesson } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 12: the methodologist finds yesterday's unrecorded lesson and writes a remark; the
// teacher records the lesson and marks the remark fixed.
const suite = demoBrowserSuite();
const yesterday = addDays(todayIn(DEMO_TIME_ZONE), -1);
let lessonId: number;

beforeAll(async () => {
  const db = suite.s.db;
  const teacher = await db
    .selectFrom('users')
    .select(['person_id', 'organization_id'])
    .where('login', '=', 'teacher')
    .executeTakeFirstOrThrow();
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
  lessonId = (
    await buildLesson(db, { id: a.id, orgId: teacher.organization_id, teacherPersonId: teacher.person_id }, { date: yesterday, pairNo: 1 })
  ).id;
});

describe('daily fill control and remarks in the browser', () => {
  it('the methodologist writes a remark on yesterday’s unrecorded lesson; the teacher fixes it', async () => {
    const m = await loginAs(suite.browser, suite.s.url, 'methodist');
    await m.getByRole('heading', { name: /Контроль заполнения ·/ }).waitFor();
    await m.locator(`section[aria-label="Незаписанные занятия вчера"] a[href="/journal/lessons/${lessonId}"]`).waitFor();
    await m.getByRole('link', { name: 'Контроль заполнения' }).first().click();
    await m.getByRole('heading', { name: 'Контроль заполнения', level: 1 }).waitFor();
    const row = m.locator('tr', { has: m.locator(`a[href="/journal/lessons/${lessonId}"]`) });
    await row.getByRole('button', { name: /Написать замечание/ }).click();
    await m.getByLabel('Текст замечания').fill('Занятие не записано: нет темы и посещаемости.');
    await m.getByRole('button', { name: 'Отправить замечание' }).click();
    await m.getByText(/Замечание отправлено/).waitFor();
    const remark = await suite.s.db
      .selectFrom('remarks')
      .select(['id', 'status'])
      .where('lesson_id', '=', lessonId)
      .executeTakeFirstOrThrow();
    expect(remark.status).toBe('open');
    await m.context().close();

    const t = await loginAs(suite.browser, suite.s.url, 'teacher');
    const card = t.getByRole('listitem', { name: /^Замечание: Занятие/ });
    await card.getByText('Занятие не записано: нет темы и посещаемости.').waitFor();
    await t.locator(`section[aria-label="Незаписанные занятия"] a[href="/journal/lessons/${lessonId}"]`).click();
    const topic = t.getByLabel(/Тема занятия/);
    await topic.waitFor();
    await topic.fill('Повторение пройденного');
    await t.keyboard.press('Control+Enter');
    await t.getByText(/записано: тема «Повторение пройденного»/).waitFor();
    await t.goto(suite.s.url);
    await card.getByRole('button', { name: 'Исправлено' }).click();
    await t.getByText('Замечание исправлено, ждёт подтверждения.').waitFor();
    const after = await suite.s.db.selectFrom('remarks').select('status').where('id', '=', remark.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('fixed');
    const lesson = await suite.s.db
      .selectFrom('lessons')
      .select(['topic', 'recorded_at'])
      .where('id', '=', lessonId)
      .executeTakeFirstOrThrow();
    expect(lesson.topic).toBe('Повторение пройденного');
    expect(lesson.recorded_at).not.toBeNull();
    await t.context().close();
  });
});
