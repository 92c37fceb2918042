import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { now } from '../../src/domain/clock.js';
import { todayIn } from '../../src/domain/dates.js';
import { DEMO_TIME_ZONE } from '../../src/server/demo/seed.js';
import { loadNotifyConfig } from '../../src/server/notify/config.js';
import { DeliveryWorker } from '../../src/server/notify/delivery.js';
import { HOLD_MINUTES, releaseHeldMarks } from '../../src/server/notify/guardian-marks.js';
import { buildLesson } from '../factories.js';
import { mailText, startMailbox, type Mailbox } from '../mail-servers.js';
import { demoBrowserSuite, loginAs } from './browser.js';

// Issue 14, the first browser journey: a teacher's «2» reaches a guardian by e-mail and in-app.
// The guardian chooses «only 2» by e-mail, the teacher types «2» in the journal grid, the hold
// passes (the test clock moves the release past NOTIFY_HOLD_MINUTES), the delivery worker sends
// to a real in-process SMTP server, and the guardian sees the bell and the notification.
const suite = demoBrowserSuite();
const today = todayIn(DEMO_TIME_ZONE);
let mailbox: Mailbox;
let worker: DeliveryWorker;
let assignmentId: number;
let lessonId: number;
let row: number;
let subject: string;
const EMAIL = 'levkina.mama@mail.test';

beforeAll(async () => {
  mailbox = await startMailbox();
  const cfg = loadNotifyConfig({
    smtp: { host: '127.0.0.1', port: mailbox.port, secure: false, user: null, password: null, from: 'Колледж <journal@college.test>' },
    publicUrl: suite.s.url,
  });
  worker = new DeliveryWorker(suite.s.db, suite.s.engine, cfg);
  const db = suite.s.db;
  const teacher = await db
    .selectFrom('users')
    .select(['person_id', 'organization_id'])
    .where('login', '=', 'teacher')
    .executeTakeFirstOrThrow();
  const parent = await db.selectFrom('users').select('person_id').where('login', '=', 'parent').executeTakeFirstOrThrow();
  await db.updateTable('persons').set({ email: EMAIL }).where('id', '=', parent.person_id).execute();
  // The parent's first child (Лёвкина Дарья, in the curator's group) and a subject of her group this term.
  const child = await db
    .selectFrom('guardian_links as gl')
    .innerJoin('group_memberships as gm', 'gm.student_id', 'gl.student_id')
    .innerJoin('students as st', 'st.id', 'gl.student_id')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .select(['gl.student_id', 'gm.group_id'])
    .where('gl.guardian_person_id', '=', parent.person_id)
    .where('p.last_name', '=', 'Лёвкина')
    .executeTakeFirstOrThrow();
  const a = await db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['a.id', 'ci.name'])
    .where('a.group_id', '=', child.group_id)
    .where('a.subgroup_id', 'is', null)
    .where('t.start_date', '<=', today)
    .where('t.end_date', '>=', today)
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  // The demo teacher teaches it (one assignment handed over, before anyone signs in).
  await db.updateTable('assignments').set({ teacher_person_id: teacher.person_id }).where('id', '=', a.id).execute();
  assignmentId = a.id;
  subject = a.name;
  await db.deleteFrom('lessons').where('assignment_id', '=', a.id).where('date', '=', today).execute();
  lessonId = (
    await buildLesson(db, { id: a.id, orgId: teacher.organization_id, teacherPersonId: teacher.person_id }, { date: today, pairNo: 1 })
  ).id;
  const members = await db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as st', 'st.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .select('gm.student_id')
    .where('gm.group_id', '=', child.group_id)
    .where('gm.start_date', '<=', today)
    .orderBy('p.sort_key')
    .execute();
  row = members.findIndex((m) => m.student_id === child.student_id);
  expect(row).toBeGreaterThanOrEqual(0);
});
afterAll(async () => {
  await worker?.stop();
  await mailbox?.close();
});

describe('a teacher’s «2» reaches a guardian', () => {
  it('by e-mail and in the app', async () => {
    const started = Date.now();
    // The guardian asks for «only 2» by e-mail (in-app is on for everything by default).
    const parent = await loginAs(suite.browser, suite.s.url, 'parent', 'demo', { width: 360, height: 740 });
    await parent.goto(`${suite.s.url}/notify/settings`);
    const darya = parent.getByRole('region', { name: /^Лёвкина Дарья/ });
    await darya.getByLabel('Оценки (Электронная почта)').selectOption('twos');
    await darya.getByText('Сохранено.').waitFor();

    // The teacher types «2» in the grid.
    const teacher = await loginAs(suite.browser, suite.s.url, 'teacher');
    await teacher.goto(`${suite.s.url}/journal/grid/${assignmentId}`);
    await teacher.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    const col = await teacher
      .locator('thead th.date')
      .evaluateAll((ths, href) => ths.findIndex((th) => th.querySelector(`a[href="${href}"]`)), `/journal/lessons/${lessonId}`);
    expect(col).toBeGreaterThanOrEqual(0);
    await teacher.locator(`[data-cell="${row}:${col}"]`).click();
    await teacher.keyboard.type('2');
    await teacher.keyboard.press('Enter');
    await teacher.getByText('Все изменения сохранены').waitFor();
    const mark = await suite.s.db
      .selectFrom('marks')
      .select(['id', 'value'])
      .where('lesson_id', '=', lessonId)
      .where('kind', '=', 'grade')
      .executeTakeFirstOrThrow();
    expect(mark.value).toBe('2');
    await teacher.context().close();

    // Before the hold nothing is told; after it the worker delivers.
    expect(await releaseHeldMarks(suite.s.db, suite.s.engine, now())).toBe(0);
    const later = new Date(now().getTime() + (HOLD_MINUTES + 1) * 60_000);
    expect(await releaseHeldMarks(suite.s.db, suite.s.engine, later)).toBe(1);
    await worker.drain();
    const mails = mailbox.mails.filter((m) => m.to.includes(EMAIL));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Оценка 2: ${subject}`);
    expect(mailText(mails[0]!.raw)).toContain('Лёвкина Дарья');

    // In the app: the bell counts it, the notification opens the child's page.
    await parent.goto(suite.s.url);
    const bell = parent.getByRole('link', { name: 'Уведомления: непрочитанных 1' });
    await bell.click();
    await parent.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
    await parent.getByRole('listitem', { name: `Новое: Оценка 2: ${subject}` }).waitFor();
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await parent.context().close();
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
