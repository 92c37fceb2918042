import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 16 item 1: the deputy director enters a demo exam result for a graduating group — the grade
// shows as the points are typed, Enter saves — and a reviewer's grade of a thesis (decision 050), and
// downloads the group's protocol.
const suite = demoBrowserSuite();

describe('ГИА in the browser', () => {
  it('the deputy enters a demo exam result by keyboard and downloads the protocol', async () => {
    const db = suite.s.db;
    const group = await db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('course', '=', 4)
      .where('status', '=', 'active')
      .orderBy('sort_key')
      .executeTakeFirstOrThrow();
    const p = await loginAs(suite.browser, suite.s.url, 'deputy');
    await p.setViewportSize({ width: 360, height: 800 });
    await p.goto(`${suite.s.url}/gia`);
    await p.getByRole('heading', { name: 'Государственная итоговая аттестация' }).waitFor();
    await p.getByRole('link', { name: group.name, exact: true }).click();
    await p.getByRole('heading', { name: new RegExp(`ГИА: группа ${group.name}`) }).waitFor();
    const first = p.getByRole('table', { name: 'Демонстрационный экзамен' }).locator('tbody tr').first();
    const who = (await first.locator('td').first().innerText()).trim();
    await p.getByLabel(`Дата ДЭ: ${who}`).fill('2027-06-10');
    await p.getByLabel(`Компетенция: ${who}`).fill('Поварское и кондитерское дело');
    const points = p.getByLabel(`Баллы ДЭ: ${who}`);
    await points.fill('69,5');
    await expect.poll(() => p.getByLabel(`Оценка ДЭ: ${who}`).innerText()).toBe('4');
    await points.fill('70');
    await expect.poll(() => p.getByLabel(`Оценка ДЭ: ${who}`).innerText()).toBe('5');
    await points.press('Enter');
    await p
      .getByRole('status', { name: `Состояние: ${who}` })
      .getByText('Сохранено')
      .waitFor();
    const saved = await db.selectFrom('gia_demo_exams').select(['points_x100', 'grade']).where('group_id', '=', group.id).execute();
    expect(saved).toEqual([{ points_x100: 7000, grade: '5' }]);

    // The thesis row is the same editor: the reviewer's grade chosen and saved, kept with the record.
    await p.getByRole('button', { name: 'ВКР', exact: true }).click();
    await p.getByLabel(`Рецензия: ${who}`).selectOption('4');
    await p.getByRole('button', { name: `Сохранить ВКР: ${who}` }).click();
    await p
      .getByRole('status', { name: `Состояние: ${who}` })
      .getByText('Сохранено')
      .waitFor();
    const thesis = await db
      .selectFrom('gia_theses')
      .select(['reviewer_grade', 'supervisor_grade', 'version'])
      .where('group_id', '=', group.id)
      .where('reviewer_grade', 'is not', null)
      .execute();
    expect(thesis).toEqual([{ reviewer_grade: '4', supervisor_grade: null, version: 2 }]);

    const download = p.waitForEvent('download');
    await p.getByRole('link', { name: 'Протокол (PDF)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Протокол ГИА .+\.pdf$/);
    const xlsx = p.waitForEvent('download');
    await p.getByRole('link', { name: 'Протокол (XLSX)' }).click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
    await p.context().close();
  });
});
