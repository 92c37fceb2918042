import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('the year-end archive', () => {
  it('the administrator reopens the demo’s closed year with a reason, closes it again, sees the archive made and downloads a file', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Структура' }).click();
    const years = page.getByRole('table', { name: 'Учебные годы' });
    const previous = years.getByRole('row', { name: /2025\/2026/ });
    await previous.getByRole('link', { name: 'закрыт, в архиве' }).waitFor();
    // The current year has not ended: it cannot be closed.
    expect(
      await years
        .getByRole('row', { name: /2026\/2027/ })
        .getByRole('button', { name: 'Закрыть год' })
        .count(),
    ).toBe(0);

    await previous.getByRole('button', { name: 'Открыть снова' }).click();
    const dialog = page.getByRole('dialog', { name: 'Открыть учебный год 2025/2026 снова' });
    // The reason is required: the form does not go without it.
    expect(await dialog.getByLabel('Причина').getAttribute('required')).not.toBeNull();
    await dialog.getByLabel('Причина').fill('Исправление оценки по приказу № 41');
    await dialog.getByRole('button', { name: 'Открыть снова' }).click();
    await previous.getByText('открыт').waitFor();

    await previous.getByRole('button', { name: 'Закрыть год' }).click();
    await page.getByRole('dialog', { name: 'Закрыть учебный год 2025/2026' }).getByRole('button', { name: 'Закрыть год' }).click();
    await previous.getByRole('link', { name: 'закрыт, в архиве' }).click();

    await page.getByRole('heading', { name: 'Архив учебных годов' }).waitFor();
    const status = page.getByText(/^Архив: /);
    await page.getByText('Архив: готов').waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toMatch(/^Архив: готов — (\d+) из \1 групп?/);
    const table = page.getByRole('table', { name: 'Файлы архива по группам' });
    const row = table.getByRole('row').nth(1);
    expect(await row.getByRole('link').allTextContents()).toEqual(['journal.xlsx', 'export.json', 'journal.pdf']);
    const sums = await row.locator('code').allTextContents();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'export.json' }).click()]);
    const bytes = readFileSync((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sums[1]);
    expect(JSON.parse(bytes.toString('utf8')).schema).toBe('ejournal.archive.group-year/1');
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать архив колледжа (zip)' }).click(),
    ]);
    expect(zip.suggestedFilename()).toBe('Архив 2025-2026.zip');

    const audit = await suite.s.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('action', 'like', 'archive.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'archive.year_reopened', reason: 'Исправление оценки по приказу № 41' },
      { action: 'archive.year_closed', reason: null },
    ]);
    await page.context().close();
  });
});
