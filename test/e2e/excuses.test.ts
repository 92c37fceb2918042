import { describe, expect, it } from 'vitest';
import { addDays, formatRu, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const today = todayIn(DEMO_TIME_ZONE);

/** The student's справки in force from today on (the demo has older ones). */
async function activeExcuses(studentName: string) {
  const [lastName, firstName] = studentName.split(' ');
  return suite.s.db
    .selectFrom('absence_excuses as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['e.id', 'e.from_date', 'e.to_date'])
    .where('p.last_name', '=', lastName)
    .where('p.first_name', '=', firstName)
    .where('e.revoked_at', 'is', null)
    .where('e.to_date', '>=', today)
    .execute();
}

describe('справки', () => {
  it('warn before saving one that covers no absence, refuse one over days already excused, and ask before a revoke', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'curator');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Справки' }).click();
    const form = page.getByRole('region', { name: 'Новая справка' });
    await form.waitFor();
    const student = form.getByLabel('Обучающийся');
    const name = (await student.locator('option').nth(1).textContent())!.replace(/ \(.*$/, '');
    const studentId = (await student.locator('option').nth(1).getAttribute('value'))!;
    await student.selectOption(studentId);
    // Days ahead: no «н» yet.
    const from = addDays(today, 3);
    const to = addDays(today, 4);
    await form.getByLabel('С даты', { exact: true }).fill(from);
    await form.getByLabel('По дату', { exact: true }).fill(to);
    await form.getByLabel('Документ').fill('Справка № 9071');
    await form.getByRole('button', { name: 'Признать пропуски уважительными' }).click();
    const warning = form.getByRole('alert');
    await warning
      .getByText(
        `За дни с ${formatRu(from)} по ${formatRu(to)} у обучающегося ${name} нет пропусков «н»: справка ничего не изменит в журнале. Проверьте даты.`,
      )
      .waitFor();
    expect(await activeExcuses(name)).toEqual([]);
    await warning.getByRole('button', { name: 'Изменить даты' }).click();
    await form.getByRole('button', { name: 'Признать пропуски уважительными' }).click();
    await form.getByRole('button', { name: 'Сохранить всё равно' }).click();
    await page.getByText(new RegExp(`${name}: пропуски «н» с ${formatRu(from)} по ${formatRu(to)} признаны уважительными`)).waitFor();
    expect(await activeExcuses(name)).toHaveLength(1);

    // The same student again, a day of which is already excused: refused, saying which справка covers it.
    await student.selectOption(studentId);
    await form.getByLabel('С даты', { exact: true }).fill(to);
    await form.getByLabel('По дату', { exact: true }).fill(addDays(to, 2));
    await form.getByRole('button', { name: 'Признать пропуски уважительными' }).click();
    await form
      .getByText(
        `Эти дни уже признаны уважительными: действует справка с ${formatRu(from)} по ${formatRu(to)} (Справка № 9071). Укажите только дни, которые ещё не покрыты, или сначала отмените прежнюю справку.`,
      )
      .waitFor();
    expect(await activeExcuses(name)).toHaveLength(1);

    // Revoking asks first. The list counts the lessons a справка excused (marks, not hours).
    await page.getByRole('columnheader', { name: 'Пропущено занятий' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(`${name} ${formatRu(from)} – ${formatRu(to)}`) });
    await row.getByRole('button', { name: /^Отменить справку/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Отменить справку?' });
    await dialog.getByText(`${name}, справка с ${formatRu(from)} по ${formatRu(to)} (Справка № 9071).`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Не отменять' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await activeExcuses(name)).toHaveLength(1);
    await row.getByRole('button', { name: /^Отменить справку/ }).click();
    await dialog.getByRole('button', { name: 'Отменить справку' }).click();
    await page.getByText('Справка отменена: пропуски снова считаются неуважительными.').waitFor();
    expect(await activeExcuses(name)).toEqual([]);
    await page.context().close();
  });
});
