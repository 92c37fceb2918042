import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPlxSource } from '../../src/server/curriculum/plx-demo.js';
import { writePlx } from '../../src/server/curriculum/plx-write.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite(60, '2026-11-28');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical accessibility violations axe finds on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the debugging protocol: the app's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document);
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => String(n.target[0]))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
}

describe('curricula from «Планы»', () => {
  it('the methodologist imports a .plx of a plan in use, reads the dry run, confirms, and sees the semester totals match the file', async () => {
    // The demo's first-course plan as «Планы» would save it, with two more theory hours in МДК.01.01.
    const src = demoPlxSource('43.02.15', 2026);
    const mdk = src.items.find((i) => i.code === 'МДК.01.01')!;
    mdk.terms[0].hours.theory = (mdk.terms[0].hours.theory ?? 0) + 2;
    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Учебные планы' }).click();
    await page.getByRole('link', { name: 'Загрузить из «Планов» (.plx)' }).click();
    await page.getByRole('heading', { name: 'Загрузка учебного плана из «Планов»' }).waitFor();
    expect(await page.getByText('не больше 8 МБ').count()).toBeGreaterThan(0);

    await page.getByLabel('Специальность (профессия)').selectOption({ label: '43.02.15 Поварское и кондитерское дело' });
    await page
      .getByLabel(/Файл учебного плана/)
      .setInputFiles({ name: '43.02.15_2026.plx', mimeType: 'application/octet-stream', buffer: writePlx(src) });
    const result = page.getByRole('region', { name: 'Результат проверки' });
    await result.waitFor();
    expect(await result.getByText('уже есть: изменений — 1').count()).toBe(1);
    const changes = await page.getByRole('table', { name: 'Изменения' }).textContent();
    expect(changes).toContain('МДК.01.01');
    expect(changes).toContain('теор. 30 → 32');
    expect(await seriousViolations(page)).toEqual([]);
    // The plan has load and lessons: applying needs the confirmation.
    const apply = page.getByRole('button', { name: 'Обновить учебный план' });
    expect(await apply.isDisabled()).toBe(true);
    await page.getByLabel(/Подтверждаю изменения плана/).check();
    await apply.click();

    await page.getByRole('heading', { name: /43\.02\.15 Поварское и кондитерское дело, набор 2026 года/ }).waitFor();
    await page.getByText(/Учебный план 43\.02\.15 набора 2026 года обновлён из «43\.02\.15_2026\.plx»/).waitFor();
    await page.getByText('Часы по циклам и семестрам совпадают с графой «Итого» файла «Планов».').waitFor();
    // The «Итого» row: the journal's hours equal the file's in every semester.
    const total = page.getByRole('table', { name: 'Итоги по циклам и семестрам' }).getByRole('row').filter({ hasText: 'Итого' });
    const cells = (await total.getByRole('cell').allTextContents()).map((t) => t.trim());
    expect(cells.length).toBeGreaterThanOrEqual(16);
    for (let i = 0; i < cells.length; i += 2) expect(cells[i], `cell ${i}`).toBe(cells[i + 1]);
    await page.getByRole('table', { name: 'График учебного процесса' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The same file again: the plan is said to match it, not to be updated.
    await page.goto(`${suite.s.url}/curriculum/import-plx`);
    await page.getByLabel('Специальность (профессия)').selectOption({ label: '43.02.15 Поварское и кондитерское дело' });
    await page
      .getByLabel(/Файл учебного плана/)
      .setInputFiles({ name: '43.02.15_2026.plx', mimeType: 'application/octet-stream', buffer: writePlx(src) });
    const again = page.getByRole('region', { name: 'Результат проверки' });
    await again.getByText('Учебный план 43.02.15 набора 2026 года уже есть и совпадает с файлом.').waitFor();
    expect(await again.getByText('уже есть, будет обновлён').count()).toBe(0);
    await again.getByText('43.02.15 Поварское и кондитерское дело, набор 2026 года — уже есть, строки совпадают с файлом').waitFor();
    await page.context().close();
  });
});
