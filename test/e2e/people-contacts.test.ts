import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server.js';
import { launchBrowser, loginAs, startDemoServer } from './browser.js';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  [s, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('contacts kept by the curator (п. 3.12)', () => {
  it('a change waits for the administrator when the college asks so, then applies', async () => {
    const admin = await loginAs(browser, s.url, 'admin');
    await admin.goto(`${s.url}/contact-changes`);
    await admin.getByLabel(/вступают в силу после утверждения/).click();
    await admin.getByText('Сейчас: кураторы подают изменения').waitFor();

    const curator = await loginAs(browser, s.url, 'curator');
    await curator.getByRole('link', { name: 'Открыть группу' }).first().click();
    const students = curator.getByRole('region', { name: 'Обучающиеся и родители' });
    await students.getByRole('button', { name: 'Изменить контакты' }).first().click();
    const form = curator.getByRole('form', { name: 'Контакты' });
    await form.getByLabel('Телефон').fill('8 914 555 66 77');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await curator.getByText('Изменение отправлено администратору журнала на утверждение.').waitFor();
    expect(await s.db.selectFrom('persons').select('id').where('phone', '=', '+7 (914) 555-66-77').executeTakeFirst()).toBeUndefined();

    await admin.reload();
    const row = admin.getByRole('row').filter({ hasText: '+7 (914) 555-66-77' });
    await row.getByRole('button', { name: 'Утвердить' }).click();
    await admin.getByText('Решение сохранено.').waitFor();
    expect(await s.db.selectFrom('persons').select('id').where('phone', '=', '+7 (914) 555-66-77').executeTakeFirst()).toBeTruthy();
    await admin.context().close();
    await curator.context().close();
  });
});
