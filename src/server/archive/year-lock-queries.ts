import type { YearObject } from '../../contracts/route.js';
import { compiledOnce, type Db, type Tx } from '../platform/db.js';

// SQL of the year lock (decision 028): the academic years an object of each kind belongs to, by
// organization. An object of another college, or none, belongs to no year (the service answers 404).

export interface YearState {
  id: number;
  name: string;
  status: string;
}

const YEAR_COLS = ['y.id as id', 'y.name as name', 'y.status as status'] as const;

const lessonYears = (db: Db | Tx, orgId: number) =>
  db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .innerJoin('assignments as a', 'a.term_id', 't.id')
    .innerJoin('lessons as l', 'l.assignment_id', 'a.id')
    .select(YEAR_COLS)
    .where('a.organization_id', '=', orgId);

// Every mark written names its lesson or its mark: those two lookups are compiled once (decision 029).
const yearsOfLesson = compiledOnce((db, orgId: number, id: number) => lessonYears(db, orgId).where('l.id', '=', id));
const yearsOfMark = compiledOnce((db, orgId: number, id: number) =>
  lessonYears(db, orgId).innerJoin('marks as m', 'm.lesson_id', 'l.id').where('m.id', '=', id),
);

/** The years an object belongs to: a lesson through its assignment's term, a date by the year that covers it, and so on. */
export async function yearsOf(db: Db, orgId: number, kind: YearObject, value: number | string): Promise<YearState[]> {
  const byTerm = () => db.selectFrom('terms as t').innerJoin('academic_years as y', 'y.id', 't.academic_year_id').select(YEAR_COLS);
  const byAssignment = () => byTerm().innerJoin('assignments as a', 'a.term_id', 't.id').where('a.organization_id', '=', orgId);
  const byLesson = () => byAssignment().innerJoin('lessons as l', 'l.assignment_id', 'a.id');
  const id = Number(value);
  switch (kind) {
    case 'date':
      return db
        .selectFrom('academic_years as y')
        .select(YEAR_COLS)
        .where('y.organization_id', '=', orgId)
        .where('y.start_date', '<=', String(value))
        .where('y.end_date', '>=', String(value))
        .execute();
    case 'year':
      return db.selectFrom('academic_years as y').select(YEAR_COLS).where('y.organization_id', '=', orgId).where('y.id', '=', id).execute();
    case 'term':
      return byTerm().where('t.organization_id', '=', orgId).where('t.id', '=', id).execute();
    case 'assignment':
      return byAssignment().where('a.id', '=', id).execute();
    case 'lesson':
      return (await yearsOfLesson(db, orgId, id)).rows;
    case 'mark':
      return (await yearsOfMark(db, orgId, id)).rows;
    case 'lesson-file':
      return byLesson().innerJoin('lesson_files as f', 'f.lesson_id', 'l.id').where('f.id', '=', id).execute();
    case 'correction':
      return byLesson().innerJoin('correction_requests as c', 'c.lesson_id', 'l.id').where('c.id', '=', id).execute();
    case 'remark':
      return byAssignment()
        .innerJoin('remarks as r', (j) =>
          j.on((eb) =>
            eb.or([
              eb('r.assignment_id', '=', eb.ref('a.id')),
              eb('r.lesson_id', 'in', eb.selectFrom('lessons as rl').select('rl.id').whereRef('rl.assignment_id', '=', 'a.id')),
            ]),
          ),
        )
        .where('r.id', '=', id)
        .execute();
    case 'plan':
      // A КТП is the plan of a subject for a group; it belongs to the years of the load that uses it.
      return byAssignment()
        .innerJoin('lesson_plans as p', (j) =>
          j.onRef('p.curriculum_item_id', '=', 'a.curriculum_item_id').onRef('p.group_id', '=', 'a.group_id'),
        )
        .where('p.id', '=', id)
        .execute();
    case 'timetable-entry':
      return byTerm()
        .innerJoin('timetable_entries as e', 'e.term_id', 't.id')
        .where('e.organization_id', '=', orgId)
        .where('e.id', '=', id)
        .execute();
    case 'timetable-change':
      return db
        .selectFrom('timetable_changes as c')
        .innerJoin('academic_years as y', (j) =>
          j.onRef('y.organization_id', '=', 'c.organization_id').onRef('y.start_date', '<=', 'c.date').onRef('y.end_date', '>=', 'c.date'),
        )
        .select(YEAR_COLS)
        .where('c.organization_id', '=', orgId)
        .where('c.id', '=', id)
        .execute();
    case 'excuse':
      return db
        .selectFrom('absence_excuses as x')
        .innerJoin('academic_years as y', (j) =>
          j
            .onRef('y.organization_id', '=', 'x.organization_id')
            .onRef('y.start_date', '<=', 'x.to_date')
            .onRef('y.end_date', '>=', 'x.from_date'),
        )
        .select(YEAR_COLS)
        .where('x.organization_id', '=', orgId)
        .where('x.id', '=', id)
        .execute();
    case 'report':
      // A kept report is of the period it names (a week's Monday, a day).
      return db
        .selectFrom('generated_reports as g')
        .innerJoin('academic_years as y', (j) =>
          j
            .onRef('y.organization_id', '=', 'g.organization_id')
            .onRef('y.start_date', '<=', 'g.period')
            .onRef('y.end_date', '>=', 'g.period'),
        )
        .select(YEAR_COLS)
        .where('g.organization_id', '=', orgId)
        .where('g.id', '=', id)
        .execute();
    case 'term-check-part':
      return byTerm()
        .innerJoin('term_checks as c', 'c.term_id', 't.id')
        .innerJoin('term_check_parts as p', 'p.term_check_id', 'c.id')
        .where('p.organization_id', '=', orgId)
        .where('p.id', '=', id)
        .execute();
    case 'plan-line':
      // A line of the plan of intra-college control is of the academic year whose plan it is.
      return db
        .selectFrom('control_plan_lines as pl')
        .innerJoin('academic_years as y', 'y.id', 'pl.academic_year_id')
        .select(YEAR_COLS)
        .where('pl.organization_id', '=', orgId)
        .where('pl.id', '=', id)
        .execute();
    case 'plan-mark':
      return db
        .selectFrom('control_plan_marks as pm')
        .innerJoin('control_plan_lines as pl', 'pl.id', 'pm.line_id')
        .innerJoin('academic_years as y', 'y.id', 'pl.academic_year_id')
        .select(YEAR_COLS)
        .where('pm.organization_id', '=', orgId)
        .where('pm.id', '=', id)
        .execute();
  }
}
