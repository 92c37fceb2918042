import { fullName, shortName } from '../../domain/text.js';
import type { DayChange, Parity, SlotEntry, TermSpan } from '../../domain/timetable.js';
import type { BellPeriod } from '../../contracts/timetable.js';
import type { Db, Tx } from '../platform/db.js';
import { bySex, shortNameIn, type SexedName } from '../../domain/name-cases.js';
import { assignmentsJoined } from '../curriculum/queries.js';

type Q = Db | Tx;

export async function loadTerms(db: Q, orgId: number): Promise<(TermSpan & { number: number })[]> {
  const rows = await db
    .selectFrom('terms')
    .select(['id', 'number', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .orderBy('start_date')
    .execute();
  return rows.map((t) => ({ id: t.id, number: t.number, startDate: t.start_date, endDate: t.end_date }));
}

export const termOn = <T extends TermSpan>(terms: T[], date: string) => terms.find((t) => t.startDate <= date && date <= t.endDate) ?? null;

export async function loadEntries(
  db: Q,
  orgId: number,
  o: { from: string; to: string; groupIds?: number[]; termId?: number },
): Promise<SlotEntry[]> {
  let q = db
    .selectFrom('timetable_entries')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('valid_from', '<=', o.to)
    .where('valid_to', '>=', o.from);
  if (o.groupIds) q = q.where('group_id', 'in', o.groupIds.length ? o.groupIds : [0]);
  if (o.termId) q = q.where('term_id', '=', o.termId);
  const rows = await q.orderBy('weekday').orderBy('pair_no').orderBy('id').execute();
  return rows.map(toSlotEntry);
}

export function toSlotEntry(r: {
  id: number;
  term_id: number;
  group_id: number;
  subgroup_id: number | null;
  weekday: number;
  pair_no: number;
  assignment_id: number;
  teacher_person_id: number;
  room: string | null;
  parity: string;
  valid_from: string;
  valid_to: string;
}): SlotEntry {
  return {
    id: r.id,
    termId: r.term_id,
    groupId: r.group_id,
    subgroupId: r.subgroup_id,
    weekday: r.weekday,
    pairNo: r.pair_no,
    assignmentId: r.assignment_id,
    teacherPersonId: r.teacher_person_id,
    room: r.room,
    parity: r.parity as Parity,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

/** Changes of slot dates in [from, to]. */
export async function loadChanges(
  db: Q,
  orgId: number,
  o: { from: string; to: string },
): Promise<(DayChange & { reason: string | null })[]> {
  const rows = await db
    .selectFrom('timetable_changes')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('date', '>=', o.from)
    .where('date', '<=', o.to)
    .execute();
  return rows.map(toDayChange);
}

export function toDayChange(r: {
  id: number;
  entry_id: number;
  date: string;
  kind: DayChange['kind'];
  to_date: string | null;
  to_pair_no: number | null;
  room: string | null;
  assignment_id: number | null;
  teacher_person_id: number | null;
  reason: string | null;
}): DayChange & { reason: string | null } {
  return {
    id: r.id,
    entryId: r.entry_id,
    date: r.date,
    kind: r.kind,
    toDate: r.to_date,
    toPairNo: r.to_pair_no,
    room: r.room,
    assignmentId: r.assignment_id,
    teacherPersonId: r.teacher_person_id,
    reason: r.reason,
  };
}

export interface AssignmentInfo {
  id: number;
  termId: number;
  groupId: number;
  subgroupId: number | null;
  teacherPersonId: number;
  hours: number;
  code: string;
  name: string;
}

/** Names of the college's groups, subgroups, teachers and subjects, for views and messages. */
export interface Directory {
  groups: Map<number, { id: number; name: string; sortKey: string }>;
  subgroups: Map<number, { id: number; groupId: number; name: string }>;
  persons: Map<number, { short: string; full: string; sortKey: string; name: SexedName }>;
  assignments: Map<number, AssignmentInfo>;
  teacherName(personId: number): string;
  /** «Новиковой М. И.»: after «вместо», «у». */
  teacherNameGen(personId: number): string;
  /** A word agreeing with the teacher's sex: teacherWord(id, 'его', 'её'). */
  teacherWord(personId: number, male: string, female: string): string;
  groupName(groupId: number, subgroupId: number | null): string;
  subjectName(assignmentId: number): string;
}

export async function loadDirectory(db: Q, orgId: number): Promise<Directory> {
  const [groups, subgroups, assignments, staff] = await Promise.all([
    db.selectFrom('groups').select(['id', 'name', 'sort_key']).where('organization_id', '=', orgId).execute(),
    db.selectFrom('subgroups').select(['id', 'group_id', 'name']).where('organization_id', '=', orgId).execute(),
    assignmentsJoined(db, orgId)
      .select([
        'a.id',
        'a.term_id',
        'a.group_id',
        'a.subgroup_id',
        'a.teacher_person_id',
        'a.hours',
        'ci.code',
        'ci.name',
        'tp.last_name',
        'tp.first_name',
        'tp.middle_name',
        'tp.gender',
        'tp.sort_key',
      ])
      .execute(),
    db
      .selectFrom('persons')
      .select(['id', 'last_name', 'first_name', 'middle_name', 'gender', 'sort_key'])
      .where('organization_id', '=', orgId)
      .where((eb) => eb.exists(eb.selectFrom('staff_roles').select('staff_roles.id').whereRef('staff_roles.person_id', '=', 'persons.id')))
      .execute(),
  ]);
  const persons = new Map(staff.map((p) => [p.id, { short: shortName(p), full: fullName(p), sortKey: p.sort_key, name: p }]));
  // A teacher of a load may have no staff role left: named from the load.
  for (const a of assignments) {
    if (persons.has(a.teacher_person_id)) continue;
    const p = {
      id: a.teacher_person_id,
      last_name: a.last_name,
      first_name: a.first_name,
      middle_name: a.middle_name,
      gender: a.gender,
      sort_key: a.sort_key,
    };
    persons.set(p.id, { short: shortName(p), full: fullName(p), sortKey: a.sort_key, name: p });
  }
  const dir: Directory = {
    groups: new Map(groups.map((g) => [g.id, { id: g.id, name: g.name, sortKey: g.sort_key }])),
    subgroups: new Map(subgroups.map((s) => [s.id, { id: s.id, groupId: s.group_id, name: s.name }])),
    persons,
    assignments: new Map(
      assignments.map((a) => [
        a.id,
        {
          id: a.id,
          termId: a.term_id,
          groupId: a.group_id,
          subgroupId: a.subgroup_id,
          teacherPersonId: a.teacher_person_id,
          hours: a.hours,
          code: a.code,
          name: a.name,
        },
      ]),
    ),
    teacherName: (id) => persons.get(id)?.short ?? `№${id}`,
    teacherNameGen: (id) => {
      const p = persons.get(id)?.name;
      return p ? shortNameIn(p, 'genitive') : `№${id}`;
    },
    teacherWord: (id, male, female) => {
      const p = persons.get(id)?.name;
      return p ? bySex(p, male, female) : male;
    },
    groupName: (gid, sid) => {
      const g = dir.groups.get(gid)?.name ?? `№${gid}`;
      const s = sid ? dir.subgroups.get(sid)?.name : null;
      return s ? `${g} (${s})` : g;
    },
    subjectName: (aid) => {
      const a = dir.assignments.get(aid);
      return a ? `${a.code} ${a.name}` : `№${aid}`;
    },
  };
  return dir;
}

export const clashNames = (d: Directory) => ({ teacher: d.teacherName, group: d.groupName, subject: d.subjectName });

/** The bells of each date: a date's own schedule (a shortened day) or the default one. */
export async function bellsForDates(
  db: Q,
  orgId: number,
  dates: string[],
): Promise<Map<string, { name: string | null; periods: BellPeriod[] }>> {
  const [schedules, periods, days] = await Promise.all([
    db.selectFrom('bell_schedules').select(['id', 'name', 'is_default']).where('organization_id', '=', orgId).orderBy('id').execute(),
    db
      .selectFrom('bell_periods')
      .select(['bell_schedule_id', 'pair_no', 'starts_at', 'ends_at'])
      .where('organization_id', '=', orgId)
      .orderBy('pair_no')
      .execute(),
    dates.length
      ? db
          .selectFrom('bell_days')
          .select(['date', 'bell_schedule_id'])
          .where('organization_id', '=', orgId)
          .where('date', 'in', dates)
          .execute()
      : Promise.resolve([]),
  ]);
  const periodsOf = (id: number) =>
    periods.filter((p) => p.bell_schedule_id === id).map((p) => ({ pairNo: p.pair_no, startsAt: p.starts_at, endsAt: p.ends_at }));
  const def = schedules.find((s) => s.is_default) ?? schedules[0];
  const out = new Map<string, { name: string | null; periods: BellPeriod[] }>();
  for (const d of dates) {
    const own = days.find((x) => x.date === d);
    const s = own ? schedules.find((x) => x.id === own.bell_schedule_id) : def;
    out.set(d, s ? { name: s.name, periods: periodsOf(s.id) } : { name: null, periods: [] });
  }
  return out;
}

/** Lessons whose date or slot date falls in [from, to], with their group. */
export async function loadLessons(db: Q, orgId: number, o: { from: string; to: string }) {
  const rows = await db
    .selectFrom('lessons')
    .innerJoin('assignments', 'assignments.id', 'lessons.assignment_id')
    .select([
      'lessons.id',
      'lessons.assignment_id',
      'lessons.date',
      'lessons.pair_no',
      'lessons.hours',
      'lessons.planned_teacher_person_id',
      'lessons.teacher_person_id',
      'lessons.room',
      'lessons.status',
      'lessons.source',
      'lessons.unscheduled_reason',
      'lessons.recorded_at',
      'lessons.timetable_entry_id',
      'lessons.slot_date',
      'lessons.change_id',
      'lessons.detached',
      'assignments.group_id',
      'assignments.subgroup_id',
    ])
    .where('lessons.organization_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('lessons.date', '>=', o.from), eb('lessons.date', '<=', o.to)]),
        eb.and([eb('lessons.slot_date', '>=', o.from), eb('lessons.slot_date', '<=', o.to)]),
      ]),
    )
    .execute();
  return rows;
}
export type LessonWithGroup = Awaited<ReturnType<typeof loadLessons>>[number];
