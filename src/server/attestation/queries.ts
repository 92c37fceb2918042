import { fullName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';

/** An assignment with everything a grade sheet names: group, subject, term, teacher. */
export async function assignmentHeader(db: Db | Tx, orgId: number, id: number) {
  const r = await db
    .selectFrom('assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .innerJoin('persons as tp', 'tp.id', 'a.teacher_person_id')
    .select([
      'a.id', 'a.group_id', 'a.subgroup_id', 'a.term_id', 'a.hours', 'a.teacher_person_id', 'a.curriculum_item_id',
      'g.name as group_name', 'sg.name as subgroup_name', 'ci.code as subject_code', 'ci.name as subject_name', 'ci.commission_id',
      't.number as term_number', 't.start_date as term_start', 't.end_date as term_end', 'y.name as year_name',
      'tp.last_name', 'tp.first_name', 'tp.middle_name',
    ])
    .where('a.organization_id', '=', orgId)
    .where('a.id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, teacher_name: fullName(r) } : undefined;
}
export type AssignmentHeader = NonNullable<Awaited<ReturnType<typeof assignmentHeader>>>;

/** The grades of an assignment's held lessons (up to a date), with the lesson's date. */
export async function assignmentMarks(db: Db | Tx, orgId: number, assignmentId: number, upTo: string) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select(['m.student_id', 'm.lesson_id', 'm.kind', 'm.value', 'm.work_type', 'm.weight', 'm.hours', 'l.date', 'l.hours as lesson_hours'])
    .where('m.organization_id', '=', orgId)
    .where('l.assignment_id', '=', assignmentId)
    .where('l.date', '<=', upTo)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .orderBy('m.id')
    .execute();
}

/** The term grades of an assignment, with the name of who set each. */
export async function assignmentTermGrades(db: Db | Tx, orgId: number, assignmentId: number) {
  return db
    .selectFrom('term_grades as tg')
    .innerJoin('users as u', 'u.id', 'tg.set_by_user_id')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select(['tg.id', 'tg.student_id', 'tg.kind', 'tg.value', 'tg.version', 'tg.override_reason', 'tg.missing', 'tg.set_at', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('tg.organization_id', '=', orgId)
    .where('tg.assignment_id', '=', assignmentId)
    .execute();
}

/** Terms of the organization, newest first, with their year's name. */
export async function termOptions(db: Db, orgId: number) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.name as year_name'])
    .where('t.organization_id', '=', orgId)
    .orderBy('t.start_date', 'desc')
    .execute();
}

/** The lessons of an assignment held up to a date, in order: the КТП is laid over them. */
export async function heldLessons(db: Db | Tx, orgId: number, assignmentId: number, upTo: string) {
  return db
    .selectFrom('lessons')
    .select(['id', 'date', 'hours', 'work_types'])
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('date', '<=', upTo)
    .where('status', '!=', 'cancelled')
    .orderBy('date')
    .orderBy('pair_no')
    .execute();
}

/** Term-grade events set despite the objectivity check in a term, newest first, with who and whom. */
export function overrideEvents(db: Db | Tx, orgId: number, termId: number) {
  return db
    .selectFrom('term_grade_events as e')
    .leftJoin('term_grades as tg', 'tg.id', 'e.term_grade_id')
    .innerJoin('assignments as a', 'a.id', 'e.assignment_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .innerJoin('persons as up', 'up.id', 'u.person_id')
    .select([
      'e.id', 'e.at', 'e.kind', 'e.new_value', 'e.reason', 'e.missing', 'e.assignment_id', 'g.name as group_name', 'ci.code', 'ci.name as subject_name',
      'sp.last_name as s_last', 'sp.first_name as s_first', 'sp.middle_name as s_middle',
      'up.last_name as u_last', 'up.first_name as u_first', 'up.middle_name as u_middle',
      'tg.set_at', 'tg.value as current_value',
    ])
    .where('e.organization_id', '=', orgId)
    .where('e.override', '=', 1)
    .where('a.term_id', '=', termId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}
