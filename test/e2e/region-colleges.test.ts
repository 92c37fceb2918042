import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, focusInside, loginAs, sidewaysOverflow } from './browser.js';

// Issue 15: the regional administrator creates a college on a phone and appoints its first
// administrator, who logs in with the password shown once; a college's administrator widens the
// entry window on «Настройки колледжа» by the keyboard, and a bad value is refused beside its field.
const suite = demoBrowserSuite();
const PHONE = { width: 360, height: 780 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('colleges of the region and the college’s settings in the browser', () => {
  it('the regional administrator creates a college and its first administrator logs in', async () => {
    const r = await loginAs(suite.browser, suite.s.url, 'region', 'demo', PHONE);
    await r.getByRole('button', { name: 'Меню' }).click();
    await r.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Колледжи' }).click();
    await r.getByRole('heading', { name: /^Колледжи: Приморский край/, level: 1 }).waitFor();
    await r.getByRole('button', { name: 'Создать колледж' }).click();
    await r.getByLabel('Полное наименование').fill('Краевое ГБПОУ «Спасский педагогический колледж»');
    await r.getByLabel('Краткое наименование').fill('СПК');
    await r.getByLabel('ИНН').fill('7707083894');
    await r.getByLabel('Часовой пояс').selectOption('Asia/Vladivostok');
    await r.getByRole('button', { name: 'Создать', exact: true }).click();
    // A wrong check digit is named beside its field; the form stays.
    await r.getByText('Неверное контрольное число ИНН.').first().waitFor();
    await r.getByLabel('ИНН').fill('7707083893');
    await r.getByRole('button', { name: 'Создать', exact: true }).click();
    const dialog = r.getByRole('dialog', { name: 'Администратор журнала: СПК' });
    await dialog.waitFor();
    await dialog.getByLabel('Фамилия').fill('Лазо');
    await dialog.getByLabel('Имя').fill('Ольга');
    await dialog.getByLabel('Отчество').fill('Андреевна');
    await dialog.getByRole('button', { name: 'Назначить и выдать пароль' }).click();
    const login = (await dialog.getByTestId('issued-login').textContent())!;
    const password = (await dialog.getByTestId('issued-password').textContent())!;
    expect(login).toBe('lazo.oa');
    expect(password).toHaveLength(10);
    expect(await r.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await dialog.getByRole('button', { name: 'Готово' }).click();
    await r.getByRole('cell', { name: /Лазо Ольга Андреевна \(lazo\.oa\)/ }).waitFor();
    // Not «входил» of a woman: the login is told without a gendered verb.
    await r.getByRole('cell', { name: /Лазо Ольга Андреевна \(lazo\.oa\)\s*ещё не входил\(а\)/ }).waitFor();
    expect(await sidewaysOverflow(r)).toBeLessThanOrEqual(0);
    await r.context().close();

    const a = await loginAs(suite.browser, suite.s.url, login, password);
    await a.getByRole('heading', { name: 'Смените временный пароль' }).waitFor();
    await a.getByLabel('Временный пароль').fill(password);
    await a.getByLabel('Новый пароль', { exact: true }).fill('Спасск-2026-пароль');
    await a.getByLabel('Повторите новый пароль').fill('Спасск-2026-пароль');
    await a.getByRole('button', { name: 'Сохранить пароль' }).click();
    await a.getByRole('heading', { level: 3, name: 'Администратор журнала' }).waitFor();
    await a.getByText('ЭЖ · СПК').waitFor();
    await a.context().close();
  });

  it('the regional administrator appoints a regional observer, who logs in to the region’s reports', async () => {
    const r = await loginAs(suite.browser, suite.s.url, 'region');
    await r.goto(`${suite.s.url}/region/colleges`);
    await r
      .getByRole('button', { name: /^Назначить наблюдателя/ })
      .first()
      .click();
    const dialog = r.getByRole('dialog', { name: /^Региональный наблюдатель: / });
    await dialog.getByLabel('Фамилия').fill('Орлова');
    await dialog.getByLabel('Имя').fill('Нина');
    await dialog.getByRole('button', { name: 'Назначить и выдать пароль' }).click();
    await dialog.getByText('Орлова Нина: региональный наблюдатель.').waitFor();
    const login = (await dialog.getByTestId('issued-login').textContent())!;
    const password = (await dialog.getByTestId('issued-password').textContent())!;
    await dialog.getByRole('button', { name: 'Готово' }).click();
    await r.getByRole('cell', { name: new RegExp(`Наблюдатели:\\s*Орлова Нина \\(${login.replace('.', '\\.')}\\)`) }).waitFor();
    await r.context().close();

    const o = await loginAs(suite.browser, suite.s.url, login, password);
    await o.getByLabel('Временный пароль').fill(password);
    await o.getByLabel('Новый пароль', { exact: true }).fill('Наблюдатель-2026');
    await o.getByLabel('Повторите новый пароль').fill('Наблюдатель-2026');
    await o.getByRole('button', { name: 'Сохранить пароль' }).click();
    await o.getByRole('heading', { level: 3, name: 'Региональный наблюдатель' }).waitFor();
    await o.context().close();
  });

  it('a college administrator changes the entry window by the keyboard; a bad value is refused beside its field', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'admin', 'demo', PHONE);
    await p.goto(`${suite.s.url}/college/settings`);
    await p.getByRole('heading', { name: 'Настройки колледжа', level: 1 }).waitFor();
    const days = p.getByLabel('Дней после занятия');
    await days.waitFor();
    await p.getByText(/Сколько дней после даты занятия преподаватель вносит оценки/).waitFor();
    await days.fill('99');
    await days.press('Enter');
    await p.getByText('Дней после занятия: не больше 60 дн.').first().waitFor();
    expect(await days.getAttribute('aria-invalid')).toBe('true');
    await days.fill('3');
    const close = p.getByLabel('Время закрытия');
    await close.fill('18:00');
    await close.press('Enter');
    await p.getByText(/Сохранено: Дней после занятия; Время закрытия/).waitFor();
    await p.getByText(/Дней после занятия: 1 → 3; Время закрытия: 24:00 → 18:00/).waitFor();
    const org = await suite.s.db
      .selectFrom('organizations')
      .innerJoin('users', 'users.organization_id', 'organizations.id')
      .select('organizations.settings')
      .where('users.login', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(org.settings)).toMatchObject({ journalEntryDays: 3, journalEntryCloseTime: '18:00' });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);

    // A change not yet saved when the session ends is there after signing in again, and is saved then.
    await days.fill('5');
    const user = await suite.s.db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
    await suite.s.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await days.press('Enter');
    await p.getByLabel('Логин').fill('admin');
    await p.getByLabel('Пароль').fill('demo');
    await p.getByRole('button', { name: 'Войти' }).click();
    await p.getByText('Сеанс завершился, пока форма была открыта', { exact: false }).waitFor();
    expect(await p.getByLabel('Дней после занятия').inputValue()).toBe('5');
    expect(await p.getByLabel('Время закрытия').inputValue()).toBe('18:00');
    await p.getByLabel('Дней после занятия').press('Enter');
    await p.getByText(/Сохранено: Дней после занятия\./).waitFor();
    expect(await p.getByText('Сеанс завершился, пока форма была открыта', { exact: false }).count()).toBe(0);
    await p.context().close();
  });

  it('by the keyboard a dialog keeps the focus inside, Esc closes it and the focus returns; a form survives an ended session', async () => {
    const r = await loginAs(suite.browser, suite.s.url, 'region', 'demo', PHONE);
    await r.goto(`${suite.s.url}/region/colleges`);
    const suspend = r.getByRole('button', { name: /^Приостановить/ }).first();
    await suspend.focus();
    await r.keyboard.press('Enter');
    const dialog = r.getByRole('dialog', { name: /^Приостановить: / });
    await dialog.waitFor();
    // The reason can be typed at once: the focus is on the dialog's first field, not on «×».
    expect(await dialog.getByLabel('Причина').evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 6; i++) {
      await r.keyboard.press('Tab');
      expect(await focusInside(r, '[role="dialog"]'), `Tab ${i + 1}`).toBe(true);
    }
    await r.keyboard.press('Shift+Tab');
    expect(await focusInside(r, '[role="dialog"]')).toBe(true);
    await dialog.getByLabel('Причина').fill('Реорганизация');
    await r.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await suspend.evaluate((el) => el === document.activeElement)).toBe(true);

    // The session ends while a new college is half entered: after signing in again it is there, and nothing was created.
    await r.getByRole('button', { name: 'Создать колледж' }).click();
    await r.getByLabel('Полное наименование').fill('Краевое ГБПОУ «Уссурийский колледж»');
    await r.getByLabel('Краткое наименование').fill('УК');
    const user = await suite.s.db.selectFrom('users').select('id').where('login', '=', 'region').executeTakeFirstOrThrow();
    await suite.s.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await r.getByRole('button', { name: 'Создать', exact: true }).click();
    await r.getByLabel('Логин').fill('region');
    await r.getByLabel('Пароль').fill('demo');
    await r.getByRole('button', { name: 'Войти' }).click();
    const form = r.getByRole('form', { name: 'Новый колледж' });
    await form.getByText('Сеанс завершился, пока форма была открыта', { exact: false }).waitFor();
    expect(await form.getByLabel('Полное наименование').inputValue()).toBe('Краевое ГБПОУ «Уссурийский колледж»');
    expect(await form.getByLabel('Краткое наименование').inputValue()).toBe('УК');
    expect(await suite.s.db.selectFrom('organizations').select('id').where('short_name', '=', 'УК').execute()).toEqual([]);
    expect(await sidewaysOverflow(r)).toBeLessThanOrEqual(0);
    await form.getByRole('button', { name: 'Отмена' }).click();
    await r.context().close();
  });

  it('axe: no serious or critical violations on «Колледжи» and «Настройки колледжа»', async () => {
    for (const [login, path, heading] of [
      ['region', '/region/colleges', /^Колледжи/],
      ['admin', '/college/settings', /^Настройки колледжа/],
    ] as const) {
      const page = await loginAs(suite.browser, suite.s.url, login);
      await page.goto(`${suite.s.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null }[] }> } })
          .axe;
        return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations, path).toEqual([]);
      await page.context().close();
    }
  });
});
