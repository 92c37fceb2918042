import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../oidc-provider.js';
import { demoBrowserSuite, loginAs, PHONE, sidewaysOverflow } from './browser.js';

// Single sign-on (issue 15 item 12, decision 040), in Chromium through a real provider's pages: the
// administrator adds the college's provider and links a teacher; the teacher logs in with the
// «Войти через …» button, signs in at the provider, consents and lands on the journal's home page.
const suite = demoBrowserSuite();
let op: TestProvider;
beforeAll(async () => {
  op = await startTestProvider();
});
afterAll(() => op?.close());

describe('a teacher logs in through the college’s provider', () => {
  it('the administrator adds the provider and links the teacher; the teacher logs in through it', async () => {
    const admin = await loginAs(suite.browser, suite.s.url, 'admin');
    await admin.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Единый вход' }).click();
    await admin.getByRole('heading', { name: 'Единый вход', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Добавить провайдера' }).click();
    await admin.getByLabel('Название на кнопке').fill('Госуслуги колледжа');
    await admin.getByLabel('Адрес провайдера (issuer)').fill('http://sso.example.ru');
    await admin.getByLabel('Идентификатор клиента (client_id)').fill('college');
    await admin.getByLabel('Секрет клиента (client_secret)').fill('the-secret');
    await admin.getByRole('button', { name: 'Добавить', exact: true }).click();
    // Plain http is refused off this computer: the field says so.
    await admin.getByText('Адрес провайдера должен начинаться с https://').first().waitFor();
    await admin.getByLabel('Адрес провайдера (issuer)').fill(op.issuer);
    await admin.getByRole('button', { name: 'Добавить', exact: true }).click();
    await admin.getByRole('status').filter({ hasText: 'Провайдер «Госуслуги колледжа» добавлен' }).waitFor();
    const callbackUrl = (await admin.locator('td code').first().textContent())!;
    expect(callbackUrl).toMatch(/\/api\/v1\/auth\/sso\/\d+\/callback$/);
    await admin.getByRole('cell', { name: /секрет: задан/ }).waitFor();
    expect(await admin.content()).not.toContain('the-secret');
    op.client({ clientId: 'college', clientSecret: 'the-secret', redirectUris: [callbackUrl] });
    op.accounts.set('esia-1001', { email: 'teacher@example.ru', email_verified: true });

    await admin.getByLabel('Логин в журнале').fill('teacher');
    await admin.getByLabel('Идентификатор у провайдера (sub)').fill('esia-1001');
    await admin.getByRole('button', { name: 'Связать' }).click();
    await admin.getByRole('cell', { name: 'esia-1001' }).waitFor();
    await admin.getByRole('cell', { name: /администратором/ }).waitFor();
    await admin.context().close();

    const page = await (await suite.browser.newContext({ locale: 'ru-RU' })).newPage();
    await page.goto(suite.s.url);
    await page.getByRole('link', { name: 'Войти через Госуслуги колледжа' }).click();
    // The provider's own pages: its login form, then its consent.
    await page.locator('input[name="login"]').fill('esia-1001');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    expect(new URL(page.url()).origin).toBe(suite.s.url);
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json() as Promise<{ user: { login: string } }>));
    expect(me.user.login).toBe('teacher');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('link', { name: 'Войти через Госуслуги колледжа' }).waitFor();
    await page.context().close();

    // A subject nobody is linked to is refused, with the reason on the login page (a fresh browser:
    // the provider still remembers the teacher's sign-in in the first one).
    op.accounts.set('esia-2002', { email: 'stranger@example.ru', email_verified: true });
    const other = await (await suite.browser.newContext({ locale: 'ru-RU' })).newPage();
    await other.goto(suite.s.url);
    await other.getByRole('link', { name: 'Войти через Госуслуги колледжа' }).click();
    await other.locator('input[name="login"]').fill('esia-2002');
    await other.locator('input[name="password"]').fill('any');
    await other.getByRole('button', { name: 'Sign-in' }).click();
    await other.getByRole('button', { name: 'Continue' }).click();
    await other.getByRole('alert').filter({ hasText: 'не связана ни с кем в журнале' }).waitFor();
    expect(new URL(other.url()).search).toBe('');
    await other.context().close();
  });

  it('on a phone, the administrator links and unlinks a student on the student’s card; «Единый вход» lists the link', async () => {
    const admin = await loginAs(suite.browser, suite.s.url, 'admin', 'demo', PHONE);
    await admin.goto(`${suite.s.url}/sso`);
    await admin.getByRole('heading', { name: 'Единый вход', level: 1 }).waitFor();
    await admin.getByRole('cell', { name: 'esia-1001' }).waitFor();
    expect(await sidewaysOverflow(admin)).toBeLessThanOrEqual(0);
    const student = await suite.s.db
      .selectFrom('users')
      .innerJoin('students', 'students.person_id', 'users.person_id')
      .select(['students.id', 'users.login'])
      .where('users.login', '=', 'student')
      .executeTakeFirstOrThrow();
    await admin.goto(`${suite.s.url}/students/${student.id}`);
    const panel = admin.getByRole('region', { name: 'Единый вход' });
    await panel.getByText('Не связан ни с одним провайдером', { exact: false }).waitFor();
    await panel.getByLabel('Идентификатор у провайдера (sub)').fill('esia-3003');
    await panel.getByRole('button', { name: 'Связать' }).click();
    await panel.getByText(/Связан с провайдером «Госуслуги колледжа»: esia-3003/).waitFor();
    expect(await sidewaysOverflow(admin)).toBeLessThanOrEqual(0);
    await admin.goto(`${suite.s.url}/sso`);
    await admin.getByRole('cell', { name: 'esia-3003' }).waitFor();

    await admin.goto(`${suite.s.url}/students/${student.id}`);
    const unlink = panel.getByRole('button', { name: /Разорвать связь/ });
    await unlink.focus();
    await admin.keyboard.press('Enter');
    const confirm = admin.getByRole('dialog', { name: 'Разорвать связь с «Госуслуги колледжа»' });
    await confirm.getByRole('button', { name: 'Разорвать связь' }).click();
    await panel.getByText(/Связь с провайдером «Госуслуги колледжа» разорвана/).waitFor();
    await panel.getByText('Не связан ни с одним провайдером', { exact: false }).waitFor();

    // A student without a login: once the card issues one, its panel offers the link at once.
    const fresh = await suite.s.db
      .selectFrom('students')
      .leftJoin('users', 'users.person_id', 'students.person_id')
      .select('students.id')
      .where('users.id', 'is', null)
      .where('students.status', '=', 'active')
      .where(
        'students.organization_id',
        '=',
        (await suite.s.db.selectFrom('users').select('organization_id').where('login', '=', 'admin').executeTakeFirstOrThrow())
          .organization_id,
      )
      .orderBy('students.id')
      .executeTakeFirstOrThrow();
    await admin.goto(`${suite.s.url}/students/${fresh.id}`);
    await panel.getByText('У человека нет логина в журнале', { exact: false }).waitFor();
    await admin.getByRole('button', { name: 'Выдать логин и пароль' }).click();
    await admin.getByText('Пароли видны только сейчас', { exact: false }).waitFor();
    await panel.getByLabel('Идентификатор у провайдера (sub)').waitFor();
    expect(await panel.getByText('У человека нет логина в журнале', { exact: false }).count()).toBe(0);
    const audit = await suite.s.db.selectFrom('audit_log').select('action').where('action', 'in', ['sso.linked', 'sso.unlinked']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sso.linked', 'sso.linked', 'sso.unlinked']);
    await admin.context().close();
  });
});
