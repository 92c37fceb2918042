import { describe, expect, it } from 'vitest';
import { ROLE_TITLES } from '../../src/domain/roles.js';
import { buildUser } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

const DEMO: [string, string][] = [
  ['admin', ROLE_TITLES.admin],
  ['director', ROLE_TITLES.director],
  ['deputy', ROLE_TITLES.deputy],
  ['methodist', ROLE_TITLES.methodist],
  ['chair', ROLE_TITLES.chair],
  ['specialist', ROLE_TITLES.specialist],
  ['curator', ROLE_TITLES.curator],
  ['teacher', ROLE_TITLES.teacher],
  ['student', ROLE_TITLES.student],
  ['parent', ROLE_TITLES.guardian],
  ['observer', ROLE_TITLES.observer],
];

describe('every demo role signs in and sees its home page', () => {
  for (const [login, title] of DEMO) {
    it(login, async () => {
      const page = await loginAs(suite.browser, suite.s.url, login);
      await page.getByRole('heading', { level: 3, name: title }).waitFor();
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('button', { name: 'Войти' }).waitFor();
      await page.context().close();
    });
  }
});

describe('login screen', () => {
  it('is Russian and says why a login failed', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(suite.s.url);
    await page.getByRole('heading', { name: 'Электронный журнал' }).waitFor();
    await page.getByLabel('Логин').fill('teacher');
    await page.getByLabel('Пароль').fill('wrong');
    await page.getByRole('button', { name: 'Войти' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Неверный логин или пароль.');
    await page.context().close();
  });

  it('a guardian sees both children', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', { width: 360, height: 740 });
    await page.getByText(/Дети:.*Лёвкин Артём.*Лёвкина Дарья/).waitFor();
    await page.context().close();
  });

  it('a temporary password must be changed first', async () => {
    const org = await suite.s.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const u = await buildUser(suite.s.db, { orgId: org.id, roles: ['teacher'], mustChangePassword: true, password: 'Temp-1234' });
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(suite.s.url);
    await page.getByLabel('Логин').fill(u.login);
    await page.getByLabel('Пароль').fill('Temp-1234');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Смените временный пароль' }).waitFor();
    await page.getByLabel('Временный пароль').fill('Temp-1234');
    await page.getByLabel('Новый пароль', { exact: true }).fill('Mine-5678');
    await page.getByLabel('Повторите новый пароль').fill('Mine-5678');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByRole('heading', { level: 3, name: ROLE_TITLES.teacher }).waitFor();
    await page.context().close();
  });
});
