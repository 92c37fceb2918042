import { expandTimetable, type Occurrence } from '../../domain/timetable.js';
import type { Db, Tx } from '../platform/db.js';
import { loadChanges, loadEntries, loadTerms } from './queries.js';
import {
  deleteLessons,
  detachLessons,
  insertTimetableLessons,
  lessonsWithMarks,
  timetableLessons,
  type LessonSlotFields,
  updateLessonSlot,
} from './queries/generate.js';

export interface LessonStats {
  created: number;
  updated: number;
  deleted: number;
  detached: number;
}

type LessonRow = {
  id: number;
  timetable_entry_id: number | null;
  slot_date: string | null;
  assignment_id: number;
  date: string;
  pair_no: number | null;
  planned_teacher_person_id: number;
  teacher_person_id: number;
  room: string | null;
  status: string;
  change_id: number | null;
};

const CHUNK = 400;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Brings the lessons of slot dates in [from, to] in line with the timetable and its changes
 * (optionally for some groups only). Idempotent: a slot yields one lesson, found again by
 * (entry, slot date) or, when the entry was re-created, by (subject, date, pair). A lesson
 * with records (recorded, or with marks) is never deleted nor moved: when its slot is gone it
 * is kept and marked detached. Manual (unscheduled) lessons are left alone.
 */
export async function generateLessons(
  db: Db | Tx,
  orgId: number,
  range: { from: string; to: string; groupIds?: number[] },
): Promise<LessonStats> {
  const run = async (tx: Tx) => {
    const stats: LessonStats = { created: 0, updated: 0, deleted: 0, detached: 0 };
    if (range.from > range.to || (range.groupIds && !range.groupIds.length)) return stats;
    const [terms, entries, changes] = await Promise.all([
      loadTerms(tx, orgId),
      loadEntries(tx, orgId, { from: range.from, to: range.to, groupIds: range.groupIds }),
      loadChanges(tx, orgId, { from: range.from, to: range.to }),
    ]);
    const desired = expandTimetable(entries, changes, terms, range.from, range.to);

    const existing = await timetableLessons(tx, orgId, range);
    const withRecords = new Set(existing.filter((l) => l.recorded_at).map((l) => l.id));
    for (const part of chunks(existing.map((l) => l.id))) {
      for (const id of await lessonsWithMarks(tx, orgId, part)) withRecords.add(id);
    }

    const byKey = new Map<string, LessonRow>();
    for (const l of existing) byKey.set(`${l.timetable_entry_id}|${l.slot_date}`, l);
    const matched = new Map<Occurrence, LessonRow>();
    const unmatchedDesired: Occurrence[] = [];
    for (const o of desired) {
      const key = `${o.entryId}|${o.slotDate}`;
      const l = byKey.get(key);
      if (l) {
        matched.set(o, l);
        byKey.delete(key);
      } else unmatchedDesired.push(o);
    }
    // An entry re-created by an edit: adopt the old lesson of the same subject, date and pair.
    const loose = new Map<string, LessonRow>();
    for (const l of byKey.values()) loose.set(`${l.assignment_id}|${l.date}|${l.pair_no}`, l);
    const toInsert: Occurrence[] = [];
    for (const o of unmatchedDesired) {
      const k = `${o.assignmentId}|${o.date}|${o.pairNo}`;
      const l = loose.get(k);
      if (l) {
        matched.set(o, l);
        loose.delete(k);
      } else toInsert.push(o);
    }

    const gone = [...loose.values()];
    const toDetach = gone.filter((l) => withRecords.has(l.id)).map((l) => l.id);
    const toDelete = gone.filter((l) => !withRecords.has(l.id)).map((l) => l.id);
    for (const part of chunks(toDelete)) await deleteLessons(tx, orgId, part);
    for (const part of chunks(toDetach)) await detachLessons(tx, orgId, part);
    stats.deleted = toDelete.length;
    stats.detached = toDetach.length;

    for (const [o, l] of matched) {
      const recorded = withRecords.has(l.id);
      // A recorded lesson keeps what was recorded; only its link to the slot follows.
      const next: LessonSlotFields = recorded
        ? { timetable_entry_id: o.entryId, slot_date: o.slotDate, change_id: o.changeId, room: o.room ?? l.room }
        : {
            timetable_entry_id: o.entryId,
            slot_date: o.slotDate,
            change_id: o.changeId,
            room: o.room,
            assignment_id: o.assignmentId,
            date: o.date,
            pair_no: o.pairNo,
            planned_teacher_person_id: o.plannedTeacherPersonId,
            teacher_person_id: o.teacherPersonId,
            status: o.status,
          };
      const differs = Object.entries(next).some(([k, v]) => (l as Record<string, unknown>)[k] !== v);
      if (!differs) continue;
      await updateLessonSlot(tx, orgId, l.id, next);
      stats.updated++;
    }

    for (const part of chunks(toInsert)) await insertTimetableLessons(tx, orgId, part);
    stats.created = toInsert.length;
    return stats;
  };
  return db.isTransaction ? run(db as Tx) : (db as Db).transaction().execute(run);
}
