import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('the college structure', () => {
  it('an administrator adds a department, names its head, and is told what a commission lacks', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Структура' }).click();
    await page.getByRole('heading', { name: 'Структура колледжа' }).waitFor();
    const years = page.getByRole('table', { name: 'Учебные годы' });
    expect(await years.getByRole('columnheader').allTextContents()).toEqual(['Год', 'Сроки', 'Семестры', 'Состояние']);

    const departments = page.getByRole('region', { name: 'Отделения' });
    await departments.getByRole('button', { name: 'Добавить отделение' }).click();
    const form = departments.getByRole('form', { name: 'Отделение' });
    await form.getByLabel('Название отделения').fill('Заочное отделение');
    const head = form.getByLabel('Заведующий');
    await head.locator('option').nth(1).waitFor({ state: 'attached' });
    const headName = (await head.locator('option').nth(1).textContent())!;
    await head.selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await departments.getByText(`Заочное отделение · заведующий: ${headName}`).waitFor();
    expect(await departments.getByRole('form').count()).toBe(0);

    const commissions = page.getByRole('region', { name: 'Предметно-цикловые комиссии' });
    await commissions.getByRole('button', { name: 'Добавить ПЦК' }).click();
    const pck = commissions.getByRole('form', { name: 'ПЦК' });
    await pck.getByRole('button', { name: 'Сохранить' }).click();
    const name = pck.getByLabel('Название ПЦК');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });

  it('the groups list is a table with a header for each column, and a group opens its form', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Группы' }).click();
    const table = page.getByRole('table', { name: 'Учебные группы' });
    await table.waitFor();
    const headers = ['Группа', 'Курс', 'Специальность', 'Куратор', 'Обучающихся', 'Подгруппы', 'Действия'];
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(headers);
    const first = table.getByRole('row').nth(1);
    const group = (await first.getByRole('link').first().textContent())!;
    await first.getByRole('button', { name: 'Изменить' }).click();
    const form = page.getByRole('form', { name: `Группа ${group}` });
    expect(await form.getByLabel('Название', { exact: true }).inputValue()).toBe(group);
    await page.context().close();
  });
});
