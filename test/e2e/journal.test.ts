import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatRu, todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { buildAssignment, buildGroup, buildLesson, buildMark, buildStudent, buildUser } from '../factories.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();
const today = todayIn(DEMO_TIME_ZONE);
let lessonId: number;
let closedLessonId: number;
let assignmentId: number;
let studentIds: number[];

beforeAll(async () => {
  const teacher = await suite.s.db
    .selectFrom('users')
    .select(['id', 'person_id', 'organization_id'])
    .where('login', '=', 'teacher')
    .executeTakeFirstOrThrow();
  const a = await suite.s.db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .select(['a.id', 'a.group_id', 'a.subgroup_id'])
    .where('a.teacher_person_id', '=', teacher.person_id)
    .where('t.start_date', '<=', today)
    .where('t.end_date', '>=', today)
    .where('a.subgroup_id', 'is', null)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  assignmentId = a.id;
  const ref = { id: a.id, orgId: teacher.organization_id, teacherPersonId: teacher.person_id };
  // Lessons come from the timetable; these two stand for today's first pair and one three days ago.
  await suite.s.db
    .deleteFrom('lessons')
    .where('assignment_id', '=', a.id)
    .where('date', 'in', [today, addDays(today, -3)])
    .execute();
  lessonId = (await buildLesson(suite.s.db, ref, { date: today, pairNo: 1 })).id;
  closedLessonId = (await buildLesson(suite.s.db, ref, { date: addDays(today, -3), pairNo: 1, topic: 'Прошедшая тема' })).id;
  const members = await suite.s.db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as st', 'st.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .select('gm.student_id')
    .where('gm.group_id', '=', a.group_id)
    .where('gm.start_date', '<=', addDays(today, -3))
    .orderBy('p.sort_key')
    .execute();
  studentIds = members.map((m) => m.student_id);
  await buildMark(suite.s.db, {
    orgId: teacher.organization_id,
    lessonId: closedLessonId,
    studentId: studentIds[0],
    userId: teacher.id,
    value: '3',
  });
});

