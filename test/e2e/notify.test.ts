import { describe, expect, it } from 'vitest';
import { notify } from '../../src/server/notify/outbox.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 14: everyone's bell and notifications page (a parent on a phone); the administrator finds
// a failed e-mail on the home page and retries it from «Рассылки».
const suite = demoBrowserSuite();

async function personOf(login: string) {
  return suite.s.db.selectFrom('users').select(['person_id', 'organization_id']).where('login', '=', login).executeTakeFirstOrThrow();
}

describe('notifications in the browser', () => {
  it('a parent on a phone sees the unread count on the bell, opens a notification and marks the rest read', async () => {
    const parent = await personOf('parent');
    await notify(
      suite.s.db,
      parent.organization_id,
      [
        {
          personId: parent.person_id,
          kind: 'grade-2',
          title: 'Оценка «2» по математике',
          text: 'Получена оценка «2».',
          link: '/family',
          key: 'e2e-1',
        },
        { personId: parent.person_id, kind: 'event', title: 'Родительское собрание', text: 'В пятницу в 18:00, ауд. 204.', key: 'e2e-2' },
      ],
      ['app'],
    );
    const p = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', { width: 360, height: 740 });
    const bell = p.getByRole('link', { name: 'Уведомления: непрочитанных 2' });
    await bell.waitFor();
    expect(await bell.isVisible()).toBe(true);
    await bell.click();
    await p.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
    const first = p.getByRole('listitem', { name: 'Новое: Оценка «2» по математике' });
    await first.getByRole('link', { name: 'Открыть' }).click();
    await p.waitForURL(/\/family$/);
    await p.getByRole('link', { name: 'Уведомления: непрочитанных 1' }).click();
    await p.getByRole('listitem', { name: 'Оценка «2» по математике' }).waitFor();
    // By keyboard: «Отметить все прочитанными».
    await p.getByRole('button', { name: 'Отметить все прочитанными' }).focus();
    await p.keyboard.press('Enter');
    await p.getByText('Отмечено прочитанными: 1.').waitFor();
    await p.getByRole('link', { name: 'Уведомления', exact: true }).waitFor();
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await p.context().close();
  });

  it('the administrator sees a failed e-mail on the home page and retries it from «Рассылки»', async () => {
    const parent = await personOf('parent');
    const org = parent.organization_id;
    await suite.s.db.updateTable('persons').set({ email: 'parent@mail.test' }).where('id', '=', parent.person_id).execute();
    await notify(
      suite.s.db,
      org,
      [{ personId: parent.person_id, kind: 'digest', title: 'Сводка за неделю', text: 'Оценки и пропуски за неделю.', key: 'e2e-digest' }],
      ['email'],
    );
    await suite.s.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 8, reason: 'Ошибка SMTP: 550 mailbox unavailable (попыток: 8)' })
      .where('key', '=', 'e2e-digest')
      .execute();
    const a = await loginAs(suite.browser, suite.s.url, 'admin');
    const panel = a.getByRole('region', { name: 'Недоставленные сообщения' });
    await panel.getByText('Не доставлено:').waitFor();
    await panel.getByRole('link', { name: 'Открыть «Рассылки»' }).click();
    await a.getByRole('heading', { name: 'Рассылки', level: 1 }).waitFor();
    const row = a.locator('tr', { hasText: 'Сводка за неделю' });
    await row.getByText('Ошибка SMTP: 550 mailbox unavailable (попыток: 8)').waitFor();
    await row.getByRole('button', { name: /^Повторить/ }).click();
    await a.getByText(/снова поставлено в очередь \(parent@mail\.test\)/).waitFor();
    const after = await suite.s.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('key', '=', 'e2e-digest')
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'pending', attempts: 0 });
    await a.context().close();
  });
});
