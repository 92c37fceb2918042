import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('credentials (п. 3.1)', () => {
  it('a curator issues credentials to the group and prints the slips', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'curator');
    await page.getByRole('link', { name: 'Открыть группу' }).first().click();
    await page.getByRole('heading', { name: /^Группа [^:]+$/ }).waitFor();
    const section = page.getByRole('region', { name: 'Доступ к журналу' });
    const button = section.getByRole('button', { name: /Выдать доступ: \d+ чел\. без логина/ });
    const without = Number(/(\d+) чел/.exec((await button.textContent())!)![1]);
    await button.click();
    const issued = page.getByRole('table').filter({ hasText: 'Временный пароль' });
    await issued.waitFor();
    const rows = await issued.locator('tbody tr').count();
    expect(rows).toBe(without);
    expect(rows).toBeGreaterThan(1);
    const login = await issued.locator('tbody tr').first().locator('code').first().textContent();
    expect(login).toMatch(/^[a-z]+\.[a-z]+\d*$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать листки для печати (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Доступ к журналу .+\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    // Everyone now has a login; the list says so.
    await section.getByRole('button', { name: 'Доступ выдан всем' }).waitFor();
    await page.context().close();
  });
});