describe('the journal in the browser', () => {
  it('a teacher records a lesson with the keyboard alone', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    const started = Date.now();
    await page.getByRole('heading', { name: /Мои занятия/ }).waitFor();
    const link = page.locator(`a[href="/journal/lessons/${lessonId}"]`);
    await link.focus();
    await page.keyboard.press('Enter');
    const topic = page.getByLabel(/Тема занятия/);
    await topic.waitFor();
    expect(await topic.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Классификация и свойства неорганических веществ');
    // Tab through the work types: oral is ticked, tick the test with the space bar.
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Фронтальный опрос, тест по теме');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('§ 4, задачи 1–5');
    await page
      .getByLabel(/^Отметки: /)
      .first()
      .focus();
    const count = await page.getByLabel(/^Отметки: /).count();
    const marks = ['н', '5', '4т', 'б', '3 4', '5', '4', 'оп'].slice(0, count);
    for (const m of marks) {
      await page.keyboard.type(m);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Control+Enter');
    await page.getByText(/Занятие \d\d\.\d\d\.\d{4} записано: тема «Классификация и свойства неорганических веществ»/).waitFor();
    await page.getByText('Все изменения сохранены').waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    const saved = await suite.s.db
      .selectFrom('marks')
      .select(['student_id', 'value', 'work_type'])
      .where('lesson_id', '=', lessonId)
      .orderBy('id')
      .execute();
    expect(saved.map((m) => m.value).sort()).toEqual(
      marks
        .flatMap((m) => m.split(' '))
        .map((m) => m.replace('т', ''))
        .sort(),
    );
    expect(saved.find((m) => m.value === '4' && m.work_type === 'test')).toBeTruthy();
    const lesson = await suite.s.db
      .selectFrom('lessons')
      .select(['topic', 'homework', 'work_types', 'recorded_at'])
      .where('id', '=', lessonId)
      .executeTakeFirstOrThrow();
    expect(lesson.topic).toBe('Классификация и свойства неорганических веществ');
    expect(lesson.homework).toBe('§ 4, задачи 1–5');
    expect(JSON.parse(lesson.work_types!)).toEqual(['oral', 'test']);
    // Back home, the lesson is shown as recorded.
    await page.goto(suite.s.url);
    await page
      .locator(`a[href="/journal/lessons/${lessonId}"]`)
      .getByText(/записано/)
      .waitFor();
    await page.context().close();
  });

  it('a late change is refused, requested and approved', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/lessons/${closedLessonId}`);
    await page
      .getByText(`Срок внесения оценок за ${formatRu(addDays(today, -3))} истёк. Подайте заявку на исправление.`)
      .first()
      .waitFor();
    const cell = page.getByLabel(/^Отметки: /).first();
    expect(await cell.inputValue()).toBe('3');
    expect(await cell.getAttribute('readonly')).not.toBeNull();
    await cell.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Заявка на исправление' });
    await dialog.waitFor();
    await dialog.getByLabel(/Новое значение/).fill('4');
    await dialog.getByLabel('Причина исправления').fill('Оценка выставлена ошибочно: ответ был на 4');
    await dialog.getByRole('button', { name: 'Отправить заявку' }).click();
    const sent = await dialog.getByText(/Заявка № \d+ отправлена/).textContent();
    const requestNo = /№ (\d+)/.exec(sent!)![1];
    await dialog.getByRole('button', { name: 'Готово' }).click();
    // Nothing changes before the approval.
    expect(
      (await suite.s.db.selectFrom('marks').select('value').where('lesson_id', '=', closedLessonId).executeTakeFirstOrThrow()).value,
    ).toBe('3');
    await page.context().close();

    const deputy = await loginAs(suite.browser, suite.s.url, 'deputy');
    await deputy.getByRole('navigation').getByRole('link', { name: 'Исправления' }).click();
    const card = deputy.getByRole('region', { name: `Заявка № ${requestNo}` });
    await card.getByText('Оценка выставлена ошибочно: ответ был на 4').waitFor();
    await card.getByRole('button', { name: 'Утвердить' }).click();
    await deputy.getByText(new RegExp(`Заявка № ${requestNo} утверждена: .* — 3 → 4`)).waitFor();
    await deputy.context().close();

    // The director reads every request, without the buttons to decide.
    const director = await loginAs(suite.browser, suite.s.url, 'director');
    await director.getByRole('navigation').getByRole('link', { name: 'Исправления' }).click();
    await director.getByRole('tab', { name: 'Утверждённые' }).click();
    const seen = director.getByRole('region', { name: `Заявка № ${requestNo}` });
    await seen.getByText('Оценка выставлена ошибочно: ответ был на 4').waitFor();
    expect(await seen.getByRole('button', { name: 'Утвердить' }).count()).toBe(0);
    await director.context().close();

    const again = await loginAs(suite.browser, suite.s.url, 'teacher');
    await again.goto(`${suite.s.url}/journal/lessons/${closedLessonId}`);
    expect(
      await again
        .getByLabel(/^Отметки: /)
        .first()
        .inputValue(),
    ).toBe('4');
    await again
      .getByRole('button', { name: /^История: / })
      .first()
      .click();
    const history = again.getByRole('dialog', { name: 'История клетки' });
    await history.getByText(`по заявке № ${requestNo}`).waitFor();
    await again.context().close();
  });

  it('the grid is typed into like a spreadsheet', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/grid/${assignmentId}`);
    const grid = page.getByRole('grid');
    await grid.waitFor();
    // The cursor starts on today's column, first student.
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    const activeCol = await page.evaluate(() => document.activeElement!.getAttribute('data-cell'));
    expect(activeCol).not.toBeNull();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.getByText('Все изменения сохранены').waitFor();
    const [r, c] = activeCol!.split(':').map(Number);
    expect(await page.locator(`[data-cell="${r + 2}:${c}"]`).textContent()).toContain('2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Backspace');
    await page.getByText('Все изменения сохранены').waitFor();
    expect((await page.locator(`[data-cell="${r + 1}:${c}"]`).textContent())?.trim()).toBe('');
    await page.context().close();
  });
});

