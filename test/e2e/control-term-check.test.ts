import { describe, expect, it } from 'vitest';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 12 item 4: the deputy makes the end-of-term справка, the director opens it, a teacher
// acknowledges their part and the deputy sees it.
const suite = demoBrowserSuite();

describe('the end-of-term check in the browser', () => {
  it('the director opens the справка; the teacher acknowledges their part', async () => {
    const d = await loginAs(suite.browser, suite.s.url, 'deputy');
    await d.goto(`${suite.s.url}/control/term-checks`);
    await d.getByRole('heading', { name: 'Проверка журналов по итогам семестра', level: 1 }).waitFor();
    await d.getByRole('button', { name: 'Составить справку' }).click();
    await d.getByText(/Справка составлена/).waitFor();
    // A term of a closed year: its справки are read, no new one is offered.
    const term = d.getByLabel('Семестр');
    const closedYear = await suite.s.db
      .selectFrom('academic_years')
      .select('name')
      .where('status', '=', 'archived')
      .executeTakeFirstOrThrow();
    await term.selectOption({ label: `${closedYear.name}, 2-й семестр` });
    await d.getByText('Учебный год закрыт: справки за его семестры можно только просматривать.').waitFor();
    expect(await d.getByRole('button', { name: 'Составить справку' }).count()).toBe(0);
    await d.context().close();

    const dir = await loginAs(suite.browser, suite.s.url, 'director');
    await dir.getByRole('link', { name: 'Итоги семестра' }).first().click();
    await dir
      .getByRole('link', { name: /^Справка по итогам проверки журналов/ })
      .first()
      .click();
    await dir.getByRole('heading', { name: /^Справка по итогам проверки журналов/, level: 1 }).waitFor();
    await dir
      .getByRole('region', { name: 'Выводы' })
      .getByText(/^Проверено \d+ журнал/)
      .waitFor();
    const pdf = await dir.getByRole('link', { name: 'Скачать PDF' }).getAttribute('href');
    expect(pdf).toMatch(/\/control\/term-checks\/\d+\/report\.pdf$/);
    const xlsx = await dir.getByRole('link', { name: 'Скачать Excel' }).getAttribute('href');
    expect(xlsx).toMatch(/\/control\/term-checks\/\d+\/report\.xlsx$/);
    await dir.getByText(/^Ознакомлены: 0 из \d+/).waitFor();
    await dir.context().close();

    const t = await loginAs(suite.browser, suite.s.url, 'teacher');
    const part = t.getByRole('region', { name: /^Справка по итогам проверки журналов/ }).first();
    const title = await part.getAttribute('aria-label');
    await part.getByRole('button', { name: 'Ознакомлен' }).click();
    await t.getByRole('link', { name: 'Итоги проверки' }).first().click();
    await t.getByRole('heading', { name: 'Итоги проверки журналов', level: 1 }).waitFor();
    await t
      .getByRole('region', { name: title ?? '' })
      .first()
      .getByText(/^Ознакомлен \d/)
      .waitFor();
    await t.context().close();

    const acked = await suite.s.db.selectFrom('term_check_parts').select('id').where('acknowledged_at', 'is not', null).execute();
    expect(acked.length).toBe(1);
  });
});
