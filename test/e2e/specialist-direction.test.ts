import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('a specialist’s direction of work (п. 2.6)', () => {
  it('the specialist starts from their groups; the administrator widens the direction; the view log shows the group page', async () => {
    const spec = await loginAs(suite.browser, suite.s.url, 'specialist');
    const panel = spec.getByRole('region', { name: 'Моё направление работы' });
    const first = panel.getByRole('link', { name: /^Группа / }).first();
    const groupName = (await first.textContent())!.replace('Группа ', '');
    await first.click();
    await spec
      .getByRole('heading', { name: new RegExp(groupName) })
      .first()
      .waitFor();

    const admin = await loginAs(suite.browser, suite.s.url, 'admin');
    await admin.goto(`${suite.s.url}/staff`);
    await admin.getByRole('row').filter({ hasText: 'Ёлкина' }).getByRole('button', { name: 'Направление работы' }).click();
    const form = admin.getByRole('form', { name: 'Направление работы: Ёлкина Алёна Игоревна' });
    await form.getByRole('button', { name: 'Сохранить' }).waitFor(); // the direction has loaded
    const before = await form.getByRole('checkbox', { checked: true }).count();
    await form.getByRole('checkbox', { checked: false }).first().check();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText(/^Сохранено: \d+ групп/).waitFor();
    expect(await form.getByRole('checkbox', { checked: true }).count()).toBe(before + 1);
    await spec.goto(`${suite.s.url}/`);
    await panel
      .getByRole('link', { name: /^Группа / })
      .nth(before)
      .waitFor();
    expect(await panel.getByRole('link', { name: /^Группа / }).count()).toBe(before + 1);

    await admin.goto(`${suite.s.url}/view-log`);
    const row = admin.getByRole('row').filter({ hasText: 'Страница группы' }).filter({ hasText: 'Ёлкина' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(groupName);
    await spec.context().close();
    await admin.context().close();
  });
});
