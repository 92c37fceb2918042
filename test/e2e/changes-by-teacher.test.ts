import { describe, expect, it } from 'vitest';
import type { DayPlan } from '../../src/contracts/timetable.js';
import { addDays, todayIn, weekday } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { ApiClient } from '../server.js';
import { demoBrowserSuite, loginAs } from './browser.js';

const suite = demoBrowserSuite();

describe('Замены: a sick teacher’s day at a glance', () => {
  it('the day’s lessons filter by teacher, the substituted ones included', async () => {
    const today = todayIn(DEMO_TIME_ZONE);
    const date = weekday(addDays(today, 1)) === 7 ? addDays(today, 2) : addDays(today, 1);
    const api = await new ApiClient(suite.s.url).login('methodist', 'demo');
    const day = (await api.get<DayPlan>(`/timetable/day?date=${date}`)).body;
    // The teacher with the most lessons that day falls ill; a colleague free at that pair takes the first one.
    const counts = new Map<number, number>();
    for (const l of day.lessons) counts.set(l.teacherPersonId, (counts.get(l.teacherPersonId) ?? 0) + 1);
    const [sickId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const own = day.lessons.filter((l) => l.teacherPersonId === sickId);
    const first = own[0];
    const sub = day.teachers.find((t) => t.personId !== sickId && !t.busyPairs.includes(first.pairNo!))!;
    const r = await api.post('/timetable/changes', {
      entryId: first.entryId,
      date,
      kind: 'substitute',
      teacherPersonId: sub.personId,
      reason: 'Больничный',
    });
    expect(r.status).toBe(200);

    const page = await loginAs(suite.browser, suite.s.url, 'methodist');
    await page.goto(`${suite.s.url}/timetable/changes?date=${date}`);
    const rows = page.locator('table.list tbody tr');
    await rows.first().waitFor();
    const all = await rows.count();
    await page.getByLabel('Преподаватель').selectOption(String(sickId));
    await page
      .getByRole('status')
      .filter({ hasText: `${first.teacherName},` })
      .getByText(`занятий в расписании — ${own.length}; заменено — 1,`, { exact: false })
      .waitFor();
    expect(await rows.count()).toBe(own.length);
    expect(own.length).toBeLessThan(all);
    const teacherCells = await rows.locator('td:nth-child(4)').allTextContents();
    // The substituted lesson names the sick teacher in the genitive: «вместо Новиковой М. И.».
    const after = (await api.get<DayPlan>(`/timetable/day?date=${date}`)).body.lessons;
    const gen = after.find((l) => l.entryId === first.entryId && l.plannedTeacherPersonId === sickId)?.plannedTeacherNameGen;
    expect(gen).toBeTruthy();
    expect(teacherCells.filter((t) => t.includes(`вместо ${gen}`))).toHaveLength(1);
    expect(teacherCells.every((t) => t.includes(first.teacherName) || t.includes(`вместо ${gen}`))).toBe(true);
    // The filter is in the address: a link to the sick teacher's day.
    expect(new URL(page.url()).searchParams.get('teacher')).toBe(String(sickId));
    await page.context().close();
  });
});
