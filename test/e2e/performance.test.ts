import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { ExcelJS } from '../../src/server/platform/documents.js';
import { buildAssignment, buildSubject } from '../factories.js';
import { buildTermGrade } from '../factories-attestation.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const today = todayIn(DEMO_TIME_ZONE);

describe('the director’s performance report', () => {
  // Runs first: the term's grades are not set yet (the next test sets two).
  it('says that a term without term grades has none yet, and still shows its absences', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'director');
    await page.goto(`${suite.s.url}/performance`);
    await page.getByRole('heading', { name: 'Успеваемость' }).waitFor();
    await page.getByText('За этот период итоговые оценки ещё не выставлены.').waitFor();
    await page
      .getByRole('region', { name: 'Пропуски' })
      .getByText(/^Пропущено \d+ ч, из них без уважительной причины \d+ ч\.$/)
      .waitFor();
    expect(await page.getByText('в расчёте 0').count()).toBe(0);
    const group = await suite.s.db
      .selectFrom('groups')
      .select('id')
      .where('status', '=', 'active')
      .orderBy('sort_key')
      .executeTakeFirstOrThrow();
    await page.goto(`${suite.s.url}/performance/groups/${group.id}`);
    await page.getByText(/Итоговые оценки за этот период ещё не выставлены\./).waitFor();
    expect(await page.getByText('Должников нет.').count()).toBe(0);
    await page.context().close();
  });

  it('the weeks of a whole year are labelled without overlapping', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'director');
    const year = await suite.s.db.selectFrom('academic_years').select('id').where('status', '=', 'archived').executeTakeFirstOrThrow();
    await page.goto(`${suite.s.url}/performance?yearId=${year.id}`);
    const chart = page.getByRole('img', { name: 'Пропуски по неделям: уважительные и неуважительные, в часах' });
    await chart.waitFor();
    const spans = await chart
      .locator('text[font-size="8"]')
      .evaluateAll((ts) => ts.map((t) => [t.getBoundingClientRect().left, t.getBoundingClientRect().right]));
    expect(spans.length).toBeGreaterThan(5);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThan(spans[i - 1][1]);
    await page.context().close();
  });

  it('opens «Успеваемость», goes to a group’s сводная ведомость with its debtor, and downloads Excel', async () => {
    const db = suite.s.db;
    const teacher = await db
      .selectFrom('users')
      .select(['id', 'person_id', 'organization_id'])
      .where('login', '=', 'teacher')
      .executeTakeFirstOrThrow();
    const orgId = teacher.organization_id;
    const term = await db
      .selectFrom('terms')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .executeTakeFirstOrThrow();
    const group = await db
      .selectFrom('groups')
      .select(['id', 'name', 'program_id'])
      .where('organization_id', '=', orgId)
      .where('status', '=', 'active')
      .orderBy('sort_key')
      .executeTakeFirstOrThrow();
    const roster = await db
      .selectFrom('group_memberships as gm')
      .innerJoin('students as s', 's.id', 'gm.student_id')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .select(['s.id', 'p.last_name'])
      .where('gm.group_id', '=', group.id)
      .where('gm.end_date', 'is', null)
      .orderBy('p.sort_key')
      .limit(2)
      .execute();
    const subject = await buildSubject(db, orgId, { programId: group.program_id, code: 'ОП.97', name: 'Товароведение' });
    const a = await buildAssignment(db, {
      group: { id: group.id, orgId, programId: group.program_id },
      teacherPersonId: teacher.person_id,
      termId: term.id,
      subjectId: subject.id,
    });
    await buildTermGrade(db, { orgId, assignmentId: a.id, studentId: roster[0].id, userId: teacher.id, value: '5' });
    await buildTermGrade(db, { orgId, assignmentId: a.id, studentId: roster[1].id, userId: teacher.id, value: '2' });

    const page = await loginAs(suite.browser, suite.s.url, 'director');
    await page.getByRole('navigation').getByRole('link', { name: 'Успеваемость' }).click();
    await page.getByRole('heading', { name: 'Успеваемость' }).waitFor();
    await page.getByRole('img', { name: 'Успеваемость и качество знаний по группам' }).waitFor();
    await page.getByRole('tab', { name: 'Группы' }).click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Успеваемость .+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Группы')!.getSheetValues().flat().map(String)).toContain(group.name);

    await page.getByRole('link', { name: group.name, exact: true }).click();
    await page.getByRole('heading', { name: `Сводная ведомость группы ${group.name}` }).waitFor();
    const debtor = page.getByRole('row', { name: new RegExp(roster[1].last_name) });
    await debtor.getByText('ОП.97', { exact: true }).waitFor();
    await page.getByText('Должников: 1.').waitFor();
    await page.context().close();
  });
});
