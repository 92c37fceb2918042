import { compiledOnce, sql, type Db, type Engine, type Tx } from '../../platform/db.js';
import { endedLessonSql } from '../../control/fill-queries.js';
import { assignmentsJoined } from '../../curriculum/queries.js';
import { ASSIGNMENT_INFO } from '../queries.js';

type Q = Db | Tx;

/** The settings of an organization (the entry window is read from them). */
const settingsOf = compiledOnce((db, orgId: number) => db.selectFrom('organizations').select('settings').where('id', '=', orgId));
export async function organizationSettings(db: Q, orgId: number): Promise<string | null> {
  return (await settingsOf(db, orgId)).rows[0]?.settings ?? null;
}

/** The lessons of an assignment that are held (not cancelled), in the order of the journal. */
const heldLessons = compiledOnce((db, orgId: number, assignmentId: number) =>
  db
    .selectFrom('lessons')
    .select(['id', 'date', 'pair_no', 'hours', 'topic', 'teacher_person_id'])
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('status', '!=', 'cancelled')
    .orderBy('date')
    .orderBy('pair_no'),
);
export const gridLessons = async (db: Q, orgId: number, assignmentId: number) => (await heldLessons(db, orgId, assignmentId)).rows;

/** The marks of a grid, column by column, oldest first (one row from the database, not one per mark). */
export interface GridMarkColumns {
  id: number[];
  lesson_id: number[];
  student_id: number[];
  value: string[];
  work_type: (string | null)[];
  weight: number[];
  version: number[];
}

const MARK_COLUMNS = ['id', 'lesson_id', 'student_id', 'value', 'work_type', 'weight', 'version'] as const;

/**
 * What the grid shows of the marks of an assignment, oldest first. Thousands of marks cost more
 * to turn into one object each than to read: the database gathers each column into one JSON
 * array (SQLite feeds the aggregate in the order of the subquery, which an aggregate over it
 * keeps; PostgreSQL orders inside json_agg).
 */
export async function gridMarks(db: Q, engine: Engine, orgId: number, assignmentId: number): Promise<GridMarkColumns> {
  const ofAssignment = db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select(['m.id', 'm.lesson_id', 'm.student_id', 'm.value', 'm.work_type', 'm.weight', 'm.version'])
    .where('l.organization_id', '=', orgId)
    .where('l.assignment_id', '=', assignmentId)
    .where('m.organization_id', '=', orgId);
  const column = (c: (typeof MARK_COLUMNS)[number]) =>
    engine === 'pg'
      ? sql<string>`json_agg(${sql.ref(`mk.${c}`)} order by mk.id)`.as(c)
      : sql<string>`json_group_array(${sql.ref(`mk.${c}`)})`.as(c);
  const r = await db
    .selectFrom((engine === 'pg' ? ofAssignment : ofAssignment.orderBy('m.id')).as('mk'))
    .select(MARK_COLUMNS.map(column))
    .executeTakeFirstOrThrow();
  // pg hands json over parsed; an empty aggregate is null there.
  const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? []));
  return Object.fromEntries(MARK_COLUMNS.map((c) => [c, parsed(r[c])])) as unknown as GridMarkColumns;
}

/** The terms of an organization. */
export const termsOf = (db: Q, orgId: number) =>
  db.selectFrom('terms').select(['id', 'start_date', 'end_date']).where('organization_id', '=', orgId).orderBy('start_date').execute();

/** The assignments of a term with the lessons that have ended and those of them recorded (the journal list). */
export function journalList(
  db: Q,
  orgId: number,
  q: { termId: number; groupId?: number; teacherPersonId?: number; ended: { today: string; pairs: number[] } },
) {
  let qb = assignmentsJoined(db, orgId)
    .where('a.term_id', '=', q.termId)
    .select([...ASSIGNMENT_INFO, 'g.sort_key'])
    .select((eb) => [
      // Only lessons that have ended count: «Записано N из M» (issue 12).
      eb
        .selectFrom('lessons as l')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('l.assignment_id', '=', 'a.id')
        .where('l.organization_id', '=', orgId)
        .where('l.status', '!=', 'cancelled')
        .where(endedLessonSql(q.ended))
        .as('lessons'),
      eb
        .selectFrom('lessons as l')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('l.assignment_id', '=', 'a.id')
        .where('l.organization_id', '=', orgId)
        .where('l.status', '!=', 'cancelled')
        .where('l.recorded_at', 'is not', null)
        .where(endedLessonSql(q.ended))
        .as('recorded'),
    ]);
  if (q.groupId) qb = qb.where('a.group_id', '=', q.groupId);
  if (q.teacherPersonId) qb = qb.where('a.teacher_person_id', '=', q.teacherPersonId);
  return qb.orderBy('g.sort_key').orderBy('ci.code').execute();
}
