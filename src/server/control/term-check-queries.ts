import type { Db, Tx } from '../platform/db.js';
import { assignmentsJoined } from '../curriculum/queries.js';

type Q = Db | Tx;

// SQL of the end-of-term check (п. 5.3, 5.4).

/** The term's assignments with what places them in the program and the group's curator. */
export const termAssignments = (db: Q, orgId: number, termId: number) =>
  assignmentsJoined(db, orgId)
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select([
      'a.id',
      'a.group_id as groupId',
      'a.subgroup_id as subgroupId',
      'a.curriculum_item_id as itemId',
      'a.teacher_person_id as teacherPersonId',
      'g.name as groupName',
      'g.intake_year as intakeYear',
      'g.curator_person_id as curatorPersonId',
      'sg.name as subgroupName',
      'ci.code',
      'ci.name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
      't.number as termNumber',
      'y.start_date as yearStart',
    ])
    .where('a.term_id', '=', termId)
    .execute();

/** The lessons of the term's assignments that are not cancelled. */
export const termLessons = (db: Q, orgId: number, termId: number) =>
  db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['l.id', 'l.assignment_id as assignmentId', 'l.date', 'l.hours', 'l.recorded_at as recordedAt', 'l.work_types as workTypes'])
    .where('l.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where('l.status', '!=', 'cancelled')
    .execute();

/** The marks (grades and absences) on the term's lessons that are not cancelled. */
export const termMarks = (db: Q, orgId: number, termId: number) =>
  db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select([
      'm.lesson_id as lessonId',
      'l.assignment_id as assignmentId',
      'm.student_id as studentId',
      'm.kind',
      'm.value',
      'm.work_type as workType',
      'm.hours',
      'l.hours as lessonHours',
    ])
    .where('m.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where('l.status', '!=', 'cancelled')
    .execute();

/** The term grades of the term's assignments. */
export const termGradesOf = (db: Q, orgId: number, termId: number) =>
  db
    .selectFrom('term_grades as tg')
    .innerJoin('assignments as a', 'a.id', 'tg.assignment_id')
    .select(['tg.assignment_id as assignmentId', 'tg.student_id as studentId', 'tg.value', 'tg.override_reason as overrideReason'])
    .where('tg.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where('tg.kind', '=', 'term')
    .execute();

export async function insertTermCheck(
  tx: Tx,
  r: {
    orgId: number;
    termId: number;
    title: string;
    userId: number | null;
    job: string | null;
    at: string;
    data: unknown;
    parts: { personId: number; role: string }[];
  },
): Promise<number> {
  const row = await tx
    .insertInto('term_checks')
    .values({
      organization_id: r.orgId,
      term_id: r.termId,
      title: r.title,
      made_by_user_id: r.userId,
      made_by_job: r.job,
      created_at: r.at,
      data: JSON.stringify(r.data),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (r.parts.length)
    await tx
      .insertInto('term_check_parts')
      .values(r.parts.map((p) => ({ organization_id: r.orgId, term_check_id: row.id, person_id: p.personId, role: p.role })))
      .execute();
  return row.id;
}

const checksBase = (db: Q, orgId: number) =>
  db
    .selectFrom('term_checks as c')
    .leftJoin('users as u', 'u.id', 'c.made_by_user_id')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .select([
      'c.id',
      'c.term_id as termId',
      'c.title',
      'c.made_by_job as madeByJob',
      'c.created_at as createdAt',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('c.organization_id', '=', orgId);

export const termCheckList = (db: Q, orgId: number, termId: number | undefined) => {
  let q = checksBase(db, orgId);
  if (termId) q = q.where('c.term_id', '=', termId);
  return q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').execute();
};

export const termCheckById = (db: Q, orgId: number, id: number) =>
  checksBase(db, orgId).select('c.data').where('c.id', '=', id).executeTakeFirst();

export const partsOfChecks = (db: Q, orgId: number, checkIds: number[]) =>
  db
    .selectFrom('term_check_parts as tp')
    .innerJoin('persons as p', 'p.id', 'tp.person_id')
    .select([
      'tp.id',
      'tp.term_check_id as checkId',
      'tp.person_id as personId',
      'tp.role',
      'tp.acknowledged_at as acknowledgedAt',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('tp.organization_id', '=', orgId)
    .where('tp.term_check_id', 'in', checkIds.length ? checkIds : [0])
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('tp.role')
    .execute();

export const partsOfPerson = (db: Q, orgId: number, personId: number) =>
  db
    .selectFrom('term_check_parts as tp')
    .innerJoin('term_checks as c', 'c.id', 'tp.term_check_id')
    .select([
      'tp.id',
      'tp.term_check_id as checkId',
      'tp.role',
      'tp.acknowledged_at as acknowledgedAt',
      'c.title',
      'c.created_at as createdAt',
      'c.data',
    ])
    .where('tp.organization_id', '=', orgId)
    .where('tp.person_id', '=', personId)
    .orderBy('c.created_at', 'desc')
    .orderBy('tp.id', 'desc')
    .execute();

export const acknowledgePart = (tx: Tx, orgId: number, id: number, at: string) =>
  tx
    .updateTable('term_check_parts')
    .set({ acknowledged_at: at })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();

/** The terms of the list that already have a check made by the job (a retried run makes none twice). */
export const termsCheckedByJob = async (db: Q, orgId: number, termIds: number[], job: string) =>
  termIds.length
    ? (
        await db
          .selectFrom('term_checks')
          .select('term_id')
          .where('organization_id', '=', orgId)
          .where('term_id', 'in', termIds)
          .where('made_by_job', '=', job)
          .execute()
      ).map((r) => r.term_id)
    : [];
