import type { WeekLesson } from '../../contracts/timetable.js';
import { compareRu } from '../../domain/text.js';
import { CHANGE_TITLES, expandTimetable, type Occurrence } from '../../domain/timetable.js';
import type { Db } from '../platform/db.js';
import {
  loadChanges,
  loadEntries,
  loadLessons,
  loadTerms,
  toDayChange,
  toSlotEntry,
  type Directory,
  type LessonWithGroup,
} from './queries.js';
import { changesMovedInto, entriesByIds } from './queries/week-views.js';

// The timetable of a period as lessons: slots of the entries with their one-date changes, joined
// with the lesson rows (recorded ones as recorded), plus lessons outside the timetable.

/** The timetable's lessons with dates in [from, to] (moves in and out included) and the lesson rows. */
export async function lessonsIn(db: Db, orgId: number, from: string, to: string) {
  const [terms, entries, changes, lessons] = await Promise.all([
    loadTerms(db, orgId),
    loadEntries(db, orgId, { from, to }),
    loadChanges(db, orgId, { from, to }),
    loadLessons(db, orgId, { from, to }),
  ]);
  const occ = expandTimetable(entries, changes, terms, from, to);
  const movedIn = await changesMovedInto(db, orgId, from, to);
  const reasons = new Map(changes.map((c) => [c.id, c.reason]));
  if (movedIn.length) {
    const ids = [...new Set(movedIn.map((c) => c.entry_id))];
    const rows = await entriesByIds(db, orgId, ids);
    for (const c of movedIn) {
      const e = rows.find((r) => r.id === c.entry_id);
      if (!e) continue;
      const dc = toDayChange(c);
      reasons.set(dc.id, dc.reason);
      occ.push(...expandTimetable([toSlotEntry(e)], [dc], terms, c.date, c.date));
    }
  }
  const inRange = occ.filter((o) => o.date >= from && o.date <= to);
  return { occ: inRange, lessons, reasons };
}

export function present(
  dir: Directory,
  bells: Map<string, { periods: { pairNo: number; startsAt: string; endsAt: string }[] }>,
  occ: Occurrence[],
  lessons: LessonWithGroup[],
  reasons: Map<number, string | null>,
): WeekLesson[] {
  const lessonBySlot = new Map<string, LessonWithGroup>();
  for (const l of lessons)
    if (l.timetable_entry_id && l.slot_date && !l.detached) lessonBySlot.set(`${l.timetable_entry_id}|${l.slot_date}`, l);
  const used = new Set<number>();
  const out: WeekLesson[] = [];
  const base = (date: string, pairNo: number | null, groupId: number, subgroupId: number | null, assignmentId: number) => {
    const a = dir.assignments.get(assignmentId);
    const p = pairNo ? bells.get(date)?.periods.find((x) => x.pairNo === pairNo) : undefined;
    return {
      date,
      pairNo,
      startsAt: p?.startsAt ?? null,
      endsAt: p?.endsAt ?? null,
      groupId,
      groupName: dir.groups.get(groupId)?.name ?? '',
      subgroupId,
      subgroupName: subgroupId ? (dir.subgroups.get(subgroupId)?.name ?? null) : null,
      assignmentId,
      subjectCode: a?.code ?? '',
      subjectName: a?.name ?? '',
    };
  };
  for (const o of occ) {
    const l = lessonBySlot.get(`${o.entryId}|${o.slotDate}`);
    if (l) used.add(l.id);
    // A recorded lesson stays as recorded even if the timetable moved on.
    const teacher = l?.recorded_at ? l.teacher_person_id : o.teacherPersonId;
    const planned = l?.recorded_at ? l.planned_teacher_person_id : o.plannedTeacherPersonId;
    out.push({
      key: `e${o.entryId}-${o.slotDate}`,
      lessonId: l?.id ?? null,
      entryId: o.entryId,
      ...base(o.date, o.pairNo, o.groupId, o.subgroupId, o.assignmentId),
      teacherPersonId: teacher,
      teacherName: dir.teacherName(teacher),
      plannedTeacherPersonId: planned !== teacher ? planned : null,
      plannedTeacherName: planned !== teacher ? dir.teacherName(planned) : null,
      plannedTeacherNameGen: planned !== teacher ? dir.teacherNameGen(planned) : null,
      room: o.room,
      status: o.status,
      change:
        o.changeId && o.changeKind
          ? {
              id: o.changeId,
              kind: o.changeKind,
              title: CHANGE_TITLES[o.changeKind],
              reason: reasons.get(o.changeId) ?? null,
              slotDate: o.slotDate,
              slotPairNo: o.pairNo,
            }
          : null,
      source: 'timetable',
      unscheduledReason: null,
      detached: false,
      recorded: !!l?.recorded_at,
    });
  }
  for (const l of lessons) {
    if (used.has(l.id) || (l.source === 'timetable' && !l.detached)) continue;
    out.push({
      key: `l${l.id}`,
      lessonId: l.id,
      entryId: null,
      ...base(l.date, l.pair_no, l.group_id, l.subgroup_id, l.assignment_id),
      teacherPersonId: l.teacher_person_id,
      teacherName: dir.teacherName(l.teacher_person_id),
      plannedTeacherPersonId: l.planned_teacher_person_id !== l.teacher_person_id ? l.planned_teacher_person_id : null,
      plannedTeacherName: l.planned_teacher_person_id !== l.teacher_person_id ? dir.teacherName(l.planned_teacher_person_id) : null,
      plannedTeacherNameGen: l.planned_teacher_person_id !== l.teacher_person_id ? dir.teacherNameGen(l.planned_teacher_person_id) : null,
      room: l.room,
      status: l.status === 'cancelled' ? 'cancelled' : 'scheduled',
      change: null,
      source: l.source === 'manual' ? 'manual' : 'timetable',
      unscheduledReason: l.unscheduled_reason,
      detached: l.detached === 1,
      recorded: !!l.recorded_at,
    });
  }
  return out.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.pairNo ?? 99) - (b.pairNo ?? 99) ||
      compareRu(a.groupName, b.groupName) ||
      (a.subgroupId ?? 0) - (b.subgroupId ?? 0),
  );
}

/** Fill in the moved lesson's original pair from the entry. */
export async function fixSlotPairs(db: Db, orgId: number, items: WeekLesson[]) {
  const moved = items.filter((i) => i.change?.kind === 'move' && i.entryId);
  if (!moved.length) return;
  const rows = await entriesByIds(db, orgId, [...new Set(moved.map((m) => m.entryId!))]);
  for (const m of moved) m.change!.slotPairNo = rows.find((r) => r.id === m.entryId)?.pair_no ?? m.change!.slotPairNo;
}
