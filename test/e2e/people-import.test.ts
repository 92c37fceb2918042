import { describe, expect, it } from 'vitest';
import { STUDENT_COLUMNS } from '../../src/server/people/import.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

const csv = (rows: Record<string, string>[]) =>
  Buffer.from(
    `\uFEFF${[STUDENT_COLUMNS.join(';'), ...rows.map((r) => STUDENT_COLUMNS.map((c) => r[c] ?? '').join(';'))].join('\r\n')}\r\n`,
  );

describe('start of the year: import', () => {
  it('an administrator imports a file with errors, fixes it and imports it', async () => {
    const group = await suite.s.db.selectFrom('groups').select('name').orderBy('id').executeTakeFirstOrThrow();
    const rows: Record<string, string>[] = [
      {
        Фамилия: 'Заборская',
        Имя: 'Вероника',
        Отчество: 'Андреевна',
        'Дата рождения': '12.04.2010',
        Группа: group.name,
        'Родитель 1: ФИО': 'Заборская Инна Львовна',
        'Родитель 1: кем приходится': 'мать',
        'Родитель 1: телефон': '89140001122',
      },
      { Фамилия: 'Щеглов', Имя: 'Тимур', 'Дата рождения': '32.01.2010', Группа: 'ЯЯ-99' },
    ];
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Начало года' }).click();
    await page.getByRole('heading', { name: 'Начало учебного года' }).waitFor();
    await page.getByLabel(/^Файл \(XLSX или CSV/).setInputFiles({ name: 'список.csv', mimeType: 'text/csv', buffer: csv(rows) });
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    const errors = page.getByRole('table', { name: 'Ошибки' });
    await errors.waitFor();
    const text = await errors.textContent();
    expect(text).toContain('Дата рождения');
    expect(text).toContain('ЯЯ-99');
    expect(await page.getByRole('button', { name: 'Загрузить в журнал' }).isDisabled()).toBe(true);

    rows[1] = { ...rows[1], 'Дата рождения': '31.01.2010', Группа: group.name };
    await page.getByLabel(/^Файл \(XLSX или CSV/).setInputFiles({ name: 'список.csv', mimeType: 'text/csv', buffer: csv(rows) });
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    await page.getByText('Ошибок нет. Будет: новых 2').waitFor();
    await page.getByRole('button', { name: 'Загрузить в журнал' }).click();
    await page.getByText(/Загружено за .*новых 2/).waitFor();
    await page.getByRole('link', { name: 'Открыть список' }).click();
    await page.getByLabel('Поиск: фамилия, имя или № зачётной книжки').fill('щеглов');
    await page.getByRole('link', { name: 'Щеглов Тимур' }).waitFor();
    await page.getByRole('link', { name: 'Щеглов Тимур' }).click();
    await page.getByRole('heading', { name: 'Щеглов Тимур' }).waitFor();
    expect(await page.getByText(`группа ${group.name}`).count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
