import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildLesson, buildMark } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Nothing a person typed is lost: the lesson text saves in the background, a paste over marks
// asks and can be undone, and an ended session keeps the work for the next sign-in.

const suite = demoBrowserSuite(60);
const today = todayIn(DEMO_TIME_ZONE);
let teacher: { id: number; orgId: number };
let assignmentId: number;
let studentIds: number[];
const lessons: number[] = [];

beforeAll(async () => {
  const t = await suite.s.db
    .selectFrom('users')
    .select(['id', 'person_id', 'organization_id'])
    .where('login', '=', 'teacher')
    .executeTakeFirstOrThrow();
  teacher = { id: t.id, orgId: t.organization_id };
  const a = await suite.s.db
    .selectFrom('assignments as a')
    .innerJoin('terms as tm', 'tm.id', 'a.term_id')
    .select(['a.id', 'a.group_id'])
    .where('a.teacher_person_id', '=', t.person_id)
    .where('tm.start_date', '<=', today)
    .where('tm.end_date', '>=', today)
    .where('a.subgroup_id', 'is', null)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  assignmentId = a.id;
  await suite.s.db.deleteFrom('lessons').where('assignment_id', '=', a.id).where('date', '=', today).execute();
  // One lesson of today for each test, so they do not depend on each other.
  for (const pairNo of [1, 2, 3])
    lessons.push(
      (await buildLesson(suite.s.db, { id: a.id, orgId: t.organization_id, teacherPersonId: t.person_id }, { date: today, pairNo })).id,
    );
  const members = await suite.s.db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as st', 'st.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .select('gm.student_id')
    .where('gm.group_id', '=', a.group_id)
    .where('gm.start_date', '<=', today)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', today)]))
    .orderBy('p.sort_key')
    .execute();
  studentIds = members.map((m) => m.student_id);
});

const lessonRow = (id: number) =>
  suite.s.db.selectFrom('lessons').select(['topic', 'homework', 'recorded_at']).where('id', '=', id).executeTakeFirstOrThrow();

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`не дождались: ${what}`);
}

/** Answers the next dialog (confirm or beforeunload) and tells what it said. */
function nextDialog(page: Page, accept: boolean) {
  return new Promise<{ type: string; message: string }>((resolve) => {
    page.once('dialog', (d) => {
      resolve({ type: d.type(), message: d.message() });
      void (accept ? d.accept() : d.dismiss());
    });
  });
}

