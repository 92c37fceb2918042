import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_TITLES } from '../../src/domain/roles.js';
import { buildUser } from '../factories.js';
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
      const page = await loginAs(browser, s.url, login);
      await page.getByRole('heading', { level: 3, name: title }).waitFor();
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('button', { name: 'Войти' }).waitFor();
      await page.context().close();
    });
  }
});

describe('login screen', () => {
  it('is Russian and says why a login failed', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(s.url);
    await page.getByRole('heading', { name: 'Электронный журнал' }).waitFor();
    await page.getByLabel('Логин').fill('teacher');
    await page.getByLabel('Пароль').fill('wrong');
    await page.getByRole('button', { name: 'Войти' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Неверный логин или пароль.');
    await page.context().close();
  });

  it('a guardian sees both children', async () => {
    const page = await loginAs(browser, s.url, 'parent', 'demo', { width: 360, height: 740 });
    await page.getByText(/Дети:.*Лёвкин Артём.*Лёвкина Дарья/).waitFor();
    await page.context().close();
  });

  it('a temporary password must be changed first', async () => {
    const org = await s.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const u = await buildUser(s.db, { orgId: org.id, roles: ['teacher'], mustChangePassword: true, password: 'Temp-1234' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(s.url);
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
