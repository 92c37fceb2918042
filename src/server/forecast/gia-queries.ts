import { sql, type Db } from '../platform/db.js';

// SQL of the ГИА forecasts (issue 16 item 4, decision 044): the graduating groups in reach, and what
// the college knows of their students — results in the modules, practice and course projects, the
// journal's marks and absences of the final year, module exams, the thesis and the demo exam — read for
// whole groups in a few statements. Every statement filters by organization.

const ids = (xs: readonly number[]) => (xs.length ? [...xs] : [0]);
const PROFESSIONAL_KINDS = ['mdk', 'module', 'module_exam', 'educational_practice', 'industrial_practice'];

/** The groups in their final course in the year starting `startYear` (active), of those given (null: all). */
export function graduatingGroups(db: Db, orgId: number, startYear: number, among: readonly number[] | null, groupId?: number) {
  return db
    .selectFrom('groups as g')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .select(['g.id', 'g.name', 'g.sort_key', 'g.intake_year', 'g.program_id', 'g.curator_person_id'])
    .where('g.organization_id', '=', orgId)
    .where('g.status', '=', 'active')
    .where(sql<boolean>`g.intake_year + (p.duration_terms + 1) / 2 - 1 = ${startYear}`)
    .$if(among !== null, (q) => q.where('g.id', 'in', ids(among!)))
    .$if(groupId !== undefined, (q) => q.where('g.id', '=', groupId!))
    .orderBy('g.sort_key')
    .execute();
}

/** Students of groups: every membership (past graduates) or those in the group on a date (today's). */
export function giaRoster(db: Db, orgId: number, groupIds: number[], on: string | null) {
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['gm.group_id', 'gm.student_id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', 'in', ids(groupIds))
    .$if(on !== null, (q) =>
      q.where('gm.start_date', '<=', on!).where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', on!)])),
    )
    .orderBy('p.sort_key')
    .orderBy('gm.student_id')
    .execute();
}

/** Term, exam and final grades given in the groups' assignments, with the item, its module and the term. */
export function giaGrades(db: Db, orgId: number, groupIds: number[]) {
  return db
    .selectFrom('term_grades as tg')
    .innerJoin('assignments as a', 'a.id', 'tg.assignment_id')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .leftJoin('curriculum_items as pm', 'pm.id', 'ci.parent_id')
    .select([
      'tg.student_id',
      'tg.assignment_id',
      'tg.kind',
      'tg.value',
      'tg.set_at',
      'a.curriculum_item_id',
      'ci.kind as item_kind',
      'ci.code',
      'pm.code as module_code',
      't.number as term_number',
      'y.start_date as year_start',
      'g.intake_year',
    ])
    .where('tg.organization_id', '=', orgId)
    .where('a.group_id', 'in', ids(groupIds))
    .execute();
}

/** Attestation forms of items by programme term (КП and КР mark a course project). */
export function giaItemForms(db: Db, orgId: number, itemIds: number[]) {
  return db
    .selectFrom('curriculum_item_terms')
    .select(['curriculum_item_id', 'term_no', 'attestation_form'])
    .where('organization_id', '=', orgId)
    .where('curriculum_item_id', 'in', ids(itemIds))
    .execute();
}

/** Marks (grades) in the groups' module and practice lessons between two dates: interim results before a term grade. */
export function giaJournalGrades(db: Db, orgId: number, groupIds: number[], from: string, to: string) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .leftJoin('curriculum_items as pm', 'pm.id', 'ci.parent_id')
    .select(['m.student_id', 'l.assignment_id', 'm.value', 'l.date', 'ci.kind as item_kind', 'ci.code', 'pm.code as module_code'])
    .where('m.organization_id', '=', orgId)
    .where('m.kind', '=', 'grade')
    .where('a.group_id', 'in', ids(groupIds))
    .where('ci.kind', 'in', PROFESSIONAL_KINDS)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .execute();
}

/** Absence hours by student, code and day in the groups' whole-group lessons between two dates. */
export function giaAbsences(db: Db, orgId: number, groupIds: number[], from: string, to: string) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['m.student_id', 'm.value', 'l.date', (eb) => eb.fn.sum<number | string>(eb.fn.coalesce('m.hours', 'l.hours')).as('hours')])
    .where('m.organization_id', '=', orgId)
    .where('m.kind', '=', 'absence')
    .where('a.group_id', 'in', ids(groupIds))
    .where('a.subgroup_id', 'is', null)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .groupBy(['m.student_id', 'm.value', 'l.date'])
    .execute();
}

