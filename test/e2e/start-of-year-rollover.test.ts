import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/domain/dates.js';
import { STUDENT_COLUMNS } from '../../src/server/people/import.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('start of the year: dry run and rollover', () => {
  it('the dry run names the optional columns the file lacks', async () => {
    const group = await suite.s.db.selectFrom('groups').select('name').orderBy('id').executeTakeFirstOrThrow();
    const columns = STUDENT_COLUMNS.filter((c) => c !== 'Номер приказа');
    const file = Buffer.from(
      `\uFEFF${columns.join(';')}\r\n${columns.map((c) => ({ Фамилия: 'Рябцева', Имя: 'Лидия', Группа: group.name })[c as string] ?? '').join(';')}\r\n`,
    );
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.goto(`${suite.s.url}/start-of-year`);
    await page.getByRole('heading', { name: 'Начало учебного года' }).waitFor();
    await page.getByLabel(/^Файл \(XLSX или CSV/).setInputFiles({ name: 'список.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    await page.getByText('В файле нет необязательного столбца «Номер приказа»').waitFor();
    await page.context().close();
  });

  it('an early rollover needs a date and a confirmation, and can be undone', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.goto(`${suite.s.url}/start-of-year`);
    await page.getByRole('button', { name: 'Показать, что будет сделано' }).click();
    await page.getByText('Учебный год ещё идёт').waitFor();
    expect(await page.getByRole('button', { name: /Выполнить переход/ }).count()).toBe(0);
    const org = await suite.s.db.selectFrom('organizations').select('time_zone').orderBy('id').executeTakeFirstOrThrow();
    const today = todayIn(org.time_zone);
    await page.getByLabel('Дата вступления в силу').fill(today);
    await page.getByLabel(/Подтверждаю переход до окончания учебного года/).check();
    await page.getByLabel('Номер приказа о переводе и выпуске').fill('101-к');
    await page.getByRole('button', { name: /Выполнить переход с/ }).click();
    await page.getByText(/выполнен с/).waitFor();
    await page.getByLabel('Почему переход отменяется').fill('Приказ издан преждевременно');
    await page.getByRole('button', { name: 'Отменить переход' }).click();
    await page.getByText(/отменён: курсы групп возвращены/).waitFor();
    const open = await suite.s.db.selectFrom('year_rollovers').select('status').execute();
    expect(open.map((r) => r.status)).toEqual(['undone']);
    await page.context().close();
  });
});
