import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { keepWeekly, mondayOf } from '../../src/server/control/weekly-service.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 12 item 3: the deputy director opens the latest weekly check from the home page and signs it off.
const suite = demoBrowserSuite();
const lastMonday = addDays(mondayOf(todayIn(DEMO_TIME_ZONE)), -7);
let reportId: number;

beforeAll(async () => {
  const db = suite.s.db;
  const org = await db.selectFrom('users').select('organization_id').where('login', '=', 'deputy').executeTakeFirstOrThrow();
  reportId = await keepWeekly(db, { id: org.organization_id, timeZone: DEMO_TIME_ZONE }, lastMonday, { userId: null, job: 'weekly-check' });
});

describe('the weekly check in the browser', () => {
  it('the deputy opens the weekly check from the home page and signs it off', async () => {
    const p = await loginAs(suite.browser, suite.s.url, 'deputy');
    const panel = p.locator('section[aria-label="Еженедельный контроль"]');
    await panel.getByText('не подписан').waitFor();
    await panel.locator(`a[href="/control/weekly/${reportId}"]`).click();
    await p.getByRole('heading', { name: /^Еженедельный контроль журналов:/, level: 1 }).waitFor();
    await p.getByRole('heading', { name: 'По преподавателям' }).waitFor();
    await p.getByRole('button', { name: 'Подписать' }).click();
    await p.getByText('Еженедельный контроль подписан.').waitFor();
    await p.getByText(/^Подписан: /).waitFor();
    expect(await p.getByRole('button', { name: 'Подписать' }).count()).toBe(0);
    const row = await suite.s.db
      .selectFrom('weekly_signoffs as w')
      .innerJoin('users as u', 'u.id', 'w.signed_by_user_id')
      .select(['u.login'])
      .where('w.report_id', '=', reportId)
      .execute();
    expect(row).toEqual([{ login: 'deputy' }]);
    await p.goto(suite.s.url);
    await panel.getByText(/подписан: /).waitFor();
    await p.context().close();
  });
});
