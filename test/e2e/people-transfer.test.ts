import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { buildAssignment, buildLesson, buildMark } from '../factories.js';
import { groupRoster } from '../../src/server/people/roster.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const TODAY = '2026-11-28';
const suite = demoBrowserSuite(60, TODAY);

describe('movement (п. 3.4)', () => {
  it('a transfer keeps the old records visible in the old group for those dates', async () => {
    const groups = await suite.s.db
      .selectFrom('groups')
      .select(['id', 'name', 'organization_id', 'program_id'])
      .where('course', '=', 1)
      .orderBy('id')
      .execute();
    const [from, to] = groups;
    const st = await suite.s.db
      .selectFrom('group_memberships as gm')
      .innerJoin('students as st', 'st.id', 'gm.student_id')
      .innerJoin('persons as p', 'p.id', 'st.person_id')
      .select(['st.id', 'p.last_name', 'p.first_name'])
      .where('gm.group_id', '=', from.id)
      .where('gm.end_date', 'is', null)
      .where('st.status', '=', 'active')
      .orderBy('p.sort_key')
      .executeTakeFirstOrThrow();
    // A grade recorded in the old group before the transfer.
    const admin = await suite.s.db.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
    const term = await suite.s.db
      .selectFrom('terms')
      .select('id')
      .where('start_date', '<=', '2026-10-01')
      .where('end_date', '>=', '2026-10-01')
      .executeTakeFirstOrThrow();
    const a = await buildAssignment(suite.s.db, {
      group: { id: from.id, orgId: from.organization_id, programId: from.program_id },
      termId: term.id,
    });
    const lesson = await buildLesson(suite.s.db, a, { date: '2026-10-01', topic: 'Санитарные требования' });
    await buildMark(suite.s.db, { orgId: from.organization_id, lessonId: lesson.id, studentId: st.id, userId: admin.id, value: '4' });

    const page = await loginAs(suite.browser, suite.s.url, 'admin');
    await page.goto(`${suite.s.url}/students/${st.id}`);
    await page.getByRole('heading', { name: new RegExp(`^${st.last_name} ${st.first_name}`) }).waitFor();
    const form = page.getByRole('form', { name: 'Оформить движение' });
    await form.getByLabel('Событие').selectOption('transfer');
    await form.getByLabel('С даты').fill('2026-11-16');
    await form.getByLabel('В группу').selectOption(String(to.id));
    await form.getByLabel('Номер приказа').fill('245-к');
    await form.getByLabel('Основание').fill('Личное заявление');
    await form.getByRole('button', { name: 'Оформить' }).click();
    await page.getByText(`Перевод: ${st.last_name} ${st.first_name}`).waitFor();
    await page.getByText(`с 16.11.2026`).first().waitFor();

    // The history shows both groups; the old one up to the day before.
    const history = page.getByRole('region', { name: 'Группы по датам' });
    await history.waitFor();
    expect(await history.textContent()).toMatch(new RegExp(`${from.name}: с \\d\\d\\.\\d\\d\\.2026 по 15\\.11\\.2026`));
    expect(await history.textContent()).toContain(`${to.name}: с 16.11.2026 по настоящее время`);

    // The old group today lists the student among those who left, and on an earlier date in its list.
    await page.goto(`${suite.s.url}/groups/${from.id}`);
    const left = page.getByRole('region', { name: 'Выбывшие в этом учебном году' });
    await left
      .getByRole('link', { name: `${st.last_name} ${st.first_name}`, exact: false })
      .first()
      .waitFor();
    expect(await left.textContent()).toContain('по 15.11.2026');
    await page.goto(`${suite.s.url}/groups/${from.id}?date=2026-10-01`);
    await page
      .getByRole('region', { name: 'Обучающиеся и родители' })
      .getByRole('link', { name: new RegExp(`^${st.last_name} ${st.first_name}`) })
      .waitFor();
    await page.goto(`${suite.s.url}/groups/${to.id}?date=2026-10-01`);
    await page.getByRole('region', { name: 'Обучающиеся и родители' }).waitFor();
    expect(
      await page
        .getByRole('region', { name: 'Обучающиеся и родители' })
        .getByRole('link', { name: new RegExp(`^${st.last_name} ${st.first_name}`) })
        .count(),
    ).toBe(0);

    // The journal's roster keeps the student in the old group for the dates of the grade.
    const roster = await groupRoster(suite.s.db, from.organization_id, from.id, { from: '2026-09-01', to: addDays(TODAY, 0) });
    expect(roster.find((r) => r.studentId === st.id)).toMatchObject({ to: '2026-11-15' });
    const marks = await suite.s.db.selectFrom('marks').select('value').where('lesson_id', '=', lesson.id).execute();
    expect(marks.map((m) => m.value)).toEqual(['4']);
    await page.context().close();
  });
});
