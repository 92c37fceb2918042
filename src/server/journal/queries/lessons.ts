import type { Db, Tx } from '../../platform/db.js';
import { lessonsBase } from '../queries.js';

type Q = Db | Tx;

/** A teacher's lessons on a day (the lessons they substitute included), in the order of the day. */
export const lessonsOfTeacherOn = (db: Q, orgId: number, personId: number, date: string) =>
  lessonsBase(db, orgId)
    .where('l.teacher_person_id', '=', personId)
    .where('l.date', '=', date)
    .orderBy('l.pair_no')
    .orderBy('l.id')
    .execute();

/** The first date after `after` and up to `until` on which a teacher has a lesson that is not cancelled. */
export async function nextLessonDate(db: Q, orgId: number, personId: number, after: string, until: string): Promise<string | null> {
  const r = await db
    .selectFrom('lessons')
    .select('date')
    .where('organization_id', '=', orgId)
    .where('teacher_person_id', '=', personId)
    .where('date', '>', after)
    .where('date', '<=', until)
    .where('status', '!=', 'cancelled')
    .orderBy('date')
    .limit(1)
    .executeTakeFirst();
  return r?.date ?? null;
}

/** The recorded lessons of an assignment before a lesson (by date and pair): their topics and hours. */
export const recordedBefore = (db: Q, orgId: number, l: { assignment_id: number; date: string; pair_no: number | null }) =>
  db
    .selectFrom('lessons')
    .select(['topic', 'hours'])
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', l.assignment_id)
    .where('recorded_at', 'is not', null)
    .where((eb) => eb.or([eb('date', '<', l.date), eb.and([eb('date', '=', l.date), eb('pair_no', '<', l.pair_no ?? 0)])]))
    .orderBy('date')
    .orderBy('pair_no')
    .execute();

/** The students of a lesson with a correction request pending, once per request. */
export const pendingCorrectionStudents = (db: Q, orgId: number, lessonId: number) =>
  db
    .selectFrom('correction_requests')
    .select(['student_id'])
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', lessonId)
    .where('status', '=', 'pending')
    .execute();

export interface LessonTextColumns {
  topic?: string | null;
  work_done?: string | null;
  work_types?: string;
  homework?: string | null;
  hours?: number;
}

/** Writes the changed text of a lesson if its version is still the one read; false otherwise. */
export async function updateLessonText(
  tx: Tx,
  orgId: number,
  id: number,
  version: number,
  set: LessonTextColumns & { recorded_at?: string; recorded_by_user_id?: number; updated_at: string },
) {
  const r = await tx
    .updateTable('lessons')
    .set({ ...set, version: version + 1 })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The save of a lesson's text made by an operation id (a retried save finds its first attempt). */
export const lessonTextEventByOp = (db: Q, orgId: number, opId: string) =>
  db
    .selectFrom('lesson_text_events')
    .select(['lesson_id', 'user_id'])
    .where('organization_id', '=', orgId)
    .where('op_id', '=', opId)
    .executeTakeFirst();

export const insertLessonTextEvent = (
  tx: Tx,
  e: {
    orgId: number;
    lessonId: number;
    userId: number;
    at: string;
    opId: string;
    version: number;
    changes: Record<string, [unknown, unknown]>;
  },
) =>
  tx
    .insertInto('lesson_text_events')
    .values({
      organization_id: e.orgId,
      lesson_id: e.lessonId,
      user_id: e.userId,
      at: e.at,
      op_id: e.opId,
      version: e.version,
      changes: JSON.stringify(e.changes),
    })
    .execute();

// ——— Homework files ———

export const filesOfLesson = (db: Q, orgId: number, lessonId: number) =>
  db
    .selectFrom('lesson_files')
    .select(['id', 'file_name', 'content_type', 'size'])
    .where('organization_id', '=', orgId)
    .where('lesson_id', '=', lessonId)
    .orderBy('id')
    .execute();

export const findLessonFile = (db: Q, orgId: number, id: number) =>
  db.selectFrom('lesson_files').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export async function insertLessonFile(
  tx: Tx,
  f: {
    orgId: number;
    lessonId: number;
    fileName: string;
    contentType: string;
    size: number;
    contentBase64: string;
    userId: number;
    at: string;
  },
) {
  const r = await tx
    .insertInto('lesson_files')
    .values({
      organization_id: f.orgId,
      lesson_id: f.lessonId,
      file_name: f.fileName,
      content_type: f.contentType,
      size: f.size,
      content_base64: f.contentBase64,
      created_by_user_id: f.userId,
      created_at: f.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const deleteLessonFileRow = (tx: Tx, orgId: number, id: number) =>
  tx.deleteFrom('lesson_files').where('organization_id', '=', orgId).where('id', '=', id).execute();
