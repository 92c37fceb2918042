import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn, weekday } from '../../src/domain/dates.js';
import { shortNameIn } from '../../src/domain/name-cases.js';
import { shortName } from '../../src/domain/text.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 10, items 4–6 and 12: correct Russian, field errors in the form's words, page titles,
// and help that opens at the page's own section.
const suite = demoBrowserSuite();
let grid: { id: number; group: string; subject: string };

beforeAll(async () => {
  const teacher = await suite.s.db.selectFrom('users').select('person_id').where('login', '=', 'teacher').executeTakeFirstOrThrow();
  const today = todayIn(DEMO_TIME_ZONE);
  const a = await suite.s.db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['a.id', 'g.name as group', 'ci.name as subject'])
    .where('a.teacher_person_id', '=', teacher.person_id)
    .where('a.subgroup_id', 'is', null)
    .where('t.start_date', '<=', today)
    .where('t.end_date', '>=', today)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  grid = a;
});

describe('each page names itself and opens its help', () => {
  it('the tab names the page; «Справка» lands on the page’s section of the guide', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.waitForFunction(() => document.title === 'Главная — Электронный журнал');
    await page.goto(`${suite.s.url}/journal/grid/${grid.id}`);
    await page.getByRole('grid').waitFor();
    await page.waitForFunction((t) => document.title === t, `Журнал ${grid.group} · ${grid.subject} — Электронный журнал`);
    await page.getByRole('banner').getByRole('link', { name: 'Справка' }).click();
    await page.waitForURL(/\/help#teacher-grid$/);
    const heading = page.getByRole('heading', { name: 'Журнал группы' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'teacher-grid');
    const top = await heading.evaluate((el) => el.getBoundingClientRect().top);
    expect(top, `heading at ${top}px`).toBeGreaterThan(-2);
    expect(top).toBeLessThan((await page.evaluate(() => window.innerHeight)) / 2);
    expect(await page.title()).toBe('Справка — Электронный журнал');
    await page.context().close();
  });

  it('a parent on a 360-px phone reads the family section without sideways scrolling', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'parent');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${suite.s.url}/family`);
    await page.waitForFunction(() => document.title.startsWith('Дневник ребёнка — '));
    // On a phone the header folds its links into «Меню».
    await page.getByRole('banner').getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Справка' }).click();
    await page.waitForURL(/\/help#family$/);
    await page.getByRole('heading', { name: 'Обучающийся и родитель' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'family');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});

describe('the screens speak correct Russian', () => {
  it('a substituted teacher is named in the genitive after «вместо»', async () => {
    const today = todayIn(DEMO_TIME_ZONE);
    const tomorrow = weekday(addDays(today, 1)) === 7 ? addDays(today, 2) : addDays(today, 1);
    const subs = await suite.s.db
      .selectFrom('lessons as l')
      .innerJoin('persons as p', 'p.id', 'l.planned_teacher_person_id')
      .select(['p.last_name', 'p.first_name', 'p.middle_name', 'p.gender'])
      .where('l.date', '=', tomorrow)
      .whereRef('l.planned_teacher_person_id', '!=', 'l.teacher_person_id')
      .execute();
    expect(subs.length).toBeGreaterThan(0);
    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.goto(`${suite.s.url}/timetable/changes?date=${tomorrow}`);
    await page.waitForFunction(() => document.title.startsWith('Замены на '));
    for (const p of subs) {
      await page
        .getByText(`вместо ${shortNameIn(p, 'genitive')}`)
        .first()
        .waitFor();
      if (shortNameIn(p, 'genitive') !== shortName(p))
        expect(await page.getByText(`вместо ${shortName(p)}`, { exact: true }).count()).toBe(0);
    }
    await page.context().close();
  });

  it('a field error names the field as the form labels it and says what to do', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.goto(`${suite.s.url}/students/new`);
    await page.waitForFunction(() => document.title === 'Зачисление обучающегося — Электронный журнал');
    const form = page.getByRole('form', { name: 'Зачисление' });
    await form.getByLabel('Имя', { exact: true }).fill('Анна');
    await form.getByLabel('Отчество').fill('Сергеевна');
    await form.getByRole('button', { name: 'Зачислить' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent())!;
    expect(text).toContain('Фамилия: укажите фамилию.');
    expect(text).toContain('Группа: выберите значение из списка.');
    expect(text).not.toMatch(/lastName|groupId|Поле «/);
    // The same words next to the field, tied to it for screen readers.
    expect(await form.getByLabel('Фамилия').getAttribute('aria-invalid')).toBe('true');
    const describedBy = await form.getByLabel('Фамилия').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Укажите фамилию');
    await page.context().close();
  });
});

describe('percentages as Russian writes them', () => {
  it('«Вход в журнал» puts a space before the per cent sign', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.goto(`${suite.s.url}/usage`);
    const table = page.getByRole('table', { name: 'Вход в журнал по группам' });
    await table.getByRole('row').nth(1).waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/ из \d+ \(\d+ %\)/);
    expect(text).not.toMatch(/\d%/);
    await page.context().close();
  });
});
