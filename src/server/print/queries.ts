import type { Db, Tx } from '../platform/db.js';
import { assignmentsJoined } from '../curriculum/queries.js';
import { ASSIGNMENT_INFO, lessonsJoined } from '../journal/queries.js';

// What the printed journal reads that no other area's query gives: every statement by organization.

type Q = Db | Tx;

export const orgName = async (db: Q, orgId: number) =>
  (await db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name;

/** An academic year of the college with its terms in order. */
export async function yearWithTerms(db: Q, orgId: number, yearId: number) {
  const y = await db
    .selectFrom('academic_years')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('id', '=', yearId)
    .executeTakeFirst();
  if (!y) return null;
  const terms = await db
    .selectFrom('terms')
    .select(['id', 'number', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('academic_year_id', '=', yearId)
    .orderBy('start_date')
    .execute();
  return { ...y, terms };
}

/** The year a term belongs to, and the year of a date (the current one when none is chosen). */
export const yearOfTerm = async (db: Q, orgId: number, termId: number) =>
  (await db.selectFrom('terms').select('academic_year_id').where('organization_id', '=', orgId).where('id', '=', termId).executeTakeFirst())
    ?.academic_year_id ?? null;

export const yearOn = async (db: Q, orgId: number, date: string) =>
  (
    await db
      .selectFrom('academic_years')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('start_date', '<=', date)
      .orderBy('start_date', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.id ?? null;

/** The director (the certification page is signed by them). */
export const directorName = (db: Q, orgId: number) =>
  db
    .selectFrom('staff_roles as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['p.last_name', 'p.first_name', 'p.middle_name'])
    .where('r.organization_id', '=', orgId)
    .where('r.role', '=', 'director')
    .orderBy('r.id')
    .limit(1)
    .executeTakeFirst();

/** The assignments of a group in some terms, or some assignments by id, in the order of the journal. */
export function printAssignments(db: Q, orgId: number, f: { groupId: number; termIds: number[] } | { ids: number[] }) {
  let q = assignmentsJoined(db, orgId).select([...ASSIGNMENT_INFO, 'ci.kind as subject_kind']);
  if ('ids' in f) q = q.where('a.id', 'in', f.ids.length ? f.ids : [0]);
  else q = q.where('a.group_id', '=', f.groupId).where('a.term_id', 'in', f.termIds.length ? f.termIds : [0]);
  return q.orderBy('t.start_date').orderBy('ci.code').orderBy('sg.name').orderBy('a.id').execute();
}
export type PrintAssignment = Awaited<ReturnType<typeof printAssignments>>[number];

/** The held lessons of some assignments with what the record of work shows, in the order of the journal. */
export const printLessons = (db: Q, orgId: number, assignmentIds: number[]) =>
  lessonsJoined(db, orgId)
    .select([
      'l.id',
      'l.assignment_id',
      'l.date',
      'l.pair_no',
      'l.hours',
      'l.topic',
      'l.work_done',
      'l.work_types',
      'l.homework',
      'l.teacher_person_id',
      'a.teacher_person_id as a_teacher_person_id',
      'tp.last_name as t_last',
      'tp.first_name as t_first',
      'tp.middle_name as t_middle',
    ])
    .where('l.assignment_id', 'in', assignmentIds.length ? assignmentIds : [0])
    .where('l.status', '!=', 'cancelled')
    .orderBy('l.assignment_id')
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();
export type PrintLesson = Awaited<ReturnType<typeof printLessons>>[number];

/** Students who arrived in or left a group within a period, with the date and the order. */
export const groupMovement = (db: Q, orgId: number, groupId: number, from: string, to: string) =>
  db
    .selectFrom('enrollment_events as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('groups as fg', 'fg.id', 'e.from_group_id')
    .leftJoin('groups as tg', 'tg.id', 'e.to_group_id')
    .select([
      'e.student_id',
      'e.kind',
      'e.effective_date',
      'e.order_no',
      'e.reason',
      'e.from_group_id',
      'e.to_group_id',
      'fg.name as from_group',
      'tg.name as to_group',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('e.organization_id', '=', orgId)
    .where((eb) => eb.or([eb('e.from_group_id', '=', groupId), eb('e.to_group_id', '=', groupId)]))
    .where('e.effective_date', '>=', from)
    .where('e.effective_date', '<=', to)
    .orderBy('e.effective_date')
    .orderBy('e.id')
    .execute();

/** Approved corrections of the lessons of some assignments (made after the entry window, п. 3.13). */
export const printCorrections = (db: Q, orgId: number, assignmentIds: number[]) =>
  db
    .selectFrom('correction_requests as c')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('students as s', 's.id', 'c.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .innerJoin('users as ru', 'ru.id', 'c.requested_by_user_id')
    .innerJoin('persons as rp', 'rp.id', 'ru.person_id')
    .leftJoin('users as du', 'du.id', 'c.decided_by_user_id')
    .leftJoin('persons as dp', 'dp.id', 'du.person_id')
    .select([
      'c.id',
      'l.assignment_id',
      'l.date',
      'c.old_value',
      'c.new_value',
      'c.reason',
      'c.requested_at',
      'c.decided_at',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'rp.last_name as r_last',
      'rp.first_name as r_first',
      'rp.middle_name as r_middle',
      'dp.last_name as d_last',
      'dp.first_name as d_first',
      'dp.middle_name as d_middle',
    ])
    .where('c.organization_id', '=', orgId)
    .where('l.organization_id', '=', orgId)
    .where('c.status', '=', 'approved')
    .where('l.assignment_id', 'in', assignmentIds.length ? assignmentIds : [0])
    .orderBy('c.decided_at')
    .orderBy('c.id')
    .execute();

/** Remarks on keeping the journals of some assignments (on a journal or one of its lessons). */
export const printRemarks = (db: Q, orgId: number, assignmentIds: number[]) =>
  db
    .selectFrom('remarks as r')
    .leftJoin('lessons as l', 'l.id', 'r.lesson_id')
    .innerJoin('users as au', 'au.id', 'r.author_user_id')
    .innerJoin('persons as ap', 'ap.id', 'au.person_id')
    .select([
      'r.id',
      'r.text',
      'r.due_date',
      'r.status',
      'r.created_at',
      'r.assignment_id',
      'l.assignment_id as lesson_assignment_id',
      'l.date as lesson_date',
      'ap.last_name as a_last',
      'ap.first_name as a_first',
      'ap.middle_name as a_middle',
    ])
    .where('r.organization_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('r.assignment_id', 'in', assignmentIds.length ? assignmentIds : [0]),
        eb('l.assignment_id', 'in', assignmentIds.length ? assignmentIds : [0]),
      ]),
    )
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();

/** A group with its programme (code, name, kind) and curator: the printed journal's title page, the archive's export. */
export const groupWithProgram = (db: Q, orgId: number, groupId: number) =>
  db
    .selectFrom('groups as g')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .leftJoin('persons as c', 'c.id', 'g.curator_person_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.intake_year',
      'p.code',
      'p.name as program_name',
      'p.kind as program_kind',
      'c.last_name',
      'c.first_name',
      'c.middle_name',
    ])
    .where('g.organization_id', '=', orgId)
    .where('g.id', '=', groupId)
    .executeTakeFirst();
