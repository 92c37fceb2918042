import { compiledOnce, type Db, type Tx } from '../platform/db.js';

type Q = Db | Tx;

/**
 * The journal's one call on every mark written (mark-events.ts): the mark is held for its notice
 * when the student has anyone to tell — a guardian, or a login of their own — and a mark already
 * waiting keeps its place (a correction within the hold is told once, with the final value).
 * One statement through two indexes (guardian_links by student, users by person), compiled once.
 */
const holdInsert = compiledOnce((tx, orgId: number, markId: number, studentId: number, dueAt: string) =>
  tx
    .insertInto('mark_notice_queue')
    .columns(['organization_id', 'mark_id', 'student_id', 'due_at'])
    .expression((eb) =>
      eb
        .selectFrom('students as s')
        .select((e) => ['s.organization_id', e.cast<number>(e.val(markId), 'integer').as('mark_id'), 's.id', e.val(dueAt).as('due_at')])
        .where('s.organization_id', '=', orgId)
        .where('s.id', '=', studentId)
        .where((e) =>
          e.or([
            e.exists(e.selectFrom('guardian_links as gl').select('gl.id').whereRef('gl.student_id', '=', 's.id')),
            e.exists(e.selectFrom('users as u').select('u.id').whereRef('u.person_id', '=', 's.person_id')),
          ]),
        ),
    )
    .onConflict((oc) => oc.column('mark_id').doNothing()),
);
export async function holdMark(tx: Tx, orgId: number, markId: number, studentId: number, dueAt: string): Promise<void> {
  await holdInsert(tx, orgId, markId, studentId, dueAt);
}

/** Held marks due by now, oldest first (PostgreSQL: rows another process holds are skipped). */
export async function dueHeldMarks(tx: Tx, pg: boolean, at: string, limit: number) {
  const q = tx.selectFrom('mark_notice_queue').select(['id', 'organization_id', 'mark_id', 'student_id']).where('due_at', '<=', at);
  return (pg ? q.forUpdate().skipLocked() : q).orderBy('due_at').limit(limit).execute();
}

export async function dropHeldMarks(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length) await tx.deleteFrom('mark_notice_queue').where('id', 'in', ids).execute();
}

/** The marks (current values) with their lesson, subject and teacher; a deleted mark is absent. */
export async function marksWithLessons(db: Q, orgId: number, markIds: number[]) {
  if (!markIds.length) return [];
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select([
      'm.id',
      'm.student_id',
      'm.kind',
      'm.value',
      'm.work_type',
      'm.version',
      'm.hours',
      'l.date',
      'l.hours as lesson_hours',
      'a.group_id',
      'ci.name as subject',
    ])
    .where('m.organization_id', '=', orgId)
    .where('m.id', 'in', markIds)
    .execute();
}

/** Who may be told about each student: the guardians linked, and the student with a login. */
export async function subscribersOf(db: Q, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  const guardians = db
    .selectFrom('guardian_links as gl')
    .select(['gl.student_id', 'gl.guardian_person_id as person_id'])
    .select((eb) => eb.val('guardian').as('who'))
    .where('gl.organization_id', '=', orgId)
    .where('gl.student_id', 'in', studentIds);
  const selves = db
    .selectFrom('students as s')
    .innerJoin('users as u', 'u.person_id', 's.person_id')
    .select(['s.id as student_id', 's.person_id'])
    .select((eb) => eb.val('student').as('who'))
    .where('s.organization_id', '=', orgId)
    .where('s.id', 'in', studentIds)
    .where('u.is_active', '=', 1);
  const rows = await guardians.union(selves).execute();
  return rows as { student_id: number; person_id: number; who: 'guardian' | 'student' }[];
}

const PREF_COLUMNS = ['person_id', 'student_id', 'channel', 'grades', 'absences', 'absence_threshold', 'digest', 'term_grades'] as const;

/** The stored choices of these students' subscribers (rows that differ from the defaults). */
export async function prefsOfStudents(db: Q, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db
    .selectFrom('guardian_prefs')
    .select(PREF_COLUMNS)
    .where('organization_id', '=', orgId)
    .where('student_id', 'in', studentIds)
    .execute();
}

export async function prefsOfPerson(db: Q, orgId: number, personId: number) {
  return db
    .selectFrom('guardian_prefs')
    .select(PREF_COLUMNS)
    .where('organization_id', '=', orgId)
    .where('person_id', '=', personId)
    .execute();
}

export interface PrefRow {
  personId: number;
  studentId: number;
  channel: string;
  grades: string;
  absences: string;
  absenceThreshold: number;
  digest: boolean;
  termGrades: boolean;
}

/** Stores one person's choice for a child and a channel (replacing the one before). */
export async function upsertPref(tx: Tx, orgId: number, p: PrefRow, at: string): Promise<void> {
  const values = {
    grades: p.grades,
    absences: p.absences,
    absence_threshold: p.absenceThreshold,
    digest: p.digest ? 1 : 0,
    term_grades: p.termGrades ? 1 : 0,
    updated_at: at,
  };
  await tx
    .insertInto('guardian_prefs')
    .values({ organization_id: orgId, person_id: p.personId, student_id: p.studentId, channel: p.channel, ...values })
    .onConflict((oc) => oc.columns(['organization_id', 'person_id', 'student_id', 'channel']).doUpdateSet(values))
    .execute();
}

/** The students a person is told about: their linked children, or themself as a student. */
export async function childrenOfPerson(db: Q, orgId: number, personId: number) {
  const linked = db
    .selectFrom('guardian_links as gl')
    .innerJoin('students as s', 's.id', 'gl.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id as student_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .select((eb) => eb.val('guardian').as('who'))
    .where('gl.organization_id', '=', orgId)
    .where('gl.guardian_person_id', '=', personId);
  const self = db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id as student_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .select((eb) => eb.val('student').as('who'))
    .where('s.organization_id', '=', orgId)
    .where('s.person_id', '=', personId);
  return (await linked.union(self).execute()) as {
    student_id: number;
    last_name: string;
    first_name: string;
    middle_name: string | null;
    who: 'guardian' | 'student';
  }[];
}

/** Names of persons (the student a notice is about). */
export async function studentNames(db: Q, orgId: number, studentIds: number[]) {
  if (!studentIds.length) return [];
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 's.person_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId)
    .where('s.id', 'in', studentIds)
    .execute();
}

/** The subject of an assignment (a term grade's notice). */
export const assignmentSubject = (db: Q, orgId: number, assignmentId: number) =>
  db
    .selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['ci.name'])
    .where('a.organization_id', '=', orgId)
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
