import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTimetableWorld } from '../../../test/factories-timetable.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { Grid } from '../../contracts/timetable.js';

let s: TestServer;
let w: Awaited<ReturnType<typeof buildTimetableWorld>>;

beforeAll(async () => {
  s = await startTestServer();
  w = await buildTimetableWorld(s.db);
});
afterAll(() => s.close());

const entriesOf = (groupId: number) =>
  s.db
    .selectFrom('timetable_entries')
    .select(['weekday', 'pair_no', 'assignment_id', 'valid_from', 'valid_to'])
    .where('group_id', '=', groupId)
    .orderBy('id')
    .execute();
const lessonsOf = (assignmentId: number) =>
  s.db.selectFrom('lessons').select(['date', 'pair_no']).where('assignment_id', '=', assignmentId).orderBy('date').execute();

describe('saving a group’s week unchanged', () => {
  it('with the editor’s default period changes nothing', async () => {
    const m = await new ApiClient(s.url).login(w.methodist.login, w.methodist.password);
    // 32 hours: 16 Mondays, so the subject ends a week before the term.
    await s.db.updateTable('assignments').set({ hours: 32 }).where('id', '=', w.hist.id).execute();
    const first = await m.put(`/timetable/groups/${w.gA.id}/grid`, {
      from: '2026-09-01',
      to: '2026-12-21',
      cells: [{ weekday: 1, pairNo: 1, assignmentId: w.hist.id, room: '301' }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // A pair added from 14 December: not shown in the earlier weeks.
    const later = await m.put(`/timetable/groups/${w.gA.id}/grid`, {
      from: '2026-12-14',
      weekStart: '2026-12-14',
      cells: [
        { weekday: 1, pairNo: 1, assignmentId: w.hist.id, room: '301' },
        { weekday: 3, pairNo: 2, assignmentId: w.math.id, room: '302' },
      ],
    });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    const entries = await entriesOf(w.gA.id);
    const lessons = await lessonsOf(w.hist.id);

    // The editor shows the week of 30 November and saves it as it is, from that week to the end of the term.
    const grid = (await m.get<Grid>(`/timetable/groups/${w.gA.id}/grid?date=2026-11-30`)).body;
    const cells = grid.entries.map((e) => ({
      weekday: e.weekday,
      pairNo: e.pairNo,
      assignmentId: e.assignmentId,
      room: e.room,
      parity: e.parity,
    }));
    const r = await m.put<{
      kept: number;
      created: number;
      removed: number;
      lessons: { created: number; updated: number; deleted: number };
    }>(`/timetable/groups/${w.gA.id}/grid`, { from: '2026-11-30', to: grid.term!.endDate, weekStart: grid.weekStart, cells });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ kept: 1, created: 0, removed: 0, lessons: { created: 0, updated: 0, deleted: 0 } });
    expect(await entriesOf(w.gA.id)).toEqual(entries);
    expect(await lessonsOf(w.hist.id)).toEqual(lessons);
    expect((await lessonsOf(w.math.id)).map((l) => l.date)).toEqual(['2026-12-16', '2026-12-23', '2026-12-30']);
  });
});
