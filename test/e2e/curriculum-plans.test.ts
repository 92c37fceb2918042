import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite(60, '2026-11-28');
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ejournal-ktp-'));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The КТП as a teacher keeps it in Excel: a title, a header, sections and lessons — 2 theory hours short. */
async function teacherWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('КТП');
  ws.addRow(['Календарно-тематический план']);
  ws.addRow(['ОП.02 Организация хранения и контроль запасов и сырья']);
  ws.addRow([]);
  ws.addRow(['№ п/п', 'Наименование разделов и тем', 'Кол-во часов', 'Вид занятия', 'Самостоятельная работа', 'Часы СР']);
  ws.addRow([null, 'Раздел 1. Товароведная характеристика сырья']);
  let n = 0;
  // The curriculum gives 30 theory, 18 practical and 4 self-study hours; the file has 28 theory.
  for (let i = 0; i < 14; i++)
    ws.addRow([
      ++n,
      `Тема ${i + 1}. Группы продовольственного сырья`,
      2,
      'Теория',
      i % 7 === 0 ? 'Конспект' : null,
      i % 7 === 0 ? 2 : null,
    ]);
  ws.addRow([null, 'Раздел 2. Приёмка и хранение']);
  for (let i = 0; i < 9; i++) ws.addRow([++n, `Практическое занятие № ${i + 1}. Приёмка сырья по качеству`, 2, 'ПЗ', null, null]);
  const file = join(dir, 'КТП ОП.02.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe('КТП: import, hours check, submission and approval', () => {
  it('a teacher imports a КТП from XLSX, sees the hours mismatch, fixes it and submits it; the chair approves it', async () => {
    const file = await teacherWorkbook();
    const teacher = await loginAs(suite.browser, suite.s.url, 'teacher');
    await teacher.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'КТП', exact: true }).click();
    await teacher.getByRole('heading', { name: 'Мои дисциплины в этом учебном году' }).waitFor();
    await teacher
      .getByRole('button', { name: /Составить КТП: ОП\.02/ })
      .first()
      .click();
    await teacher.getByRole('heading', { name: /КТП: ОП\.02 Организация хранения/ }).waitFor();

    await teacher.getByLabel('Загрузить КТП из файла XLSX').setInputFiles(file);
    await teacher.getByText('Загружено занятий из файла: 23.').waitFor();
    await teacher.getByText('Часы КТП не совпадают с учебным планом.').waitFor();
    expect(await teacher.getByText('Теоретическое обучение: в КТП 28 ч, по учебному плану 30 ч (не хватает 2 ч)').count()).toBe(1);
    expect(await teacher.getByRole('button', { name: 'Отправить на согласование' }).isDisabled()).toBe(true);

    // The fix: one more lesson — a test at the end of section 1.
    await teacher.getByRole('button', { name: 'Добавить занятие' }).click();
    await teacher.getByLabel('Тема занятия 24').fill('Контрольная работа № 1 по разделу «Товароведная характеристика сырья»');
    await teacher.getByLabel('Вид занятия 24').selectOption({ label: 'контрольная работа' });
    await teacher.getByText('Часы КТП совпадают с учебным планом по всем видам занятий.').waitFor();
    await teacher.getByRole('button', { name: 'Сохранить' }).first().click();
    await teacher.getByText(/КТП сохранён: 24 занятия, 48 ч\. Часы совпадают с учебным планом\./).waitFor();
    await teacher.getByRole('button', { name: 'Отправить на согласование' }).click();
    await teacher.getByText('КТП отправлен на согласование председателю ПЦК.').waitFor();
    expect(await teacher.getByText('На согласовании', { exact: true }).count()).toBeGreaterThan(0);
    await teacher.context().close();

    const chair = await loginAs(suite.browser, suite.s.url, 'chair');
    await chair.getByText(/Ожидают вашего согласования: \d+/).waitFor();
    await chair.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'КТП', exact: true }).click();
    await chair.getByRole('heading', { name: 'На согласовании' }).waitFor();
    await chair.getByRole('link', { name: /ОП\.02 Организация хранения и контроль запасов и сырья/ }).click();
    await chair.getByText('Часы КТП совпадают с учебным планом по всем видам занятий.').waitFor();
    // Remarks begun when the session ends are there after signing in again.
    await chair.getByLabel('Замечания преподавателю').fill('Добавьте экскурсию на склад');
    await chair.context().clearCookies();
    await chair.getByRole('button', { name: 'Утвердить' }).click();
    await chair.getByLabel('Логин').fill('chair');
    await chair.getByLabel('Пароль').fill('demo');
    await chair.getByRole('button', { name: 'Войти' }).click();
    await chair.getByText('Введённое сохранилось', { exact: false }).waitFor();
    expect(await chair.getByLabel('Замечания преподавателю').inputValue()).toBe('Добавьте экскурсию на склад');
    await chair.getByLabel('Замечания преподавателю').fill('');
    await chair.getByRole('button', { name: 'Утвердить' }).click();
    await chair.getByText('КТП утверждён. Преподаватели групп видят его в журнале.').waitFor();
    expect(await chair.getByText('Утверждён', { exact: true }).count()).toBeGreaterThan(0);
    await chair.context().close();
  });
});

