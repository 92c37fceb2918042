import { describe, expect, it } from 'vitest';
import { trainGiaModels } from '../../src/server/forecast/gia.js';
import { demoBrowserSuite, loginAs, PHONE, sidewaysOverflow } from './browser.js';

// The ГИА forecast in the browser (issue 16 item 4, decision 044): the deputy goes from «Прогноз» to
// the graduating groups, opens one and reads each student's expected demo exam grade with its points
// band, the thesis grade, the reasons and what would change them.
const suite = demoBrowserSuite(200);

describe('ГИА forecasts', () => {
  it('the deputy opens a graduating group’s ГИА forecast', async () => {
    const db = suite.s.db;
    const org = await db.selectFrom('organizations').select('id').orderBy('id').executeTakeFirstOrThrow();
    await trainGiaModels(db, org.id, new Date().toISOString().slice(0, 10), { job: null, userId: null });
    const page = await loginAs(suite.browser, suite.s.url, 'deputy');
    await page.getByRole('navigation').getByRole('link', { name: 'Прогноз' }).click();
    await page.getByRole('link', { name: 'Прогноз ГИА выпускных групп' }).click();
    await page.getByRole('heading', { name: 'Прогноз ГИА' }).waitFor();
    const groups = page.getByRole('table', { name: 'Выпускные группы' });
    await groups.getByRole('link', { name: 'ПК-23', exact: true }).click();
    await page.getByRole('heading', { name: 'Прогноз ГИА: группа ПК-23' }).waitFor();
    await page.getByText(/Модели обучены на результатах выпускников/).waitFor();
    const table = page.getByRole('table', { name: 'Прогноз ГИА по обучающимся' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(5);
    const text = await table.innerText();
    // A grade, a points band by the cut-offs, a reason in plain Russian.
    expect(text).toMatch(/«[2-5]»/);
    expect(text).toMatch(/\d+(,\d+)?–\d+(,\d+)?/);
    expect(text).toMatch(/средний балл по|пропущено|практику|задолженност/);
    // On a phone the page fits the width, the group's list too: the tables scroll inside their own box.
    await page.setViewportSize(PHONE);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.goBack();
    await groups.waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
