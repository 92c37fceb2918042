import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addDays, formatRu, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { mondayOf } from '../../src/server/control/weekly-service.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 12 item 8 (п. 2.12): the deputy director adds a weekly line to the plan of intra-college
// control, makes and signs the weekly check of a week and sees that week's occurrence done; the
// week before, unchecked, is overdue.
const suite = demoBrowserSuite();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('the plan of intra-college control in the browser', () => {
  it('the deputy adds a weekly line; the signed weekly check fulfils its week; an unchecked week is overdue', async () => {
    const monday = mondayOf(todayIn(DEMO_TIME_ZONE));
    const [older, checked] = [addDays(monday, -14), addDays(monday, -7)];
    const period = (from: string) => `${formatRu(from)} — ${formatRu(addDays(from, 6))}`;
    const p = await loginAs(suite.browser, suite.s.url, 'deputy');
    // The demo plan has an overdue weekly check: the home panel says so.
    const panel = p.locator('section[aria-label="Просроченные проверки плана"]');
    await panel.getByText('просрочено').first().waitFor();
    await panel.getByRole('link', { name: 'Весь план' }).click();
    await p.getByRole('heading', { name: 'План внутриколледжного контроля', level: 1 }).waitFor();

    await p.getByRole('button', { name: 'Добавить строку' }).click();
    const dialog = p.getByRole('dialog', { name: 'Новая строка плана' });
    await dialog.getByLabel('Что проверяется').selectOption('weekly');
    await dialog.getByLabel('Уточнение (необязательно)').fill('выборочно, журналы первого курса');
    await dialog.getByLabel('Когда').selectOption('weekly');
    await dialog.getByLabel('С даты (необязательно)').fill(older);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });

    const line = p.locator('section[aria-label="Еженедельная проверка журналов: выборочно, журналы первого курса"]');
    await line.getByText(/Проверяет: Королёва/).waitFor();
    await line
      .locator('tr', { hasText: period(older) })
      .getByText('просрочено')
      .waitFor();
    expect(
      await line
        .locator('tr', { hasText: period(checked) })
        .getByText('выполнено')
        .count(),
    ).toBe(0);

    // The weekly check of the week after, made and signed.
    await p.goto(`${suite.s.url}/control/weekly`);
    await p.getByLabel('Неделя (любой её день)').fill(addDays(checked, 2));
    await p.getByRole('button', { name: 'Составить' }).click();
    await p.getByRole('heading', { name: /^Еженедельный контроль журналов:/, level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Подписать' }).click();
    await p.getByText('Еженедельный контроль подписан.').waitFor();

    await p.goto(`${suite.s.url}/control/plan`);
    const done = line.locator('tr', { hasText: period(checked) });
    await done.getByText('выполнено').waitFor();
    await done.getByRole('link', { name: `Еженедельный контроль журналов: ${period(checked)}` }).waitFor();
    await line
      .locator('tr', { hasText: period(older) })
      .getByText('просрочено')
      .waitFor();
    await p.context().close();
  });

  it('the methodologist marks an overdue day of her fill control done; the page has no serious accessibility faults', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'methodist');
    await p.goto(`${suite.s.url}/control/plan`);
    const line = p.locator('section[aria-label="Ежедневный контроль заполнения журналов"]');
    const overdue = line.locator('tr', { hasText: 'просрочено' });
    await overdue.first().waitFor();
    const before = await overdue.count();
    await p.waitForLoadState('networkidle');
    await p.evaluate(AXE);
    const bad = await p.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null }[] }> } })
        .axe;
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(bad).toEqual([]);
    await overdue.first().getByRole('button', { name: 'Отметить выполненным' }).click();
    const dialog = p.getByRole('dialog', { name: 'Отметить проверку выполненной' });
    await dialog.getByLabel('Комментарий').fill('Два занятия без темы, преподаватели предупреждены');
    await dialog.getByRole('button', { name: 'Отметить выполненным' }).click();
    await dialog.waitFor({ state: 'detached' });
    await line.locator('tr', { hasText: 'Два занятия без темы, преподаватели предупреждены' }).getByText('выполнено').waitFor();
    await expect.poll(() => overdue.count()).toBe(before - 1);
    await p.context().close();
  });
});