describe('curriculum entry', () => {
  it('the methodist creates a curriculum for a new intake and loads it from XLSX after a check', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Учебный план');
    ws.addRow([
      'Индекс',
      'Наименование',
      'ПЦК',
      'Семестр',
      'Теоретическое обучение',
      'Практические занятия',
      'Лабораторные работы',
      'Курсовой проект (работа)',
      'Практика',
      'Самостоятельная работа',
      'Консультации',
      'Промежуточная аттестация',
      'Форма аттестации',
    ]);
    ws.addRow([
      'ПМ.01',
      'Приготовление и подготовка к реализации полуфабрикатов',
      'ПЦК поварского и кондитерского дела',
      4,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'Эк',
    ]);
    ws.addRow([
      'МДК.01.01',
      'Организация приготовления полуфабрикатов',
      'ПЦК поварского и кондитерского дела',
      3,
      30,
      20,
      null,
      null,
      null,
      4,
      null,
      null,
      'ДЗ',
    ]);
    const file = join(dir, 'Учебный план 2027.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебные планы' }).click();
    await page.getByLabel('Специальность (профессия)').selectOption({ label: '43.02.15 Поварское и кондитерское дело' });
    await page.getByLabel('Год набора').fill('2027');
    await page.getByRole('button', { name: 'Создать учебный план' }).click();
    await page.getByRole('heading', { name: '43.02.15 Поварское и кондитерское дело, набор 2027 года' }).waitFor();
    await page.getByText('В плане ещё нет дисциплин.').waitFor();
    await page.getByText('Загрузить дисциплины из XLSX').click();
    await page.getByLabel('Файл учебного плана (XLSX').setInputFiles(file);
    await page.getByText('Проверка пройдена: будет добавлено 2.').waitFor();
    await page.getByRole('button', { name: 'Загрузить в учебный план' }).click();
    await page.getByText('Загружено из «Учебный план 2027.xlsx»: добавлено 2.').waitFor();
    await page.getByRole('cell', { name: 'МДК.01.01', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: /Организация приготовления полуфабрикатов/ }).count()).toBe(1);
    await page.context().close();
  });
});

