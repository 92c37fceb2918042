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
    expect(
      await suite.s.db.selectFrom('persons').select('id').where('phone', '=', '+7 (914) 555-66-77').executeTakeFirst(),
    ).toBeUndefined();

    await admin.reload();
    const row = admin.getByRole('row').filter({ hasText: '+7 (914) 555-66-77' });
    await row.getByRole('button', { name: 'Утвердить' }).click();
    await admin.getByText('Решение сохранено.').waitFor();
    expect(await suite.s.db.selectFrom('persons').select('id').where('phone', '=', '+7 (914) 555-66-77').executeTakeFirst()).toBeTruthy();
    await admin.context().close();
    await curator.context().close();
  });

  it('a guardian who is staff is beyond the curator: no contact or password buttons for them', async () => {
    const db = suite.s.db;
    const curatorUser = await db.selectFrom('users').select('person_id').where('login', '=', 'curator').executeTakeFirstOrThrow();
    const group = await db
      .selectFrom('groups')
      .select('id')
      .where('curator_person_id', '=', curatorUser.person_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const member = await db
      .selectFrom('group_memberships')
      .select(['student_id', 'organization_id'])
      .where('group_id', '=', group.id)
      .where('end_date', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const teacher = await db
      .selectFrom('users as u')
      .innerJoin('persons as p', 'p.id', 'u.person_id')
      .select(['p.id', 'p.last_name', 'p.first_name'])
      .where('u.login', '=', 'teacher')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('guardian_links')
      .values({
        organization_id: member.organization_id,
        guardian_person_id: teacher.id,
        student_id: member.student_id,
        relation: 'father',
      })
      .execute();

    const curator = await loginAs(suite.browser, suite.s.url, 'curator');
    await curator.goto(`${suite.s.url}/groups/${group.id}`);
    const line = curator.locator('.guardian-line').filter({ hasText: `${teacher.last_name} ${teacher.first_name}` });
    await line.waitFor();
    expect(await line.getByRole('button', { name: 'Изменить контакты' }).count()).toBe(0);
    const options = await curator.getByLabel('Кому сбросить пароль').locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    expect(options.some((o) => o.includes(`${teacher.last_name} ${teacher.first_name}`))).toBe(false);
    await curator.context().close();
  });
});