/** Hours of whole-group lessons held (recorded, not cancelled) by group and day between two dates. */
export function giaHeldHours(db: Db, orgId: number, groupIds: number[], from: string, to: string) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['a.group_id', 'l.date', (eb) => eb.fn.sum<number | string>('l.hours').as('hours')])
    .where('l.organization_id', '=', orgId)
    .where('a.group_id', 'in', ids(groupIds))
    .where('a.subgroup_id', 'is', null)
    .where('l.recorded_at', 'is not', null)
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .groupBy(['a.group_id', 'l.date'])
    .execute();
}

/** Module exams of the groups' students, with the module's code. */
export function giaModuleExams(db: Db, orgId: number, groupIds: number[]) {
  return db
    .selectFrom('gia_module_exams as e')
    .innerJoin('curriculum_items as ci', 'ci.id', 'e.curriculum_item_id')
    .select(['e.student_id', 'ci.code', 'e.mastered', 'e.exam_date', 'e.set_at'])
    .where('e.organization_id', '=', orgId)
    .where('e.group_id', 'in', ids(groupIds))
    .execute();
}

/** How many professional modules each group's curriculum has. */
export function giaModulesTotal(db: Db, orgId: number, groupIds: number[]) {
  return db
    .selectFrom('groups as g')
    .innerJoin('curricula as c', (j) =>
      j
        .onRef('c.program_id', '=', 'g.program_id')
        .onRef('c.intake_year', '=', 'g.intake_year')
        .onRef('c.organization_id', '=', 'g.organization_id'),
    )
    .innerJoin('curriculum_items as ci', 'ci.curriculum_id', 'c.id')
    .select(['g.id as group_id', (eb) => eb.fn.count<number | string>(sql`distinct ci.code`).as('n')])
    .where('g.organization_id', '=', orgId)
    .where('g.id', 'in', ids(groupIds))
    .where('ci.kind', '=', 'module')
    .groupBy('g.id')
    .execute();
}

/** The groups' demo exams (the labels of training rows; today's, once held). */
export function giaDemoOutcomes(db: Db, orgId: number, groupIds: number[]) {
  return db
    .selectFrom('gia_demo_exams')
    .select(['student_id', 'group_id', 'academic_year_id', 'grade', 'points_x100', 'exam_date'])
    .where('organization_id', '=', orgId)
    .where('group_id', 'in', ids(groupIds))
    .execute();
}

/** The groups' theses: the admission to the defence, the supervisor's and the reviewer's grades, the grade. */
export function giaThesisOutcomes(db: Db, orgId: number, groupIds: number[]) {
  return db
    .selectFrom('gia_theses')
    .select(['student_id', 'group_id', 'academic_year_id', 'grade', 'admission', 'defense_date', 'supervisor_grade', 'reviewer_grade'])
    .where('organization_id', '=', orgId)
    .where('group_id', 'in', ids(groupIds))
    .execute();
}

/** The groups whose students took a demo exam or defended a thesis in a year that began before `before`. */
export function pastGiaGroups(db: Db, orgId: number, before: string) {
  const of = (table: 'gia_demo_exams' | 'gia_theses') =>
    db
      .selectFrom(`${table as 'gia_theses'} as r`)
      .innerJoin('academic_years as y', 'y.id', 'r.academic_year_id')
      .select(['r.group_id', 'y.id as year_id', 'y.name as year_name', 'y.start_date as year_start'])
      .where('r.organization_id', '=', orgId)
      .where('r.grade', 'is not', null)
      .where('y.start_date', '<', before);
  return of('gia_demo_exams').union(of('gia_theses')).execute();
}

/** The academic year a date falls in (else the last one begun before it). */
export function yearOn(db: Db, orgId: number, date: string) {
  return db
    .selectFrom('academic_years')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('start_date', '<=', date)
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The college's stored settings (the demo exam's cut-offs among them). */
export const collegeSettings = (db: Db, orgId: number) =>
  db.selectFrom('organizations').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