describe('КТП over an ended session', () => {
  it('lessons typed but not saved come back after signing in again, and are saved', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/plans`);
    await page
      .getByRole('row', { name: /ПК-25 ОП\.01/ })
      .getByRole('link', { name: 'Открыть КТП' })
      .click();
    await page.getByRole('heading', { name: /КТП: ОП\.01/ }).waitFor();
    const planPath = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Внести изменения' }).click();
    await page.getByText('КТП снова черновик').waitFor();
    await page.getByLabel('Тема занятия 1', { exact: true }).fill('Микроорганизмы: обзор (исправлено)');
    // Following a link away asks first: the lessons are saved only by «Сохранить».
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await page.getByRole('link', { name: '← Все КТП' }).click();
    expect(await asked).toBe('Изменения на этой странице не сохранены и пропадут, если уйти с неё. Всё равно уйти?');
    expect(new URL(page.url()).pathname).toBe(planPath);
    // The session ends under the typed work: the next request finds it gone.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Сохранить' }).first().click();
    await page.getByLabel('Логин').fill('teacher');
    await page.getByLabel('Пароль').fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Введённое сохранилось — проверьте и отправьте ещё раз.', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe(planPath);
    expect(await page.getByLabel('Тема занятия 1', { exact: true }).inputValue()).toBe('Микроорганизмы: обзор (исправлено)');
    await page.getByRole('button', { name: 'Сохранить' }).first().click();
    await page.getByText(/КТП сохранён: /).waitFor();
    const id = Number(planPath.split('/').pop());
    const first = await suite.s.db
      .selectFrom('lesson_plan_items')
      .select('topic')
      .where('lesson_plan_id', '=', id)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    expect(first.topic).toBe('Микроорганизмы: обзор (исправлено)');
    await page.context().close();
  });
});

describe('fulfilment of the load', () => {
  it('writes the hours of the whole college with their thousands apart, on the load page and the home page', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.goto(`${suite.s.url}/load?tab=fulfilment`);
    const totals = page.getByText('Всего:').locator('..');
    await totals.waitFor();
    expect(await totals.textContent()).toMatch(/нагрузка на семестр \d{1,3}\s\d{3} ч\./);
    await page.goto(suite.s.url);
    const panel = page.getByRole('region', { name: 'Выполнение нагрузки' });
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(/По расписанию \d{1,3}\s\d{3} ч/);
    await page.context().close();
  });
});

describe('a curriculum item over an ended session', () => {
  it('the hours typed into an item come back in its open form after signing in again', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебные планы' }).click();
    await page.getByRole('link', { name: '43.02.15 Поварское и кондитерское дело, набор 2026 года' }).click();
    // The plan's grand total has its thousands apart, like the totals by cycle under it.
    const total = page.getByRole('row', { name: /^Всего аудиторных часов/ });
    await total.waitFor();
    expect(await total.textContent()).toMatch(/\d\s\d{3}$/);
    await page.getByRole('button', { name: 'Изменить ОП.01', exact: true }).click();
    const form = page.getByRole('form', { name: 'Изменить ОП.01' });
    await form.getByLabel('Теоретическое обучение, 5-й семестр').fill('14');
    await form.getByLabel('Наименование').fill('Основы микробиологии (уточнено)');
    await page.context().clearCookies();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByLabel('Логин').fill('methodist');
    await page.getByLabel('Пароль').fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    const again = page.getByRole('form', { name: 'Изменить ОП.01' });
    await again.getByText('Введённое сохранилось', { exact: false }).waitFor();
    expect(await again.getByLabel('Теоретическое обучение, 5-й семестр').inputValue()).toBe('14');
    expect(await again.getByLabel('Наименование').inputValue()).toBe('Основы микробиологии (уточнено)');
    await again.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Изменено: ОП.01 Основы микробиологии (уточнено).').waitFor();
    await page.context().close();
  });
});

describe('a curriculum loaded from «Планы»', () => {
  it('gives the day of the upload in the college’s time zone', async () => {
    // 20:00 UTC on 28.11 is already 06:00 on 29.11 in Vladivostok, where the demo college is.
    const c = await suite.s.db
      .selectFrom('curricula as c')
      .innerJoin('programs as p', 'p.id', 'c.program_id')
      .select('c.id')
      .where('p.code', '=', '43.02.14')
      .where('c.intake_year', '=', 2026)
      .executeTakeFirstOrThrow();
    await suite.s.db
      .updateTable('curricula')
      .set({ source_file: '43.02.14_2026.plx', imported_at: '2026-11-28T20:00:00.000Z' })
      .where('id', '=', c.id)
      .execute();
    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.goto(`${suite.s.url}/curriculum/${c.id}`);
    await page.getByText('Загружен из «Планов»: файл «43.02.14_2026.plx», 29.11.2026').waitFor();
    await page.context().close();
  });
});
