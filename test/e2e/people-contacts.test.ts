import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('contacts kept by the curator (п. 3.12)', () => {
  it('a change waits for the administrator when the college asks so, then applies', async () => {
    const admin = await loginAs(suite.browser, suite.s.url, 'admin');
    await admin.goto(`${suite.s.url}/contact-changes`);
    await admin.getByLabel(/вступают в силу после утверждения/).click();
    await admin.getByText('Сейчас: кураторы подают изменения').waitFor();

    const curator = await loginAs(suite.browser, suite.s.url, 'curator');
    await curator.getByRole('link', { name: 'Открыть группу' }).first().click();
    const students = curator.getByRole('region', { name: 'Обучающиеся и родители' });
    await students.getByRole('button', { name: 'Изменить контакты' }).first().click();
    const form = curator.getByRole('form', { name: 'Контакты' });
    await form.getByLabel('Телефон').fill('8 914 555 66 77');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await curator.getByText('Изменение отправлено администратору журнала на утверждение.').waitFor();
    expect(await suite.s.db.selectFrom('persons').select('id').where('phone', '=', '+7 (914) 555-66-77').executeTakeFirst()).toBeUndefined();

    await admin.reload();
    const row = admin.getByRole('row').filter({ hasText: '+7 (914) 555-66-77' });
    await row.getByRole('button', { name: 'Утвердить' }).click();
    await admin.getByText('Решение сохранено.').waitFor();
    expect(await suite.s.db.selectFrom('persons').select('id').where('phone', '=', '+7 (914) 555-66-77').executeTakeFirst()).toBeTruthy();
    await admin.context().close();
    await curator.context().close();
  });
});
