import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildAssignment, buildLesson, buildMark, buildSubject } from '../factories.js';
import { buildMarkCorrection } from '../factories-attestation.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

const today = todayIn(DEMO_TIME_ZONE);

async function userOf(login: string) {
  return suite.s.db.selectFrom('users').select(['id', 'person_id', 'organization_id']).where('login', '=', login).executeTakeFirstOrThrow();
}

/** The demo student's group and the term today falls in. */
async function studentGroup(login: string) {
  const u = await userOf(login);
  const st = await suite.s.db.selectFrom('students').select('id').where('person_id', '=', u.person_id).executeTakeFirstOrThrow();
  const gm = await suite.s.db
    .selectFrom('group_memberships as gm')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['g.id', 'g.program_id'])
    .where('gm.student_id', '=', st.id)
    .executeTakeFirstOrThrow();
  const term = await suite.s.db
    .selectFrom('terms')
    .select('id')
    .where('organization_id', '=', u.organization_id)
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .executeTakeFirstOrThrow();
  return {
    orgId: u.organization_id,
    studentId: st.id,
    group: { id: gm.id, orgId: u.organization_id, programId: gm.program_id },
    termId: term.id,
  };
}

describe('a guardian on a phone', () => {
  it("sees today's grade and a corrected one, switches children, and opens the grades of the term", async () => {
    const g = await studentGroup('student');
    const teacher = await userOf('teacher');
    const subject = await buildSubject(suite.s.db, g.orgId, {
      programId: g.group.programId,
      code: 'ОП.99',
      name: 'Микробиология, санитария и гигиена',
    });
    const a = await buildAssignment(suite.s.db, {
      group: g.group,
      teacherPersonId: teacher.person_id,
      termId: g.termId,
      subjectId: subject.id,
      hours: 36,
    });
    const earlier = await buildLesson(suite.s.db, a, { date: addDays(today, -7), topic: 'Морфология микроорганизмов' });
    const now = await buildLesson(suite.s.db, a, { date: today, pairNo: 2, topic: 'Микрофлора воздуха и воды' });
    await suite.s.db.updateTable('lessons').set({ homework: 'Конспект § 4, таблица 2' }).where('id', '=', now.id).execute();
    await buildMark(suite.s.db, { orgId: g.orgId, lessonId: now.id, studentId: g.studentId, userId: teacher.id, value: '5' });
    const m = await buildMark(suite.s.db, {
      orgId: g.orgId,
      lessonId: earlier.id,
      studentId: g.studentId,
      userId: teacher.id,
      value: '3',
      workType: 'control',
    });
    await buildMarkCorrection(suite.s.db, { markId: m.id, userId: teacher.id, value: '4', reason: 'Ошибка при вводе' });

    const page = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', { width: 360, height: 740 });
    const panel = page.getByRole('region', { name: 'Сегодня' });
    // Two children: Артём comes first in Russian order; switch to Дарья.
    await panel.getByRole('button', { name: /Дарья/ }).click();
    await panel.getByText('Микрофлора воздуха и воды').waitFor();
    await panel.getByText('Конспект § 4, таблица 2').waitFor();
    expect(await panel.getByLabel(/^Оценка 5/).count()).toBe(1);
    await panel.getByText(/Исправлено .*«3» → «4»\. Причина: Ошибка при вводе/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await panel.getByRole('button', { name: /Артём/ }).click();
    await panel.getByRole('button', { name: /Артём/, pressed: true }).waitFor();
    expect(await panel.getByText('Микрофлора воздуха и воды').count()).toBe(0);

    await panel.getByRole('button', { name: /Дарья/ }).click();
    await panel.getByRole('link', { name: 'Все оценки' }).click();
    const subj = page.getByRole('region', { name: 'Микробиология, санитария и гигиена' });
    await subj.waitFor();
    await subj.getByText(/Исправлено .*«3» → «4»/).waitFor();
    expect(await subj.getByText('Средний балл: 4,50').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});

describe("a teacher's term grade", () => {
  it('is held back by missing grades, then set — once the grade is added, and once with a reason the deputy sees', async () => {
    const g = await studentGroup('student');
    const teacher = await userOf('teacher');
    const subject = await buildSubject(suite.s.db, g.orgId, { programId: g.group.programId, code: 'ОП.98', name: 'Техническое оснащение' });
    const a = await buildAssignment(suite.s.db, {
      group: g.group,
      teacherPersonId: teacher.person_id,
      termId: g.termId,
      subjectId: subject.id,
      hours: 36,
    });
    const l1 = await buildLesson(suite.s.db, a, { date: addDays(today, -14), topic: 'Тема 1' });
    const l2 = await buildLesson(suite.s.db, a, { date: addDays(today, -7), topic: 'Тема 2' });
    await buildMark(suite.s.db, { orgId: g.orgId, lessonId: l1.id, studentId: g.studentId, userId: teacher.id, value: '5' });
    const roster = await suite.s.db
      .selectFrom('group_memberships as gm')
      .innerJoin('students as st', 'st.id', 'gm.student_id')
      .innerJoin('persons as p', 'p.id', 'st.person_id')
      .select(['st.id', 'p.last_name', 'p.first_name', 'p.middle_name'])
      .where('gm.group_id', '=', g.group.id)
      .where('st.id', '!=', g.studentId)
      .orderBy('p.sort_key')
      .execute();
    const other = roster[0];
    const otherName = `${other.last_name} ${other.first_name} ${other.middle_name ?? ''}`.trim();
    await buildMark(suite.s.db, { orgId: g.orgId, lessonId: l1.id, studentId: other.id, userId: teacher.id, value: '4' });

    // From the group's grid, one click to who lacks grades before the term grade (UX.md).
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/grid/${a.id}`);
    await page.getByRole('link', { name: /Ведомость: кому не хватает оценок/ }).click();
    await page.getByRole('heading', { name: /Ведомость: .*ОП\.98 Техническое оснащение/ }).waitFor();

    // Лёвкина has one grade of the two required: the grade is held back with the list of what is missing.
    const dasha = page.getByLabel('Семестровая оценка: Лёвкина Дарья Андреевна', { exact: true });
    await dasha.selectOption('5');
    await page.getByRole('button', { name: 'Сохранить: Семестровая оценка: Лёвкина Дарья Андреевна' }).click();
    const held = page.getByRole('alert').filter({ hasText: 'не хватает' });
    await held.getByText('Нужно не менее 2 оценок, выставлено 1').waitFor();
    await held.getByRole('button', { name: 'Отмена' }).click();
    expect(await dasha.inputValue()).toBe('');

    // The teacher adds the missing grade in the journal; the term grade then goes through.
    await buildMark(suite.s.db, { orgId: g.orgId, lessonId: l2.id, studentId: g.studentId, userId: teacher.id, value: '5' });
    await page.reload();
    await page.getByRole('button', { name: 'Выставить предложенные оценки (1)' }).waitFor();
    await page.getByLabel('Семестровая оценка: Лёвкина Дарья Андреевна', { exact: true }).selectOption('5');
    await page.getByLabel('Семестровая оценка: Лёвкина Дарья Андреевна', { exact: true }).press('Enter');
    await page.getByText('Семестровая оценка выставлена: Лёвкина Д. А. — «5».').waitFor();

    // Another student still lacks a grade: set with a reason.
    await page.getByLabel(`Семестровая оценка: ${otherName}`, { exact: true }).selectOption('4');
    await page.getByRole('button', { name: `Сохранить: Семестровая оценка: ${otherName}` }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'не хватает' });
    await alert.getByLabel('Причина').fill('Длительная болезнь, работы сданы на консультации');
    await alert.getByRole('button', { name: 'Выставить с обоснованием' }).click();
    await page.getByText(/Выставлена без полного набора оценок, причина записана/).waitFor();
    expect(await page.getByText('с обоснованием', { exact: true }).count()).toBe(1);
    await page.context().close();

    const deputy = await loginAs(suite.browser, suite.s.url, 'deputy');
    await deputy.getByRole('link', { name: 'Кто, почему и чего не хватало →' }).click();
    const row = deputy.getByRole('row').filter({ hasText: otherName });
    await row.getByText('Длительная болезнь, работы сданы на консультации').waitFor();
    await row.getByText('Нужно не менее 2 оценок, выставлено 1').waitFor();
    await row.getByText('Андреева Мария Владимировна').waitFor();
    await deputy.context().close();
  });
});