describe('pasting from Excel', () => {
  it('a column pasted into the grid fills the cells down from the cursor', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/grid/${assignmentId}`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    const at = (await page.evaluate(() => document.activeElement!.getAttribute('data-cell')))!;
    const [, c] = at.split(':').map(Number);
    // Empty cells: a paste over marks first asks (keep-work.test.ts).
    await suite.s.db.deleteFrom('marks').where('lesson_id', '=', lessonId).where('student_id', 'in', studentIds.slice(0, 3)).execute();
    await page.reload();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    await page.locator(`[data-cell="0:${c}"]`).click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '3\r\n4к\r\nб\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.getByText(/Вставлено клеток: 3\./).waitFor();
    for (let i = 0; i < 100 && (await page.locator('.save-state').textContent()) !== 'Все изменения сохранены'; i++)
      await page.waitForTimeout(100);
    expect((await page.locator(`[data-cell="0:${c}"]`).textContent())?.trim()).toBe('3');
    expect((await page.locator(`[data-cell="1:${c}"]`).textContent())?.trim()).toBe('4к');
    expect((await page.locator(`[data-cell="2:${c}"]`).textContent())?.trim()).toBe('б');
    const marks = await suite.s.db
      .selectFrom('marks')
      .select(['student_id', 'value'])
      .where('lesson_id', '=', lessonId)
      .where('student_id', 'in', studentIds.slice(0, 3))
      .execute();
    expect(marks.map((m) => m.value).sort()).toEqual(['3', '4', 'б']);
    await page.context().close();
  });
});

describe('the curator', () => {
  it('excuses absences with a справка on the group page; the teacher’s «н» stays', async () => {
    const curator = await suite.s.db
      .selectFrom('users')
      .innerJoin('groups', 'groups.curator_person_id', 'users.person_id')
      .select(['groups.id as groupId'])
      .where('users.login', '=', 'curator')
      .executeTakeFirstOrThrow();
    const countН = async () =>
      Number(
        (
          await suite.s.db
            .selectFrom('marks')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('value', '=', 'н')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countН();
    const page = await loginAs(suite.browser, suite.s.url, 'curator');
    await page.goto(`${suite.s.url}/groups/${curator.groupId}`);
    const section = page.getByRole('region', { name: 'Пропуски и справки' });
    await section.getByRole('heading', { name: 'Внести справку' }).waitFor();
    // A «н» of the group no справка covers yet: its student and day are excused.
    const open = await suite.s.db
      .selectFrom('marks as m')
      .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
      .innerJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 'm.student_id').on('gm.end_date', 'is', null))
      .select(['m.student_id', 'l.date'])
      .where('m.value', '=', 'н')
      .where('gm.group_id', '=', curator.groupId)
      .where('l.date', '<=', today)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('absence_excuses as e')
              .select('e.id')
              .whereRef('e.student_id', '=', 'm.student_id')
              .where('e.revoked_at', 'is', null)
              .whereRef('e.from_date', '<=', 'l.date')
              .whereRef('e.to_date', '>=', 'l.date'),
          ),
        ),
      )
      .orderBy('l.date', 'desc')
      .executeTakeFirstOrThrow();
    await section.getByLabel('Обучающийся').selectOption(String(open.student_id));
    await section.getByLabel('С даты', { exact: true }).fill(open.date);
    await section.getByLabel('По дату', { exact: true }).fill(open.date);
    await section.getByLabel('Документ').fill('Справка № 42');
    await section.getByRole('button', { name: 'Признать пропуски уважительными' }).click();
    await section.getByText(/признаны уважительными .*Отметки преподавателей сохранены/).waitFor();
    await section.getByRole('cell', { name: /Справка № 42/ }).waitFor();
    expect(await countН()).toBe(before);
    await page.context().close();
  });
});

describe('saving survives trouble', () => {
  it('a dropped connection is retried and never duplicates a mark', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    let dropped = 0;
    // The first write reaches the server, but its answer is lost on the way back.
    await page.route('**/api/v1/journal/marks**', async (route) => {
      if (dropped++ === 0) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto(`${suite.s.url}/journal/lessons/${lessonId}`);
    const cells = page.getByLabel(/^Отметки: /);
    const last = cells.nth((await cells.count()) - 1);
    await last.fill('');
    await last.focus();
    await page.keyboard.type('5к');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 100 && dropped < 2; i++) await page.waitForTimeout(100);
    expect(dropped).toBeGreaterThanOrEqual(2);
    await page.getByText('Все изменения сохранены').waitFor();
    const student = studentIds[(await cells.count()) - 1];
    const rows = await suite.s.db
      .selectFrom('marks')
      .select(['value', 'work_type'])
      .where('lesson_id', '=', lessonId)
      .where('student_id', '=', student)
      .execute();
    expect(rows).toEqual([{ value: '5', work_type: 'control' }]);
    const events = await suite.s.db
      .selectFrom('mark_events')
      .select('op_id')
      .where('lesson_id', '=', lessonId)
      .where('student_id', '=', student)
      .where('op_id', 'is not', null)
      .execute();
    expect(new Set(events.map((e) => e.op_id)).size).toBe(events.length);
    await page.context().close();
  });

  it('a cell changed in another tab is not overwritten: the current value is shown', async () => {
    const page = await loginAs(suite.browser, suite.s.url, 'teacher');
    await page.goto(`${suite.s.url}/journal/lessons/${lessonId}`);
    const first = page.getByLabel(/^Отметки: /).first();
    const before = await first.inputValue();
    // Another tab changes the same cell first.
    const mark = await suite.s.db
      .selectFrom('marks')
      .select(['id', 'version', 'kind'])
      .where('lesson_id', '=', lessonId)
      .where('student_id', '=', studentIds[0])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const other = await loginAs(suite.browser, suite.s.url, 'teacher');
    const status = await other.evaluate(
      async ({ id, version, value }) => {
        const me = await (await fetch('/api/v1/auth/me')).json();
        const r = await fetch(`/api/v1/journal/marks/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ version, value }),
        });
        return r.status;
      },
      { id: mark.id, version: mark.version, value: mark.kind === 'absence' ? 'б' : '3' },
    );
    expect(status).toBe(200);
    await first.fill(mark.kind === 'absence' ? 'уп' : '2');
    await page.keyboard.press('Enter');
    await page.getByText(/Отметку уже изменили: сейчас «(б|3)»/).waitFor();
    expect(before).not.toBe('');
    await other.context().close();
    await page.context().close();
  });
});

