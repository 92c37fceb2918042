import { describe, expect, it } from 'vitest';
import { addDays, todayIn, weekday } from '../../src/domain/dates.js';
import { shortNameIn } from '../../src/domain/name-cases.js';
import { shortName } from '../../src/domain/text.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildAssignment, buildGroup, buildSubject } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// The methodologist builds a new group's week, meets a teacher clash, resolves it, records a
// substitution for tomorrow; the substitute then finds the lesson in their own week.
const suite = demoBrowserSuite();

const DAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];

describe('timetable: a group’s week, a clash, a substitution', () => {
  it('the methodologist builds the week and records a substitution; the substitute sees it', async () => {
    const db = suite.s.db;
    const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const today = todayIn(DEMO_TIME_ZONE);
    const tomorrow = weekday(addDays(today, 1)) === 7 ? addDays(today, 2) : addDays(today, 1);
    const term = await db
      .selectFrom('terms')
      .select(['id', 'start_date', 'end_date'])
      .where('organization_id', '=', org.id)
      .where('start_date', '<=', tomorrow)
      .where('end_date', '>=', tomorrow)
      .executeTakeFirstOrThrow();

    // The substitute-to-be: the demo teacher; a colleague teaches the second subject.
    const andreeva = await db
      .selectFrom('users')
      .innerJoin('persons', 'persons.id', 'users.person_id')
      .select(['persons.id', 'last_name', 'first_name', 'middle_name'])
      .where('users.login', '=', 'teacher')
      .executeTakeFirstOrThrow();
    const entries = await db
      .selectFrom('timetable_entries')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('term_id', '=', term.id)
      .execute();
    const busyOn = (personId: number, date: string) =>
      new Set(entries.filter((e) => e.teacher_person_id === personId && e.weekday === weekday(date)).map((e) => e.pair_no));
    const lessonsTomorrow = await db
      .selectFrom('lessons')
      .select(['teacher_person_id', 'pair_no'])
      .where('organization_id', '=', org.id)
      .where('date', '=', tomorrow)
      .execute();
    const busyTomorrow = (personId: number) =>
      new Set([...busyOn(personId, tomorrow), ...lessonsTomorrow.filter((l) => l.teacher_person_id === personId).map((l) => l.pair_no)]);
    const teachers = await db
      .selectFrom('staff_roles')
      .innerJoin('persons', 'persons.id', 'staff_roles.person_id')
      .select(['persons.id', 'last_name', 'first_name', 'middle_name', 'gender'])
      .where('staff_roles.organization_id', '=', org.id)
      .where('role', '=', 'teacher')
      .where('persons.id', '!=', andreeva.id)
      .execute();
    let colleague = teachers[0];
    let subPair = 0;
    for (const t of teachers) {
      const p = [1, 2, 3, 4, 5, 6].find((n) => !busyTomorrow(t.id).has(n) && !busyTomorrow(andreeva.id).has(n));
      if (p) {
        colleague = t;
        subPair = p;
        break;
      }
    }
    expect(subPair).toBeGreaterThan(0);
    // Where Андреева already teaches every week (the clash), and a slot free for her.
    const clashAt = entries.find(
      (e) =>
        e.teacher_person_id === andreeva.id &&
        e.parity === 'all' &&
        e.valid_from <= today &&
        e.valid_to >= addDays(today, 14) &&
        !(e.weekday === weekday(tomorrow) && e.pair_no === subPair),
    )!;
    expect(clashAt).toBeTruthy();
    let freeAt = { weekday: 0, pair: 0 };
    for (const wd of [1, 2, 3, 4, 5, 6]) {
      for (const p of [1, 2, 3, 4, 5, 6]) {
        const taken = entries.some((e) => e.teacher_person_id === andreeva.id && e.weekday === wd && e.pair_no === p);
        if (!taken && !(wd === weekday(tomorrow) && p === subPair) && !freeAt.weekday) freeAt = { weekday: wd, pair: p };
      }
    }

    const group = await buildGroup(db, { orgId: org.id, name: 'ТЕСТ-26', course: 1 });
    const subjA = await buildSubject(db, org.id, { programId: group.programId, code: 'ОП.77', name: 'Основы тестирования' });
    const subjB = await buildSubject(db, org.id, { programId: group.programId, code: 'ОП.78', name: 'Сервисная деятельность' });
    await buildAssignment(db, { group, termId: term.id, teacherPersonId: andreeva.id, subjectId: subjA.id, hours: 300 });
    const b = await buildAssignment(db, { group, termId: term.id, teacherPersonId: colleague.id, subjectId: subjB.id, hours: 300 });
    const labelA = `ОП.77 Основы тестирования — ${shortName(andreeva)}`;
    const labelB = `ОП.78 Сервисная деятельность — ${shortName(colleague)}`;

    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.getByRole('link', { name: 'Составить неделю группы' }).click();
    await page.getByLabel('Группа').selectOption({ label: 'ТЕСТ-26' });
    await page.getByText('Нагрузка группы на семестр').waitFor();
    const cell = (wd: number, p: number) => `${DAYS[wd]}, ${p} пара`;
    await page.getByLabel(`${cell(clashAt.weekday, clashAt.pair_no)}: предмет`, { exact: true }).selectOption({ label: labelA });
    await page.getByLabel(`${cell(clashAt.weekday, clashAt.pair_no)}: аудитория`).fill('999');
    await page.getByLabel(`${cell(weekday(tomorrow), subPair)}: предмет`, { exact: true }).selectOption({ label: labelB });
    await page.getByLabel(`${cell(weekday(tomorrow), subPair)}: аудитория`).fill('998');
    await page.getByRole('button', { name: 'Сохранить неделю' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(`Преподаватель ${shortName(andreeva)} уже ведёт занятие`);

    // Resolved: the subject goes to a pair where Андреева is free.
    await page.getByRole('button', { name: `${cell(clashAt.weekday, clashAt.pair_no)}: убрать ${labelA}` }).click();
    await page.getByLabel(`${cell(freeAt.weekday, freeAt.pair)}: предмет`, { exact: true }).selectOption({ label: labelA });
    await page.getByLabel(`${cell(freeAt.weekday, freeAt.pair)}: аудитория`).fill('999');
    await page.getByRole('button', { name: 'Сохранить неделю' }).click();
    await page.getByText(/Расписание ТЕСТ-26 с .* сохранено/).waitFor();
    expect(await db.selectFrom('timetable_entries').select('id').where('group_id', '=', group.id).execute()).toHaveLength(2);

    // A substitution for tomorrow, from the home page.
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Главная' }).click();
    await page.getByRole('link', { name: /^Записать замену на/ }).click();
    await page.getByRole('button', { name: `Изменить: ${subPair} пара, ТЕСТ-26, Сервисная деятельность` }).click();
    await page
      .getByLabel('Замещающий преподаватель')
      .selectOption({ label: `${andreeva.last_name} ${andreeva.first_name} ${andreeva.middle_name}` });
    await page.getByLabel('Причина').fill('Больничный лист');
    await page.getByRole('button', { name: 'Сохранить изменение' }).click();
    await page.getByText(/Замена записана/).waitFor();
    const lesson = await db
      .selectFrom('lessons')
      .selectAll()
      .where('assignment_id', '=', b.id)
      .where('date', '=', tomorrow)
      .executeTakeFirstOrThrow();
    expect([lesson.teacher_person_id, lesson.planned_teacher_person_id]).toEqual([andreeva.id, colleague.id]);
    await page.context().close();

    // The substitute finds it in their own week.
    const t = await loginAs(suite.browser, suite.s.url, 'teacher');
    await t.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Расписание' }).click();
    await t.getByRole('heading', { name: /Расписание: Преподаватель/ }).waitFor();
    if (addDays(tomorrow, 1 - weekday(tomorrow)) !== addDays(today, 1 - weekday(today)))
      await t.getByRole('button', { name: 'Следующая неделя →' }).click();
    const item = t.locator('.tt-lesson', { hasText: 'Сервисная деятельность' });
    await item.waitFor();
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('Замена');
    expect(itemText).toContain('ТЕСТ-26');
    expect(itemText).toContain(`вместо ${shortNameIn(colleague, 'genitive')}`);
    await t.context().close();
  });

  it('a teacher adds an unscheduled lesson with a reason from their week', async () => {
    const t = await loginAs(suite.browser, suite.s.url, 'teacher');
    await t.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Расписание' }).click();
    await t.getByRole('button', { name: 'Добавить занятие вне расписания' }).click();
    const choice = t.getByLabel('Группа и предмет');
    const value = await choice.locator('option').nth(1).getAttribute('value');
    await choice.selectOption(value!);
    await t.getByLabel('Пара').fill('6');
    await t.getByLabel('Причина').fill('Консультация перед контрольной работой');
    await t.getByRole('button', { name: 'Добавить занятие' }).click();
    await t.getByText(/Занятие вне расписания добавлено/).waitFor();
    const item = t.locator('.tt-lesson', { hasText: 'Консультация перед контрольной работой' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Вне расписания');
    const row = await suite.s.db
      .selectFrom('lessons')
      .select(['source', 'pair_no'])
      .where('unscheduled_reason', '=', 'Консультация перед контрольной работой')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'manual', pair_no: 6 });
    await t.context().close();
  });
});
