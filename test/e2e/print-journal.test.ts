import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 13 items 1–3: the curator downloads their group's journal as a PDF from the group page;
// the teacher downloads their subject's part from the grid, whose Ctrl+P copy is laid out for paper.
const suite = demoBrowserSuite();

const pdfText = (file: string) => execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('the printed journal in the browser', () => {
  it('the curator downloads the group’s journal for a term on A3 from the group page', async () => {
    const db = suite.s.db;
    const curator = await db.selectFrom('users').select(['person_id']).where('login', '=', 'curator').executeTakeFirstOrThrow();
    const group = await db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('curator_person_id', '=', curator.person_id)
      .executeTakeFirstOrThrow();
    const page = await loginAs(suite.browser, suite.s.url, 'curator');
    await page.goto(`${suite.s.url}/groups/${group.id}`);
    await page.getByRole('heading', { name: `Группа ${group.name}` }).waitFor();
    await page.getByText('Печать журнала', { exact: true }).click();
    await page.getByLabel('Семестр').selectOption({ index: 1 });
    await page.getByLabel('Формат листа').selectOption('A3');
    const link = page.getByRole('link', { name: 'Скачать журнал (PDF)' });
    expect(await link.getAttribute('href')).toMatch(/paper=A3/);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^Журнал ${group.name} 1 семестр .+\\.pdf$`));
    const file = (await download.path())!;
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const title = pdfText(file);
    expect(title).toContain('ЖУРНАЛ');
    expect(title).toContain(`группы ${group.name}`);
    await page.context().close();
  }, 120_000);

  it('the teacher downloads their subject’s part from the grid; Ctrl+P prints the paper copy', async () => {
    const db = suite.s.db;
    const teacher = await db.selectFrom('users').select(['person_id']).where('login', '=', 'teacher').executeTakeFirstOrThrow();
    const a = await db
      .selectFrom('assignments as a')
      .innerJoin('lessons as l', 'l.assignment_id', 'a.id')
      .select(['a.id'])
      .where('a.teacher_person_id', '=', teacher.person_id)
      .groupBy('a.id')
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/grid/${a.id}`);
    await page.locator('table.journal').waitFor();
    await page.getByText('Печать журнала', { exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('link', { name: 'Скачать журнал по дисциплине (PDF)' }).click(),
    ]);
    const file = (await download.path())!;
    expect(pdfText(file)).toContain('учебных занятий (часть преподавателя)');
    // On paper the interactive grid gives way to the printed copy: every lesson column is there once.
    expect(await page.locator('.grid-print').count()).toBe(0); // built only for printing
    await page.emulateMedia({ media: 'print' });
    await page.locator('.grid-print').waitFor({ state: 'attached' });
    expect(await page.locator('table.journal').isVisible()).toBe(false);
    const heads = await page.locator('.grid-print thead th').allTextContents();
    const lessons = await db
      .selectFrom('lessons')
      .select('id')
      .where('assignment_id', '=', a.id)
      .where('status', '!=', 'cancelled')
      .execute();
    expect(heads.filter((h) => /^\d\d\.\d\d$/.test(h))).toHaveLength(lessons.length);
    expect(heads).toContain('Пропуски, ч');
    // Printed (Chromium's own print to PDF): landscape sheets, every student's row on every sheet of the grid.
    const printed = join(dirname(file), 'grid-print.pdf');
    writeFileSync(printed, await page.pdf({ preferCSSPageSize: true }));
    const sheets = execFileSync('pdftotext', ['-layout', printed, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
    expect(w).toBeGreaterThan(h);
    const grid = sheets.filter((t) => t.includes('Обучающийся'));
    expect(grid.length).toBe(Math.ceil(lessons.length / 24));
    const names = await page.locator('.grid-print table:first-of-type tbody td.name').allTextContents();
    for (const t of grid) for (const n of names) expect(t).toContain(n);
    await page.context().close();
  }, 120_000);

  it('the methodist prints the journals of all groups: the progress finishes, one group’s PDF downloads', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.goto(`${suite.s.url}/groups`);
    await page.getByRole('heading', { name: 'Учебные группы' }).waitFor();
    await page.getByText('Печать журналов всех групп', { exact: true }).click();
    await page.getByRole('button', { name: 'Напечатать журналы всех групп' }).click();
    await page.getByText(/учебный год, A4: печатаются|учебный год, A4: в очереди/).waitFor();
    await page.getByText(/учебный год, A4: готовы/).waitFor({ timeout: 240_000 });
    expect(await page.getByRole('link', { name: 'Скачать журналы всех групп (zip)' }).getAttribute('href')).toMatch(/journals\.zip$/);
    const first = page.getByRole('link', { name: /^Журнал .+ \(PDF\)$/ }).first();
    const group = /^Журнал (.+) \(PDF\)$/.exec((await first.textContent())!)![1];
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), first.click()]);
    const file = (await download.path())!;
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(file)).toContain(`группы ${group}`);
    await page.context().close();
  }, 300_000);
});
