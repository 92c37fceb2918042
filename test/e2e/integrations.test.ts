import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 15 item 11 (decision 039): the college's administrator creates a service account on
// «Интеграции», copies its token (shown once), another system reads with it, and the administrator
// sees the use in the account's log and revokes the token, which is refused from the next request.
const suite = demoBrowserSuite();

const withToken = (token: string, path: string) =>
  fetch(`${suite.s.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('service accounts in the browser', () => {
  it('the administrator creates an account, copies its token, sees its use and revokes it', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'admin', 'demo');
    await p.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Интеграции' }).click();
    await p.getByRole('heading', { name: 'Интеграции', level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Создать учётную запись' }).click();
    const form = p.getByRole('form', { name: 'Новая учётная запись' });
    await form.getByRole('button', { name: 'Создать и показать ключ' }).click();
    // Nothing named and no right chosen: both are said beside their fields.
    await form.getByText('Выберите хотя бы одно право.').waitFor();
    await form.getByLabel('Название').fill('Программа расписания');
    await form.getByRole('checkbox', { name: 'structure:read' }).check();
    expect(await form.getByRole('checkbox', { name: /Только чтение/ }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Создать и показать ключ' }).click();

    const issued = p.getByRole('region', { name: 'Ключ API' });
    await issued.getByText('Ключ показан один раз', { exact: false }).waitFor();
    const token = await issued.getByTestId('issued-token').inputValue();
    expect(token).toMatch(/^ej_[A-Za-z0-9_-]{43}$/);
    await issued.getByRole('button', { name: 'Скопировать ключ' }).click();
    await issued
      .getByRole('status')
      .filter({ hasText: /Ключ скопирован|скопируйте его вручную/ })
      .waitFor();
    await issued.getByRole('button', { name: 'Ключ сохранён, закрыть' }).click();
    await expect(p.getByTestId('issued-token').count()).resolves.toBe(0);

    // Another system reads the college with it; a write of a read-only token is refused.
    expect(await withToken(token, '/groups')).toBe(200);
    const write = await fetch(`${suite.s.url}/api/v1/commissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ПЦК', chairPersonId: null }),
    });
    expect(write.status).toBe(403);

    await p.reload();
    const row = p.getByRole('row', { name: /Программа расписания/ });
    await row.getByText('действует').waitFor();
    await row.getByRole('button', { name: /Журнал/ }).click();
    const log = p.getByRole('dialog', { name: 'Журнал использования: Программа расписания' });
    await log.getByRole('cell', { name: 'GET /api/v1/groups' }).waitFor();
    await log.getByRole('cell', { name: 'POST /api/v1/commissions' }).waitFor();
    await log.getByRole('button', { name: 'Закрыть' }).click();

    await row.getByRole('button', { name: /Отозвать/ }).click();
    const confirm = p.getByRole('dialog', { name: 'Отозвать ключ: Программа расписания' });
    await confirm.getByRole('button', { name: 'Отозвать ключ' }).click();
    await p.getByText(/Ключ учётной записи «Программа расписания» отозван/).waitFor();
    await row.getByText('отозван', { exact: true }).waitFor();
    expect(await withToken(token, '/groups')).toBe(401);
    await p.context().close();
  });
});
