import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe violations on the page as it stands. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null }[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

// Forecasts in the browser (issue 16 items 3, 5): the curator's journey from «Прогноз» to the at-risk
// list of their group with its reasons, and a student's «Как улучшить оценки» on a phone — steps, no
// probabilities.
const suite = demoBrowserSuite(200);

describe('forecasts', () => {
  it('the curator opens «Прогноз», their group, and reads who is at risk and why', async () => {
    const db = suite.s.db;
    const group = await db
      .selectFrom('groups as g')
      .innerJoin('users as u', 'u.person_id', 'g.curator_person_id')
      .select(['g.id', 'g.name'])
      .where('u.login', '=', 'curator')
      .executeTakeFirstOrThrow();
    const page = await loginAs(suite.browser, suite.s.url, 'curator');
    await page.getByRole('navigation').getByRole('link', { name: 'Прогноз' }).click();
    await page.getByRole('heading', { name: 'Прогноз успеваемости' }).waitFor();
    const groups = page.getByRole('table', { name: 'Группы' });
    await groups.getByRole('link', { name: group.name, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Прогноз: группа ${group.name}` }).waitFor();
    const risk = page.getByRole('table', { name: 'Зона риска' });
    await risk.waitFor();
    const rows = risk.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    // A reason in plain Russian and a step that would change the forecast.
    await expect.poll(async () => (await risk.innerText()).match(/средний балл|не сдан|пропусков|оценк/) !== null).toBe(true);
    await page.getByRole('table', { name: 'По дисциплинам' }).waitFor();
    await page.getByRole('table', { name: 'По обучающимся' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('a student on a phone sees what is needed for a better grade, without probabilities', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'student', 'demo', { width: 360, height: 740 });
    await page.goto(`${suite.s.url}/family`);
    await page.getByRole('button', { name: 'Как улучшить оценки' }).click();
    const advice = page.getByRole('region', { name: 'Что нужно для лучшей оценки' });
    await advice.waitFor();
    await advice
      .getByText(/Чтобы получить «|Так держать/)
      .first()
      .waitFor();
    const text = await advice.innerText();
    expect(text).not.toMatch(/%|вероятн/i);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
  });
});
