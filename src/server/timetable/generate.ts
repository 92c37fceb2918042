import { expandTimetable, type Occurrence } from '../../domain/timetable.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { loadChanges, loadEntries, loadTerms } from './queries.js';

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
export async function generateLessons(db: Db | Tx, orgId: number, range: { from: string; to: string; groupIds?: number[] }): Promise<LessonStats> {
  const run = async (tx: Tx) => {
    const stats: LessonStats = { created: 0, updated: 0, deleted: 0, detached: 0 };
    if (range.from > range.to || (range.groupIds && !range.groupIds.length)) return stats;
    const [terms, entries, changes] = await Promise.all([
      loadTerms(tx, orgId),
      loadEntries(tx, orgId, { from: range.from, to: range.to, groupIds: range.groupIds }),
      loadChanges(tx, orgId, { from: range.from, to: range.to }),
    ]);
    const desired = expandTimetable(entries, changes, terms, range.from, range.to);

    let q = tx.selectFrom('lessons')
      .select(['lessons.id', 'lessons.timetable_entry_id', 'lessons.slot_date', 'lessons.assignment_id', 'lessons.date', 'lessons.pair_no', 'lessons.planned_teacher_person_id',
        'lessons.teacher_person_id', 'lessons.room', 'lessons.status', 'lessons.change_id', 'lessons.recorded_at'])
      .where('lessons.organization_id', '=', orgId)
      .where('lessons.source', '=', 'timetable')
      .where('lessons.detached', '=', 0)
      .where('lessons.slot_date', '>=', range.from)
      .where('lessons.slot_date', '<=', range.to);
    if (range.groupIds) {
      q = q.innerJoin('assignments', 'assignments.id', 'lessons.assignment_id').where('assignments.group_id', 'in', range.groupIds);
    }
    const existing = await q.execute();
    const withRecords = new Set(existing.filter((l) => l.recorded_at).map((l) => l.id));
    for (const part of chunks(existing.map((l) => l.id))) {
      const [marks, events] = await Promise.all([
        tx.selectFrom('marks').select('lesson_id').distinct().where('lesson_id', 'in', part).execute(),
        tx.selectFrom('mark_events').select('lesson_id').distinct().where('lesson_id', 'in', part).execute(),
      ]);
      for (const m of [...marks, ...events]) withRecords.add(m.lesson_id);
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
    const now = nowIso();
    for (const part of chunks(toDelete)) await tx.deleteFrom('lessons').where('id', 'in', part).execute();
    for (const part of chunks(toDetach)) {
      await tx.updateTable('lessons').set({ detached: 1, slot_date: null, updated_at: now }).where('id', 'in', part).execute();
    }
    stats.deleted = toDelete.length;
    stats.detached = toDetach.length;

    for (const [o, l] of matched) {
      const recorded = withRecords.has(l.id);
      // A recorded lesson keeps what was recorded; only its link to the slot follows.
      const next = recorded
        ? { timetable_entry_id: o.entryId, slot_date: o.slotDate, change_id: o.changeId, room: o.room ?? l.room }
        : {
          timetable_entry_id: o.entryId, slot_date: o.slotDate, change_id: o.changeId, room: o.room, assignment_id: o.assignmentId, date: o.date,
          pair_no: o.pairNo, planned_teacher_person_id: o.plannedTeacherPersonId, teacher_person_id: o.teacherPersonId, status: o.status,
        };
      const differs = Object.entries(next).some(([k, v]) => (l as Record<string, unknown>)[k] !== v);
      if (!differs) continue;
      await tx.updateTable('lessons').set({ ...next, updated_at: now, version: (eb) => eb('version', '+', 1) }).where('id', '=', l.id).execute();
      stats.updated++;
    }

    for (const part of chunks(toInsert)) {
      await tx.insertInto('lessons').values(part.map((o) => ({
        organization_id: orgId, assignment_id: o.assignmentId, date: o.date, pair_no: o.pairNo, hours: 2,
        planned_teacher_person_id: o.plannedTeacherPersonId, teacher_person_id: o.teacherPersonId, room: o.room,
        status: o.status, source: 'timetable', unscheduled_reason: null, topic: null, work_done: null, homework: null,
        recorded_at: null, recorded_by_user_id: null, version: 1, created_at: now, updated_at: now,
        timetable_entry_id: o.entryId, slot_date: o.slotDate, change_id: o.changeId, detached: 0,
      }))).execute();
    }
    stats.created = toInsert.length;
    return stats;
  };
  return db.isTransaction ? run(db as Tx) : (db as Db).transaction().execute(run);
}
