import { describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/server/notify/unsubscribe.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const PHONE = { width: 360, height: 740 };

describe('a guardian’s notices on a phone', () => {
  it('chooses «only 2» by SMS and orders a monthly report', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', PHONE);
    await page.goto(`${suite.s.url}/notify/settings`);
    await page.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByLabel('Оценки (SMS)').first().selectOption('twos');
    await page.getByText('Сохранено.').first().waitFor();
    await page.getByLabel('Периодичность').selectOption('monthly');
    await page.getByRole('button', { name: 'Заказать отчёт' }).click();
    await page.getByText(/Отчёт заказан: каждый месяц, первый — 01\.\d\d\.\d{4}/).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'каждый месяц' }).first().waitFor();
    const orders = await suite.s.db.selectFrom('period_report_orders').select(['schedule', 'next_day']).execute();
    expect(orders).toEqual([{ schedule: 'monthly', next_day: expect.stringMatching(/-01$/) }]);
    const prefs = await suite.s.db.selectFrom('guardian_prefs').select(['channel', 'grades']).execute();
    expect(prefs).toContainEqual({ channel: 'sms', grades: 'twos' });
    await page.context().close();
  });

  it('after an unsubscribe from the digest, ticking it again on the settings page turns the e-mail back on', async () => {
    const parent = await suite.s.db
      .selectFrom('users')
      .select(['person_id', 'organization_id'])
      .where('login', '=', 'parent')
      .executeTakeFirstOrThrow();
    const token = await unsubscribeToken(suite.s.db, parent.organization_id, parent.person_id, 'digest');
    const page = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', PHONE);
    await page.goto(`${suite.s.url}/unsubscribe?token=${encodeURIComponent(token)}`);
    await page
      .getByRole('button', { name: /^Отписаться/ })
      .first()
      .click();
    await page.getByText(/^Готово: письма «Еженедельная сводка» больше не будут приходить/).waitFor();
    await page.goto(`${suite.s.url}/notify/settings`);
    await page.getByText('Вы отписались от писем: «Еженедельная сводка».', { exact: false }).waitFor();
    const email = page.getByRole('group', { name: 'Электронная почта' }).first();
    const digest = email.getByRole('checkbox', { name: /Сводка за неделю/ });
    expect(await digest.isChecked()).toBe(false);
    await digest.check();
    await email.getByText('Сохранено.').waitFor();
    await page.getByText('Вы отписались от писем', { exact: false }).waitFor({ state: 'detached' });
    const left = await suite.s.db.selectFrom('email_optouts').select('kind').where('person_id', '=', parent.person_id).execute();
    expect(left).toEqual([]);
    await page.context().close();
  });

  it('the curator sees who receives what in the group, and the absence alerts', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'curator');
    await page.goto(`${suite.s.url}/notify/alerts`);
    await page.getByRole('heading', { name: 'Родители и оповещения', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^Кто что получает: / }).waitFor();
    // The guardian who chose «only 2» by SMS above is shown with it.
    await page
      .getByRole('cell', { name: /SMS: только «2»/ })
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Оповещения о пропусках' }).waitFor();
    await page.context().close();
  });

  it('the curator finds a new absence alert on the home page and marks it seen', async () => {
    const db = suite.s.db;
    const child = await db
      .selectFrom('students as st')
      .innerJoin('persons as p', 'p.id', 'st.person_id')
      .innerJoin('group_memberships as gm', 'gm.student_id', 'st.id')
      .select(['st.id', 'st.organization_id', 'gm.group_id'])
      .where('p.last_name', '=', 'Лёвкина')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('absence_episodes')
      .values({
        organization_id: child.organization_id,
        student_id: child.id,
        group_id: child.group_id,
        kind: 'days',
        episode: '2026-11-24',
        value: 3,
        created_at: new Date().toISOString(),
        seen_by_user_id: null,
        seen_at: null,
      })
      .execute();
    const page = await loginAs(suite.browser, suite.s.url, 'curator', 'demo', PHONE);
    const panel = page.getByRole('region', { name: 'Оповещения о пропусках' });
    await panel.getByRole('heading', { name: 'Оповещения о пропусках: 1' }).waitFor();
    await panel.getByText('нет на занятиях 3 дня подряд с 24.11.2026').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await panel.getByRole('button', { name: /^Просмотрено: Лёвкина Дарья/ }).focus();
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    const left = await db.selectFrom('absence_episodes').select('seen_at').where('student_id', '=', child.id).executeTakeFirstOrThrow();
    expect(left.seen_at).not.toBeNull();
    await page.context().close();
  });
});