describe('the lesson text saves in the background', () => {
  it('a topic typed before leaving the page is there on return, and the lesson is recorded', async () => {
    const id = lessons[0];
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    // A slow connection: the save is still on its way when the teacher leaves.
    await page.route('**/api/v1/journal/lessons/*', async (route) => {
      if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(`${suite.s.url}/journal/lessons/${id}`);
    const topic = page.getByLabel(/Тема занятия/);
    await topic.waitFor();
    await topic.fill('');
    await topic.pressSequentially('Окислительно-восстановительные реакции');
    const asked = nextDialog(page, true);
    await page.getByRole('link', { name: '← Мой день' }).click();
    expect((await asked).message).toMatch(/^Не сохранено 1 изменение\. .*Всё равно уйти со страницы\?$/);
    await page.getByRole('heading', { name: /Мои занятия/ }).waitFor();
    await until(async () => (await lessonRow(id)).topic === 'Окислительно-восстановительные реакции', 'тема сохранена');
    expect((await lessonRow(id)).recorded_at).not.toBeNull();
    const onDay = page.locator(`a.day-lesson[href="/journal/lessons/${id}"]`);
    await onDay.getByText(/записано/).waitFor();
    await onDay.click();
    expect(await page.getByLabel(/Тема занятия/).inputValue()).toBe('Окислительно-восстановительные реакции');
    await page.getByText('Все изменения сохранены').waitFor();
    await page.context().close();
  });

  it('leaving with a save that cannot get through warns, in the app and on closing the tab', async () => {
    const id = lessons[0];
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/lessons/${id}`);
    await page.getByRole('textbox', { name: /Домашнее задание/ }).waitFor();
    await page.route('**/api/v1/journal/lessons/*', (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByRole('textbox', { name: /Домашнее задание/ }).fill('§ 7, задачи 3–6');
    await page.getByText('Нет связи с сервером — 1 изменение сохранится автоматически').waitFor();
    const asked = nextDialog(page, false);
    await page.getByRole('link', { name: '← Мой день' }).click();
    expect((await asked).type).toBe('confirm');
    expect(new URL(page.url()).pathname).toBe(`/journal/lessons/${id}`);
    const closing = nextDialog(page, false);
    await page.close({ runBeforeUnload: true });
    expect((await closing).type).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    await page.unroute('**/api/v1/journal/lessons/*');
    await page.getByText('Все изменения сохранены').waitFor({ timeout: 20_000 });
    expect((await lessonRow(id)).homework).toBe('§ 7, задачи 3–6');
    await page.context().close();
  });
});

describe('a paste over marks', () => {
  it('shows what it replaces and asks; Ctrl+Z puts the marks back, and the history shows the undo', async () => {
    const id = lessons[1];
    for (const [i, value] of [
      [0, 'н'],
      [1, '5'],
    ] as const) {
      await buildMark(suite.s.db, { orgId: teacher.orgId, lessonId: id, studentId: studentIds[i], userId: teacher.id, value });
    }
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/grid/${assignmentId}`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    const col = await page
      .locator('thead th.date')
      .evaluateAll((ths, href) => ths.findIndex((th) => th.querySelector(`a[href="${href}"]`)), `/journal/lessons/${id}`);
    expect(col).toBeGreaterThanOrEqual(0);
    const cell = (r: number) => page.locator(`[data-cell="${r}:${col}"]`);
    await cell(0).click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '4\r\nн\r\nб\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const dialog = page.getByRole('dialog', { name: 'Заменить отметки?' });
    await dialog.waitFor();
    await dialog.getByText('Вставка заменит отметки в 2 клетках, ещё 1 пустых будут заполнены').waitFor();
    expect((await dialog.locator('li').allTextContents()).map((t) => t.replace(/^.*: /, ''))).toEqual(['н → 4', '5 → н']);
    // Nothing is written before the answer.
    const values = async () =>
      Promise.all(
        studentIds
          .slice(0, 3)
          .map(async (sid) =>
            (await suite.s.db.selectFrom('marks').select('value').where('lesson_id', '=', id).where('student_id', '=', sid).execute())
              .map((m) => m.value)
              .join(' '),
          ),
      );
    expect(await values()).toEqual(['н', '5', '']);
    await dialog.getByRole('button', { name: 'Заменить' }).click();
    await page.getByText(/Вставлено клеток: 3\. Отменить — Ctrl\+Z\./).waitFor();
    await page.getByText('Все изменения сохранены').waitFor();
    await until(async () => (await values()).join('|') === '4|н|б', 'вставка сохранена');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('gridcell');
    await page.keyboard.press('Control+z');
    await page.getByText('Отменено: вставка в 3 клетках.').waitFor();
    await until(async () => (await values()).join('|') === 'н|5|', 'отмена сохранена');
    await page.getByText('Все изменения сохранены').waitFor();
    expect((await cell(0).textContent())?.trim()).toBe('н');
    expect((await cell(1).textContent())?.trim()).toBe('5');
    await cell(1).click();
    await page.getByRole('button', { name: 'История клетки' }).click();
    const history = page.getByRole('dialog', { name: 'История клетки' });
    await history.getByText('Причина: Отмена предыдущего действия (Ctrl+Z)').first().waitFor();
    // Made, replaced by the paste (a grade and an absence are different marks), put back by the undo.
    expect(await history.locator('li').count()).toBe(5);
    expect(await history.getByText('Причина: Отмена предыдущего действия (Ctrl+Z)').count()).toBe(2);
    await page.context().close();
  });

  it('a paste into empty cells does not ask', async () => {
    const id = lessons[0];
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/grid/${assignmentId}`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    const col = await page
      .locator('thead th.date')
      .evaluateAll((ths, href) => ths.findIndex((th) => th.querySelector(`a[href="${href}"]`)), `/journal/lessons/${id}`);
    await page.locator(`[data-cell="0:${col}"]`).click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '3\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.getByText(/Вставлено клеток: 1\./).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.context().close();
  });
});

describe('an ended session', () => {
  it('warns a minute before, says why, and after signing in again the page and its unsaved work come back and are saved', async () => {
    const id = lessons[2];
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    const idleMinutes = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).session.idleMinutes as number);
    await page.goto(`${suite.s.url}/journal/lessons/${id}`);
    await page.getByRole('textbox', { name: /Домашнее задание/ }).waitFor();
    // The connection drops: what is typed cannot reach the server.
    await page.route('**/api/v1/journal/**', (route) =>
      route.request().method() === 'GET' ? route.continue() : route.abort('internetdisconnected'),
    );
    await page.getByRole('textbox', { name: /Домашнее задание/ }).fill('Подготовить доклад');
    const cells = page.getByLabel(/^Отметки: /);
    await cells.first().fill('4');
    await page.keyboard.press('Enter');
    await page
      .getByText(/Нет связи с сервером/)
      .first()
      .waitFor();
    const sessions = async () => (await suite.s.db.selectFrom('sessions').select('id').where('user_id', '=', teacher.id).execute()).length;
    const before = await sessions();
    // The teacher walks away.
    await page.clock.fastForward(idleMinutes * 60_000 - 50_000);
    await page
      .getByRole('alert')
      .getByText(/Сеанс завершится через минуту из-за бездействия/)
      .waitFor();
    await page.clock.fastForward(60_000);
    await page.getByText('Сеанс завершён из-за бездействия.', { exact: false }).waitFor();
    await page.getByLabel('Логин').waitFor();
    expect(await sessions()).toBe(before - 1);
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('ej.unsaved.'))
        .sort(),
    );
    expect(kept).toEqual([`ej.unsaved.${teacher.id}.cells`, `ej.unsaved.${teacher.id}.lessons`]);
    // Even a closed tab keeps it: the page is loaded anew before signing in.
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await page.unroute('**/api/v1/journal/**');
    // A read of the lesson made before the restored mark is written arrives after it: it must not hide it.
    let lateReads = 0;
    await page.route('**/api/v1/journal/marks', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await page.route(`**/api/v1/journal/lessons/${id}`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 1500));
      await route.fulfill({ response });
      lateReads++;
    });
    await page.getByLabel('Логин').fill('teacher');
    await page.getByLabel('Пароль').fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('textbox', { name: /Домашнее задание/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/journal/lessons/${id}`);
    expect(await page.getByRole('textbox', { name: /Домашнее задание/ }).inputValue()).toBe('Подготовить доклад');
    await page.getByText('Все изменения сохранены').waitFor({ timeout: 20_000 });
    expect((await lessonRow(id)).homework).toBe('Подготовить доклад');
    const marks = await suite.s.db
      .selectFrom('marks')
      .select('value')
      .where('lesson_id', '=', id)
      .where('student_id', '=', studentIds[0])
      .execute();
    expect(marks.map((m) => m.value)).toEqual(['4']);
    await until(async () => lateReads >= 2, 'чтения занятия доставлены');
    await page.waitForTimeout(100);
    expect(await cells.first().inputValue()).toBe('4');
    await until(
      async () => (await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ej.unsaved.')).length)) === 0,
      'черновики удалены после сохранения',
    );
    await page.context().close();
  });
});
