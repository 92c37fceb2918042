import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, focusInside, loginAs, PHONE, sidewaysOverflow } from './browser.js';

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
    // The revoke button is gone with the state: the focus went back to the page, not to nothing.
    expect(await focusInside(p, 'main')).toBe(true);
    await p.getByTestId('uses-kept').getByText('хранится 180 дней', { exact: false }).waitFor();
    await p.context().close();
  });

  it('on a phone, by the keyboard alone, and across an ended session', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'admin', 'demo', PHONE);
    await p.goto(`${suite.s.url}/integrations`);
    await p.getByRole('heading', { name: 'Интеграции', level: 1 }).waitFor();
    await p.getByRole('table').waitFor();
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);

    // The log opens by Enter; Tab and Shift+Tab stay inside; Esc closes it and the focus returns to its button.
    const open = p.getByRole('button', { name: /^Журнал/ }).first();
    await open.focus();
    await p.keyboard.press('Enter');
    const log = p.getByRole('dialog', { name: /^Журнал использования: / });
    await log.getByText('Записи хранятся 180 дней', { exact: false }).waitFor();
    for (let i = 0; i < 4; i++) {
      await p.keyboard.press('Tab');
      expect(await focusInside(p, '[role="dialog"]'), `Tab ${i + 1}`).toBe(true);
    }
    await p.keyboard.press('Shift+Tab');
    expect(await focusInside(p, '[role="dialog"]')).toBe(true);
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
    await p.keyboard.press('Escape');
    await log.waitFor({ state: 'detached' });
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);

    // The session ends while a new account is half made: the submit shows the login form, and after
    // signing in again the form is open with what was typed; nothing was created meanwhile.
    await p.getByRole('button', { name: 'Создать учётную запись' }).click();
    const form = p.getByRole('form', { name: 'Новая учётная запись' });
    await form.getByLabel('Название').fill('Портал региона');
    await form.getByRole('checkbox', { name: 'structure:read' }).check();
    const user = await suite.s.db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
    await suite.s.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await form.getByRole('button', { name: 'Создать и показать ключ' }).click();
    await p.getByLabel('Логин').fill('admin');
    await p.getByLabel('Пароль').fill('demo');
    await p.getByRole('button', { name: 'Войти' }).click();
    await form.getByText('Сеанс завершился, пока форма была открыта', { exact: false }).waitFor();
    expect(await form.getByLabel('Название').inputValue()).toBe('Портал региона');
    expect(await form.getByRole('checkbox', { name: 'structure:read' }).isChecked()).toBe(true);
    expect(await suite.s.db.selectFrom('service_accounts').select('id').where('name', '=', 'Портал региона').execute()).toEqual([]);
    await form.getByRole('button', { name: 'Создать и показать ключ' }).click();
    await p.getByRole('region', { name: 'Ключ API' }).waitFor();
    expect(await sidewaysOverflow(p)).toBeLessThanOrEqual(0);
    await p.context().close();
  });
});
