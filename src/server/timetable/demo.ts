import { addDays, weekday } from '../../domain/dates.js';
import { dateRange, timetableHours, weekParity, type Parity, type SlotEntry } from '../../domain/timetable.js';
import { insertMany, type DemoWorld } from '../demo/world.js';
import { generateLessons } from './generate.js';

const BELLS = [
  ['08:30', '10:00'],
  ['10:10', '11:40'],
  ['12:20', '13:50'],
  ['14:00', '15:30'],
  ['15:40', '17:10'],
  ['17:20', '18:50'],
];
const SHORT_BELLS = [
  ['08:30', '09:30'],
  ['09:40', '10:40'],
  ['10:50', '11:50'],
  ['12:00', '13:00'],
  ['13:10', '14:10'],
  ['14:20', '15:20'],
];
const MAX_PAIR = 5;
const DAYS = [1, 2, 3, 4, 5, 6];

type Unit = { assignmentIds: number[]; teachers: number[]; subgroupIds: (number | null)[]; hours: number };
type Placed = Omit<SlotEntry, 'id'> & { id: number };

/**
 * The timetable step: bells (with a shortened day), a week for every group built from the load
 * without clashes, a few changes around today, and the current term's lessons up to two weeks ahead.
 */
export async function timetableDemo(w: DemoWorld): Promise<void> {
  const { tx, rnd, orgId } = w;
  const [mainBells, shortBells] = await insertMany(tx, 'bell_schedules', [
    { organization_id: orgId, name: 'Основное', is_default: 1, created_at: w.now },
    { organization_id: orgId, name: 'Сокращённый день', is_default: 0, created_at: w.now },
  ]);
  await insertMany(tx, 'bell_periods', [
    ...BELLS.map(([a, b], i) => ({ organization_id: orgId, bell_schedule_id: mainBells, pair_no: i + 1, starts_at: a, ends_at: b })),
    ...SHORT_BELLS.map(([a, b], i) => ({ organization_id: orgId, bell_schedule_id: shortBells, pair_no: i + 1, starts_at: a, ends_at: b })),
  ]);

  const term = await tx
    .selectFrom('terms')
    .select(['id', 'start_date', 'end_date'])
    .where('id', '=', w.currentTermId)
    .executeTakeFirstOrThrow();
  const span = { id: term.id, startDate: term.start_date, endDate: term.end_date };
  const lastStudyDay = dateRange(span.startDate, span.endDate)
    .filter((d) => weekday(d) <= 6)
    .at(-1)!;
  await insertMany(tx, 'bell_days', [{ organization_id: orgId, date: lastStudyDay, bell_schedule_id: shortBells }]);

  // Units of the week: one subject of a group, its subgroups taught side by side.
  const busy = new Set<string>();
  const key = (kind: string, id: number | string, wd: number, pair: number, half: 'odd' | 'even') => `${kind}|${id}|${wd}|${pair}|${half}`;
  const halves = (p: Parity): ('odd' | 'even')[] => (p === 'all' ? ['odd', 'even'] : [p]);
  const rooms = [
    ...Array.from({ length: 40 }, (_, i) => String(101 + i)),
    ...Array.from({ length: 40 }, (_, i) => String(201 + i)),
    ...Array.from({ length: 30 }, (_, i) => String(301 + i)),
  ];
  const entries: Placed[] = [];
  let nextId = 1;
  const weeks = Math.ceil((Date.parse(span.endDate) - Date.parse(span.startDate)) / (7 * 86400000));

  const current = w.assignments.filter((a) => a.termId === span.id);
  w.groups.forEach((g, gi) => {
    const bySubject = new Map<number, Unit>();
    for (const a of current.filter((x) => x.groupId === g.id)) {
      const u = bySubject.get(a.subjectId) ?? { assignmentIds: [], teachers: [], subgroupIds: [], hours: a.hours };
      u.assignmentIds.push(a.id);
      u.teachers.push(a.teacherPersonId);
      u.subgroupIds.push(a.subgroupId);
      u.hours = Math.min(u.hours, a.hours);
      bySubject.set(a.subjectId, u);
    }
    const home = rooms[gi % rooms.length];
    const units = [...bySubject.values()].sort((a, b) => b.hours - a.hours);
    const perDay = new Map<number, number>(DAYS.map((d) => [d, 0]));
    const subjectDays = new Map<Unit, Set<number>>();
    let slotsLeft = DAYS.length * 4 - 2;

    const place = (u: Unit, parity: Parity, validTo: string) => {
      const days = [...DAYS].sort(
        (a, b) =>
          Number(subjectDays.get(u)?.has(a) ?? false) - Number(subjectDays.get(u)?.has(b) ?? false) ||
          perDay.get(a)! - perDay.get(b)! ||
          a - b,
      );
      for (const wd of days) {
        for (let pair = 1; pair <= MAX_PAIR; pair++) {
          const hs = halves(parity);
          if (hs.some((h) => busy.has(key('g', g.id, wd, pair, h)))) continue;
          if (u.teachers.some((t) => hs.some((h) => busy.has(key('t', t, wd, pair, h))))) continue;
          // A room for each subgroup: the group's own first, then any free one.
          const chosen: string[] = [];
          for (let i = 0; i < u.assignmentIds.length; i++) {
            const r = [home, ...rooms].find((x) => !chosen.includes(x) && hs.every((h) => !busy.has(key('r', x, wd, pair, h))));
            if (r) chosen.push(r);
          }
          if (chosen.length < u.assignmentIds.length) continue;
          for (const h of hs) {
            busy.add(key('g', g.id, wd, pair, h));
            u.teachers.forEach((t) => busy.add(key('t', t, wd, pair, h)));
            chosen.forEach((r) => busy.add(key('r', r, wd, pair, h)));
          }
          u.assignmentIds.forEach((aid, i) =>
            entries.push({
              id: nextId++,
              termId: span.id,
              groupId: g.id,
              subgroupId: u.subgroupIds[i],
              weekday: wd,
              pairNo: pair,
              assignmentId: aid,
              teacherPersonId: u.teachers[i],
              room: chosen[i],
              parity,
              validFrom: span.startDate,
              validTo: validTo,
            }),
          );
          perDay.set(wd, perDay.get(wd)! + (parity === 'all' ? 1 : 0.5));
          if (!subjectDays.has(u)) subjectDays.set(u, new Set());
          subjectDays.get(u)!.add(wd);
          return true;
        }
      }
      return false;
    };

    for (const u of units) {
      const pairs = Math.floor(u.hours / 2);
      if (pairs < weeks) {
        // A short subject: weekly until its hours are spent.
        if (slotsLeft >= 1 && place(u, 'all', addDays(span.startDate, pairs * 7 - 1))) slotsLeft--;
        continue;
      }
      const weekly = Math.min(Math.floor(pairs / weeks), 3);
      for (let i = 0; i < weekly && slotsLeft >= 1; i++) if (place(u, 'all', span.endDate)) slotsLeft--;
      if (pairs - weekly * weeks >= Math.ceil(weeks / 2) && slotsLeft >= 0.5 && place(u, rnd.chance(0.5) ? 'odd' : 'even', span.endDate))
        slotsLeft -= 0.5;
    }
  });

  // Never beyond the load: drop the last entries of a subject until its hours fit.
  const hoursOf = new Map(current.map((a) => [a.id, a.hours]));
  for (const aid of new Set(entries.map((e) => e.assignmentId))) {
    let own = entries.filter((e) => e.assignmentId === aid);
    while (own.length && timetableHours(own, span) > hoursOf.get(aid)!) {
      const last = own.at(-1)!;
      // Parallel subgroups go together.
      for (const e of entries.filter(
        (x) => x.groupId === last.groupId && x.weekday === last.weekday && x.pairNo === last.pairNo && x.parity === last.parity,
      )) {
        entries.splice(entries.indexOf(e), 1);
      }
      own = entries.filter((e) => e.assignmentId === aid);
    }
  }

  const entryIds = await insertMany(
    tx,
    'timetable_entries',
    entries.map((e) => ({
      organization_id: orgId,
      term_id: e.termId,
      group_id: e.groupId,
      subgroup_id: e.subgroupId,
      weekday: e.weekday,
      pair_no: e.pairNo,
      assignment_id: e.assignmentId,
      teacher_person_id: e.teacherPersonId,
      room: e.room,
      parity: e.parity,
      valid_from: e.validFrom,
      valid_to: e.validTo,
      created_at: w.now,
      updated_at: w.now,
    })),
  );
  entries.forEach((e, i) => (e.id = entryIds[i]));

  // Changes around today: substitutions (the fixed teacher takes one tomorrow), a cancellation, a move.
  const holds = (e: Placed, d: string) =>
    e.weekday === weekday(d) && e.validFrom <= d && d <= e.validTo && (e.parity === 'all' || weekParity(d, span.startDate) === e.parity);
  const freeTeacher = (d: string, pair: number, exclude: number, prefer: number[] = []) => {
    const h = weekParity(d, span.startDate);
    // Colleagues in turn from a random one; the fixed teacher only where asked for.
    const start = (exclude * 7 + pair * 3 + weekday(d)) % w.teacherPersonIds.length;
    const others = [...w.teacherPersonIds.slice(start), ...w.teacherPersonIds.slice(0, start)].filter((x) => x !== w.fixed.teacher);
    const t = [...prefer, ...others].find((x) => x !== exclude && !busy.has(key('t', x, weekday(d), pair, h)));
    if (t) busy.add(key('t', t, weekday(d), pair, h));
    return t;
  };
  const studyDay = (d: string) => (weekday(d) === 7 ? addDays(d, 1) : d);
  const tomorrow = studyDay(addDays(w.today, 1));
  const changes: Record<string, unknown>[] = [];
  const taken = new Set<number>();
  const addChange = (e: Placed, date: string, c: Record<string, unknown>) => {
    if (date < span.startDate || date > span.endDate || taken.has(e.id)) return;
    taken.add(e.id);
    changes.push({
      organization_id: orgId,
      entry_id: e.id,
      date,
      to_date: null,
      to_pair_no: null,
      room: null,
      assignment_id: null,
      teacher_person_id: null,
      reason: null,
      created_by_user_id: null,
      created_at: w.now,
      ...c,
    });
  };
  const onDay = (d: string) => entries.filter((e) => holds(e, d) && e.subgroupId === null);
  const tomorrowLessons = onDay(tomorrow);
  const forFixed = tomorrowLessons.find(
    (e) =>
      e.teacherPersonId !== w.fixed.teacher && freeTeacher(tomorrow, e.pairNo, e.teacherPersonId, [w.fixed.teacher]) === w.fixed.teacher,
  );
  if (forFixed) addChange(forFixed, tomorrow, { kind: 'substitute', teacher_person_id: w.fixed.teacher, reason: 'Больничный лист' });
  for (const e of tomorrowLessons
    .filter((x) => x !== forFixed)
    .slice(0, 40)
    .filter((_, i) => i % 13 === 5)
    .slice(0, 2)) {
    const sub = freeTeacher(tomorrow, e.pairNo, e.teacherPersonId);
    if (sub) addChange(e, tomorrow, { kind: 'substitute', teacher_person_id: sub, reason: 'Курсы повышения квалификации' });
  }
  const yesterday = addDays(w.today, weekday(w.today) === 1 ? -2 : -1);
  const past = onDay(yesterday);
  if (past[3]) {
    const sub = freeTeacher(yesterday, past[3].pairNo, past[3].teacherPersonId);
    if (sub) addChange(past[3], yesterday, { kind: 'substitute', teacher_person_id: sub, reason: 'Больничный лист' });
  }
  const dayAfter = studyDay(addDays(tomorrow, 1));
  const later = onDay(dayAfter);
  if (later[0]) addChange(later[0], dayAfter, { kind: 'cancel', reason: 'Участие группы в конкурсе профмастерства' });
  const lastPair = later.filter((e) => e.groupId === later.at(-1)?.groupId).sort((a, b) => b.pairNo - a.pairNo)[0];
  const h = weekParity(dayAfter, span.startDate);
  const freeNext = (e: Placed) =>
    !busy.has(key('t', e.teacherPersonId, weekday(dayAfter), e.pairNo + 1, h)) &&
    !busy.has(key('r', e.room ?? '', weekday(dayAfter), e.pairNo + 1, h));
  if (lastPair && lastPair.pairNo < MAX_PAIR && freeNext(lastPair)) {
    addChange(lastPair, dayAfter, {
      kind: 'move',
      to_date: dayAfter,
      to_pair_no: lastPair.pairNo + 1,
      reason: 'Аудитория занята на открытом уроке',
    });
  }
  if (changes.length) await insertMany(tx, 'timetable_changes', changes);

  const horizon = addDays(w.today, 14);
  await generateLessons(tx, orgId, { from: span.startDate, to: horizon < span.endDate ? horizon : span.endDate });
}
