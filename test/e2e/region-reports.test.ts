import { describe, expect, it } from 'vitest';
import { recomputeCollege } from '../../src/server/region/figures.js';
import { organizationsForJobs } from '../../src/server/control/scheduler-queries.js';
import { demoBrowserSuite, loginAs, PHONE, sidewaysOverflow } from './browser.js';

// Issue 15 item 3: the regional observer sees the region's key figures on the home page, opens
// «Отчёты региона» (each college beside the previous period, when the figures were computed) and
// drills into a college's figures by group and course.
const suite = demoBrowserSuite();

describe('the observer’s regional reports in the browser', () => {
  it('opens the regional report from the home page and drills into a college', async () => {
    for (const o of await organizationsForJobs(suite.s.db))
      await recomputeCollege(suite.s.db, { id: o.id, timeZone: o.time_zone }, { earlier: true });
    const p = await loginAs(suite.browser, suite.s.url, 'observer');
    // The role's card says what the observer sees: the reports, not only the colleges' counts.
    await p.getByText('Видит сводные показатели колледжей региона', { exact: false }).waitFor();
    const panel = p.getByRole('region', { name: 'Показатели региона' });
    await panel.getByRole('heading', { name: /^Показатели региона: \d-й семестр/ }).waitFor();
    await panel.getByText('Успеваемость').waitFor();
    await panel.getByText(/^Данные на \d\d\.\d\d\.\d{4}/).waitFor();
    await panel.getByRole('link', { name: 'Отчёты региона по колледжам →' }).click();

    await p.getByRole('heading', { name: /^Отчёты региона: /, level: 1 }).waitFor();
    const table = p.getByRole('table', { name: 'Показатели колледжей региона' });
    await table.getByRole('rowheader', { name: 'Всего по региону' }).waitFor();
    expect(await p.getByLabel('Период').locator('option').count()).toBeGreaterThan(1);
    await p.getByRole('link', { name: 'Скачать XLSX' }).waitFor();
    const college = table.getByRole('link').first();
    const name = (await college.textContent())!;
    await college.click();

    await p.getByRole('heading', { name, level: 1 }).waitFor();
    const groups = p.getByRole('table', { name: 'Показатели по группам' });
    await groups.getByRole('rowheader', { name: 'Всего по колледжу' }).waitFor();
    expect(await groups.getByRole('row').count()).toBeGreaterThan(2);
    // Before term grades are set nobody is «without debts» yet: a dash, as for the rates, not «0».
    const total = groups.getByRole('row').filter({ has: p.getByRole('rowheader', { name: 'Всего по колледжу' }) });
    const [passRate, noDebts] = [await total.getByRole('cell').nth(1).textContent(), await total.getByRole('cell').nth(4).textContent()];
    if (passRate!.startsWith('—')) expect(noDebts).toMatch(/^—/);
    await p.getByRole('table', { name: 'Показатели по курсам' }).waitFor();
    await p.getByText('Группы, где меньше 5 студентов, показаны только вместе с другими').waitFor();
    // On a phone the college's page and the region's fit the width: their tables scroll inside their own box.
    await p.setViewportSize(PHONE);
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
    await p.getByRole('link', { name: '← Отчёты региона' }).click();
    await p.getByRole('heading', { name: /^Отчёты региона: /, level: 1 }).waitFor();
    await table.getByRole('rowheader', { name: 'Всего по региону' }).waitFor();
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
    await p.context().close();
  });
});
