import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const PHONE = { width: 360, height: 740 };

describe('the family on a phone', () => {
  it('the header takes at most a tenth of a 360 × 740 screen, and the menu still opens', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', PHONE);
    for (const path of ['/', '/family', '/timetable']) {
      await page.goto(`${suite.s.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const header = (await page.locator('header').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(PHONE.height * 0.1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Дневник' }).click();
    await page.getByRole('heading', { name: 'Дневник ребёнка' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Разделы' }).isVisible()).toBe(false);
    await page.context().close();
  });

  it('the timetable opens on the child the diary shows', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', PHONE);
    await page.goto(`${suite.s.url}/family`);
    const switcher = page.getByRole('group', { name: 'Ребёнок' });
    await switcher.waitFor();
    const names = await switcher.getByRole('button').allTextContents();
    expect(names.length).toBe(2);
    // The diary opens on the first child; the timetable does too.
    const first = await page.locator('.family > p.muted').first().textContent();
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Расписание' }).click();
    await page.getByRole('heading', { name: new RegExp(`^Расписание: ${first!.split(' · ')[0]}`) }).waitFor();
    // Another child chosen in the diary: the timetable follows.
    await page.goto(`${suite.s.url}/family`);
    await switcher.getByRole('button').nth(1).click();
    const second = (await page.locator('.family > p.muted').first().textContent())!.split(' · ')[0];
    expect(second).not.toBe(first!.split(' · ')[0]);
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Расписание' }).click();
    await page.getByRole('heading', { name: new RegExp(`^Расписание: ${second}`) }).waitFor();
    await page.context().close();
  });
});
