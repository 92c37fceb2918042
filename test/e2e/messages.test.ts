import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildAssignment } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 14 items 9–10 in the browser: a guardian (on a 360-px phone) and a teacher exchange
// messages with a read receipt; a curator announces a group event and writes to all the group's
// guardians; the guardian sees the event on the home page and in the diary on its date.
const suite = demoBrowserSuite();
const PHONE = { width: 360, height: 780 };
const today = todayIn(DEMO_TIME_ZONE);
const eventDate = addDays(today, 2);
let childId: number;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe violations of the page as it stands. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    type V = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: V[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

beforeAll(async () => {
  const db = suite.s.db;
  const person = (login: string) =>
    db.selectFrom('users').select(['person_id', 'organization_id']).where('login', '=', login).executeTakeFirstOrThrow();
  const parent = await person('parent');
  const teacher = await person('teacher');
  const curator = await person('curator');
  // The parent's child in the curator's group; the teacher teaches that group this term.
  const child = await db
    .selectFrom('guardian_links as gl')
    .innerJoin('group_memberships as gm', 'gm.student_id', 'gl.student_id')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['gl.student_id', 'g.id as group_id', 'g.program_id'])
    .where('gl.guardian_person_id', '=', parent.person_id)
    .where('g.curator_person_id', '=', curator.person_id)
    .where('gm.end_date', 'is', null)
    .executeTakeFirstOrThrow();
  childId = child.student_id;
  const term = await db
    .selectFrom('terms')
    .select('id')
    .where('organization_id', '=', parent.organization_id)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .executeTakeFirstOrThrow();
  const subject = await db
    .selectFrom('assignments')
    .select('curriculum_item_id')
    .where('group_id', '=', child.group_id)
    .executeTakeFirstOrThrow();
  await buildAssignment(db, {
    group: { id: child.group_id, orgId: parent.organization_id, programId: child.program_id },
    teacherPersonId: teacher.person_id,
    termId: term.id,
    subjectId: subject.curriculum_item_id,
  });
});

describe('messages and events in the browser', () => {
  it('a guardian on a phone and a teacher exchange messages; the guardian sees «прочитано»', async () => {
    const g = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', PHONE);
    await g.getByRole('button', { name: 'Меню' }).click();
    await g.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Сообщения' }).click();
    await g.getByRole('heading', { name: 'Сообщения', level: 1 }).waitFor();
    await g.getByRole('link', { name: 'Написать' }).click();
    await g.getByLabel('Найти по фамилии').fill('Андреева');
    const teacher = g.getByRole('radio', { name: /Андреева Мария Владимировна/ });
    await teacher.check();
    expect(await axeProblems(g)).toEqual([]);
    const text = g.getByLabel('Текст сообщения');
    await text.fill('Здравствуйте, Мария Владимировна! Сын пропустит пятницу — справку принесём.');
    await text.press('Control+Enter');
    const mine = g.getByRole('listitem', { name: /, \d\d\.\d\d\.\d{4}/ }).first();
    await mine.getByText('не прочитано').waitFor();
    const threadUrl = g.url();
    expect(threadUrl).toMatch(/\/messages\/\d+$/);
    // The page fits the phone: nothing wider than the screen.
    expect(await g.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await axeProblems(g)).toEqual([]);

    const t = await loginAs(suite.browser, suite.s.url, 'teacher');
    const menu = t.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: /Сообщения/ });
    await menu.getByText('1').waitFor();
    await menu.click();
    await t.locator('ul.threads a').first().click();
    await t.getByText('Сын пропустит пятницу — справку принесём.', { exact: false }).waitFor();
    const reply = t.getByLabel('Текст сообщения');
    await reply.fill('Спасибо, что предупредили. Задание пришлю здесь.');
    await t.getByRole('button', { name: 'Отправить' }).click();
    await t.getByText('Спасибо, что предупредили. Задание пришлю здесь.').waitFor();
    await t.context().close();

    await g.goto(threadUrl);
    await g.getByText('Спасибо, что предупредили.', { exact: false }).waitFor();
    await g.getByText('прочитано', { exact: true }).waitFor();
    await g.context().close();
  });

  it('a curator announces a group event and writes to all its guardians; the guardian sees it at home and in the diary', async () => {
    const c = await loginAs(suite.browser, suite.s.url, 'curator');
    await c.goto(`${suite.s.url}/events`);
    await c.getByRole('heading', { name: 'Объявить событие' }).waitFor();
    const form = c.getByRole('form', { name: 'Новое событие' });
    await form.getByLabel('Название события').fill('Родительское собрание');
    await form.getByLabel('Описание').fill('Итоги первого семестра, выбор практики.');
    await form.getByLabel('Дата').fill(eventDate);
    await form.getByLabel('Время (необязательно)').fill('18:00');
    await form.getByLabel('Место (необязательно)').fill('ауд. 214');
    await form.getByLabel(/Уведомить/).check();
    await form.getByRole('button', { name: 'Объявить' }).click();
    await c.getByText('Событие объявлено.').waitFor();
    await c.getByRole('listitem', { name: 'Родительское собрание' }).waitFor();
    expect(await axeProblems(c)).toEqual([]);

    await c.goto(`${suite.s.url}/messages/new?group=1`);
    const group = c.getByLabel('Группа');
    await group.selectOption({ index: 1 });
    await c.getByLabel('Тема сообщения').fill('Собрание');
    await c.getByLabel('Текст сообщения').fill('Прошу прийти на собрание, подробности в разделе «События».');
    await c.getByRole('button', { name: 'Отправить' }).click();
    await c.getByText(/прочитали 0 из \d+/).waitFor();
    await c.context().close();

    const g = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', PHONE);
    const panel = g.getByRole('region', { name: 'События' });
    await panel.getByText('Родительское собрание').waitFor();
    await g.goto(`${suite.s.url}/family?child=${childId}&date=${eventDate}`);
    const day = g.getByRole('region', { name: 'События дня' });
    await day.getByText('Родительское собрание').waitFor();
    await day.getByText(/18:00 · ауд\. 214/).waitFor();
    const notified = await suite.s.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.person_id', 'n.person_id')
      .select('n.title')
      .where('u.login', '=', 'parent')
      .where('n.kind', '=', 'event')
      .execute();
    expect(notified.map((n) => n.title)).toEqual([expect.stringContaining('Родительское собрание')]);
    await g.goto(`${suite.s.url}/messages`);
    await g.getByText(/Собрание \(родителям /).click();
    await g.getByText('Ваш ответ увидит только автор сообщения.').waitFor();
    await g.context().close();
  });
});
