import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildLesson } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const today = todayIn(DEMO_TIME_ZONE);
let lessonId: number;
let assignmentId: number;

beforeAll(async () => {
  const teacher = await suite.s.db
    .selectFrom('users')
    .select(['person_id', 'organization_id'])
    .where('login', '=', 'teacher')
    .executeTakeFirstOrThrow();
  const a = await suite.s.db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .select(['a.id'])
    .where('a.teacher_person_id', '=', teacher.person_id)
    .where('t.start_date', '<=', today)
    .where('t.end_date', '>=', today)
    .where('a.subgroup_id', 'is', null)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  assignmentId = a.id;
  await suite.s.db.deleteFrom('lessons').where('assignment_id', '=', a.id).where('date', '=', today).execute();
  lessonId = (
    await buildLesson(
      suite.s.db,
      { id: a.id, orgId: teacher.organization_id, teacherPersonId: teacher.person_id },
      { date: today, pairNo: 1 },
    )
  ).id;
});

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? '',
      text: el?.textContent?.trim() ?? '',
      href: el?.getAttribute('href') ?? '',
      inMain: !!el?.closest('main'),
      isMain: el?.tagName === 'MAIN',
    };
  });

/** Presses Tab until `done` holds for the focused element; returns how many presses it took. */
async function tabsUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40): Promise<number> {
  for (let n = 0; n <= max; n++) {
    if (done(await focused(page))) return n;
    await page.keyboard.press('Tab');
  }
  return Infinity;
}

describe('the grid is one click away (UX.md)', () => {
  it('from the teacher’s day and from a lesson', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    const day = page.getByRole('region', { name: 'Мои занятия сегодня' });
    await day.locator(`a[href="/journal/lessons/${lessonId}"]`).waitFor();
    await day.locator(`a[href="/journal/grid/${assignmentId}"]`).first().click();
    await page.getByRole('grid').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/journal/grid/${assignmentId}`);

    await page.goto(`${suite.s.url}/journal/lessons/${lessonId}`);
    await page.getByRole('link', { name: 'Журнал группы по дисциплине' }).click();
    await page.getByRole('grid').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/journal/grid/${assignmentId}`);
    await page.context().close();
  });

  it('the teacher’s day lists the term’s journals, each one click from home', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    const journals = page.getByRole('navigation', { name: 'Мои журналы' });
    await journals.getByRole('link').first().waitFor();
    const mine = await suite.s.db
      .selectFrom('assignments as a')
      .innerJoin('terms as t', 't.id', 'a.term_id')
      .innerJoin('users as u', 'u.person_id', 'a.teacher_person_id')
      .select('a.id')
      .where('u.login', '=', 'teacher')
      .where('t.start_date', '<=', today)
      .where('t.end_date', '>=', today)
      .execute();
    const hrefs = await journals.getByRole('link').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(hrefs.sort()).toEqual(mine.map((m) => `/journal/grid/${m.id}`).sort());
    await page.context().close();
  });
});

describe('the keyboard', () => {
  it('reaches today’s lesson from the login form without Tabs', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.locator(`a[href="/journal/lessons/${lessonId}"]`).waitFor();
    await page.waitForTimeout(200);
    const tabs = await tabsUntil(page, (f) => f.href === `/journal/lessons/${lessonId}`);
    expect(tabs).toBeLessThanOrEqual(1);
    await page.keyboard.press('Enter');
    await page.getByLabel(/Тема занятия/).waitFor();
    await page.context().close();
  });

  it('skips the menu with the first Tab of a page', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/timetable`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Перейти к содержанию' });
    expect((await focused(page)).text).toBe('Перейти к содержанию');
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.height > 10 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).isMain).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).inMain).toBe(true);
    await page.context().close();
  });

  it('a page opened from the menu puts the focus on its first useful control', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Журналы' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Журналы' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'journals-filter');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Главная' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.getAttribute('href') === `/journal/lessons/${id}`, lessonId);
    await page.context().close();
  });

  it('shows where the focus is on every control it reaches', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    for (const path of ['/', '/journals', `/journal/lessons/${lessonId}`, `/journal/grid/${assignmentId}`, '/timetable']) {
      await page.goto(`${suite.s.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const invisible: string[] = [];
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
          return {
            ring,
            what: `${s.outlineStyle} ${s.outlineWidth} ${el.tagName.toLowerCase()} «${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}»`,
          };
        });
        if (seen && !seen.ring) invisible.push(`${path}: ${seen.what}`);
      }
      expect(invisible).toEqual([]);
    }
    await page.context().close();
  });
});
