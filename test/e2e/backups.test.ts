import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOrganization } from '../factories.js';
import { demoBrowserSuite, loginAs, sidewaysOverflow } from './browser.js';

// Backups (п. 3.3, decision 037): the administrator sees their state on the home page, is alerted
// when there is none, makes one and sees it made.
const dir = mkdtempSync(join(tmpdir(), 'ejournal-e2e-backup-'));
process.env.BACKUP_DIR = join(dir, 'local');
process.env.BACKUP_MIRROR_DIR = join(dir, 'second-disk');
const suite = demoBrowserSuite();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backups', () => {
  it('the administrator sees the backups panel with its alert, makes a copy and sees it on the page (360 px)', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'admin', 'demo', { width: 360, height: 800 });
    await suite.s.db.updateTable('organizations').set({ created_at: '2026-01-01T00:00:00.000Z' }).execute();
    await page.reload();
    const panel = page.getByRole('region', { name: 'Резервные копии' });
    await panel.getByText('Удачных резервных копий ещё нет.').waitFor();
    await panel.getByRole('link', { name: 'Все копии и места хранения →' }).click();
    await page.getByRole('heading', { name: 'Резервные копии', level: 1 }).waitFor();
    expect(await page.getByText(/Версия программы: \d+\.\d+\.\d+/).count()).toBe(1);
    const make = page.getByRole('button', { name: 'Сделать копию сейчас' });
    await make.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('cell', { name: /готова/ })
      .first()
      .waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.getByText('папка: записана').count()).toBe(1);
    expect(await page.getByText('второй диск: записана').count()).toBe(1);
    await page.goto(`${suite.s.url}/`);
    await page
      .getByRole('region', { name: 'Резервные копии' })
      .getByText(/— готова/)
      .waitFor();
    expect(await page.getByText('Удачных резервных копий ещё нет.').count()).toBe(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('on a region of two colleges, the regional administrator keeps them; the college administrator no longer sees them (decision 042)', async () => {
    await buildOrganization(suite.s.db, { name: 'Второй колледж региона' });
    const region = await loginAs(suite.browser, suite.s.url, 'region', 'demo');
    await region
      .getByRole('region', { name: 'Резервные копии' })
      .getByText(/— готова/)
      .waitFor();
    await region.getByRole('link', { name: 'Резервные копии' }).first().click();
    await region.getByRole('button', { name: 'Сделать копию сейчас' }).waitFor();
    await region.context().close();
    const admin = await loginAs(suite.browser, suite.s.url, 'admin', 'demo');
    await admin.getByRole('heading', { name: 'Ваши роли' }).waitFor();
    expect(await admin.getByRole('region', { name: 'Резервные копии' }).count()).toBe(0);
    expect(await admin.getByRole('link', { name: 'Резервные копии' }).count()).toBe(0);
    await admin.context().close();
  });
});
