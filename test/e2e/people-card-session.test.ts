import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

// The login form promises that unsaved changes survive an ended session: on the student's card the
// administrator's typing in «Сведения» and a new guardian half typed come back after signing in again.
const suite = demoBrowserSuite();

describe('the student’s card over an ended session', () => {
  it('keeps the card’s data and a new guardian typed before the session ended', async () => {
    const st = await suite.s.db
      .selectFrom('students as s')
      .innerJoin('users as u', 'u.organization_id', 's.organization_id')
      .select(['s.id'])
      .where('u.login', '=', 'admin')
      .where('s.status', '=', 'active')
      .orderBy('s.id')
      .executeTakeFirstOrThrow();
    const p = await loginAs(suite.browser, suite.s.url, 'admin');
    await p.goto(`${suite.s.url}/students/${st.id}`);
    const data = p.getByRole('form', { name: 'Персональные данные' });
    await data.getByLabel('Отчество').fill('Проверочный');
    await p.getByRole('button', { name: 'Добавить родителя' }).click();
    const guardian = p.getByRole('form', { name: 'Новый родитель' });
    await guardian.getByLabel('Фамилия родителя').fill('Сеансова');
    const user = await suite.s.db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
    await suite.s.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await data.getByRole('button', { name: 'Сохранить сведения' }).click();
    await p.getByLabel('Логин').fill('admin');
    await p.getByLabel('Пароль').fill('demo');
    await p.getByRole('button', { name: 'Войти' }).click();
    await data.getByText('Сеанс завершился, пока форма была открыта', { exact: false }).waitFor();
    expect(await data.getByLabel('Отчество').inputValue()).toBe('Проверочный');
    expect(await guardian.getByLabel('Фамилия родителя').inputValue()).toBe('Сеансова');
    await data.getByRole('button', { name: 'Сохранить сведения' }).click();
    await data.getByText('Сведения сохранены.').waitFor();
    await p.context().close();
  });

  it('keeps a new staff member, roles included, typed before the session ended', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'admin');
    await p.goto(`${suite.s.url}/staff`);
    await p.getByRole('button', { name: 'Добавить сотрудника' }).click();
    const form = p.getByRole('form', { name: 'Новый сотрудник' });
    await form.getByLabel('Фамилия').fill('Сеансов');
    await form.getByLabel('Имя').fill('Олег');
    await form.getByLabel('Роль 1').selectOption('methodist');
    const user = await suite.s.db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
    await suite.s.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await form.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await p.getByLabel('Логин').fill('admin');
    await p.getByLabel('Пароль').fill('demo');
    await p.getByRole('button', { name: 'Войти' }).click();
    await form.getByText('Сеанс завершился, пока форма была открыта', { exact: false }).waitFor();
    expect(await form.getByLabel('Фамилия').inputValue()).toBe('Сеансов');
    expect(await form.getByLabel('Роль 1').inputValue()).toBe('methodist');
    await p.context().close();
  });
});
