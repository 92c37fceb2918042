import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../src/contracts/activity.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('monthly activity report (п. 6.1, 3.7)', () => {
  it('the administrator sees last month on the home page, opens the report, picks a month and downloads XLSX', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    const r = (await (await page.request.get(`${suite.s.url}/api/v1/activity?month=2026-10`)).json()) as ActivityReport;
    expect(r.summary.lessons.lessons).toBeGreaterThan(0);
    const l = r.summary.lessons;

    const panel = page.getByRole('region', { name: 'Активность пользователей' });
    await panel.getByRole('heading', { name: 'Активность пользователей: октябрь 2026' }).waitFor();
    expect(await panel.textContent()).toContain(`Занятий записано в день занятия: ${l.onTime} из ${l.lessons}, не записано: ${l.missing}.`);
    await panel.getByRole('link', { name: 'Отчёт об активности' }).click();

    await page.getByRole('heading', { name: 'Активность пользователей', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'октябрь 2026' }).waitFor();
    const teachers = page.getByRole('table').filter({ hasText: 'В день занятия' });
    expect(await teachers.locator('tbody tr').count()).toBe(r.teachers.length);
    const first = r.teachers[0];
    expect(await teachers.locator('tbody tr').first().textContent()).toContain(first.fullName);

    // This month so far: the administrator's own login counts.
    await page.getByLabel('Месяц').fill('2026-11');
    await page.getByRole('heading', { name: /^ноябрь 2026/ }).waitFor();
    const roles = page.getByRole('table').filter({ hasText: 'Входов' });
    await roles.getByRole('row').filter({ hasText: 'Администратор журнала' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe('Активность пользователей 2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.getWorksheet('Преподаватели')!.rowCount).toBeGreaterThan(1);
    await page.context().close();
  });
});