describe('a full term renders and scrolls smoothly', () => {
  it('35 students × 120 lessons', async () => {
    const org = await suite.s.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const teacher = await buildUser(suite.s.db, { orgId: org.id, roles: ['teacher'], login: 'big-teacher', password: 'demo' });
    const group = await buildGroup(suite.s.db, { orgId: org.id, name: 'БОЛ-26' });
    const students = [];
    for (let i = 0; i < 35; i++) students.push(await buildStudent(suite.s.db, group, { since: addDays(today, -200) }));
    const term = await suite.s.db
      .selectFrom('terms')
      .select('id')
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const a = await buildAssignment(suite.s.db, { group, teacherPersonId: teacher.personId, termId: term.id });
    const values = ['5', '4', '3', 'н', '5', '4', '2', 'б'];
    for (let i = 0; i < 120; i++) {
      const l = await buildLesson(suite.s.db, a, {
        date: addDays(today, -Math.floor(i / 2) - 1),
        pairNo: 1 + (i % 2),
        topic: `Тема ${i + 1}`,
      });
      for (let k = 0; k < 3; k++)
        await buildMark(suite.s.db, {
          orgId: org.id,
          lessonId: l.id,
          studentId: students[(i * 3 + k) % 35].id,
          userId: teacher.id,
          value: values[(i + k) % values.length],
        });
    }
    const page = await loginAs(suite.browser, suite.s.url, 'big-teacher');
    const t0 = Date.now();
    await page.goto(`${suite.s.url}/journal/grid/${a.id}`);
    await page.locator('[data-cell="34:119"]').waitFor();
    const renderMs = Date.now() - t0;
    const frames = await page.evaluate(async () => {
      const wrap = document.querySelector('.journal-wrap') as HTMLElement;
      const times: number[] = [];
      let last = performance.now();
      // Scrolled as a wheel does: 120 px a step, across the term and down the list, and back.
      const steps: [number, number][] = [];
      for (let x = 0; x <= wrap.scrollWidth; x += 120) steps.push([x, 0]);
      for (let y = 0; y <= wrap.scrollHeight; y += 120) steps.push([wrap.scrollWidth, y]);
      for (let x = wrap.scrollWidth; x >= 0; x -= 120) steps.push([x, wrap.scrollHeight]);
      for (const [x, y] of steps) {
        wrap.scrollLeft = x;
        wrap.scrollTop = y;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((x, y) => x - y);
      return { p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], max: times.at(-1)!, n: times.length };
    });
    console.log(
      `Журнал 35 × 120 в Chromium: открыт за ${renderMs} мс; прокрутка — кадр p50 ${frames.p50.toFixed(1)} мс, p95 ${frames.p95.toFixed(1)} мс, максимум ${frames.max.toFixed(1)} мс (${frames.n} кадров)`,
    );
    // Smooth: the typical frame keeps 60 fps; no stall beyond a few frames even on a busy machine.
    expect(frames.p50).toBeLessThan(25);
    expect(frames.p95).toBeLessThan(100);
    // Moving the cursor across the grid re-renders only the rows it touches.
    await page.locator('[data-cell="0:0"]').click();
    const k0 = Date.now();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
    const perKey = (Date.now() - k0) / 50;
    console.log(`Перемещение курсора: ${perKey.toFixed(1)} мс на нажатие`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('20:30');
    await page.context().close();
  });
});
