import { sql, type Db } from '../platform/db.js';
import { assignmentInReach, type Reach } from '../platform/reach.js';
import type { ModelKind } from './tables.js';

// SQL of the forecasts (issue 16): what the journal holds about a term's assignments in scope — the
// caller's reach, a group or one student — read in a few statements for the whole scope, and the
// models kept. Every statement filters by organization.

/** Which assignments of a term: within a reach (null: the whole college), of one group, of one student's groups. */
export interface Scope {
  reach: Reach | null;
  groupId?: number;
  studentId?: number;
}

const TRUE = sql<boolean>`1 = 1`;

function assignmentScope(s: Scope) {
  const parts = [s.reach ? assignmentInReach(s.reach) : TRUE];
  if (s.groupId !== undefined) parts.push(sql<boolean>`a.group_id = ${s.groupId}`);
  if (s.studentId !== undefined)
    parts.push(
      sql<boolean>`exists (select 1 from group_memberships sgm where sgm.group_id = a.group_id and sgm.student_id = ${s.studentId})`,
    );
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export function termOf(db: Db, orgId: number, termId: number) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.start_date as year_start', 'y.name as year_name'])
    .where('t.organization_id', '=', orgId)
    .where('t.id', '=', termId)
    .executeTakeFirst();
}

export function termsOf(db: Db, orgId: number) {
  return db
    .selectFrom('terms as t')
    .innerJoin('academic_years as y', 'y.id', 't.academic_year_id')
    .select(['t.id', 't.number', 't.start_date', 't.end_date', 'y.start_date as year_start', 'y.name as year_name'])
    .where('t.organization_id', '=', orgId)
    .orderBy('t.start_date')
    .execute();
}

/** The term's assignments in scope with their group and subject. */
export function scopedAssignments(db: Db, orgId: number, termId: number, s: Scope) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select([
      'a.id',
      'a.group_id',
      'a.subgroup_id',
      'a.curriculum_item_id',
      'g.name as group_name',
      'g.sort_key as group_sort',
      'g.intake_year',
      'g.curator_person_id',
      'ci.code',
      'ci.name',
      'ci.position',
    ])
    .where('a.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where(assignmentScope(s))
    .orderBy('g.sort_key')
    .orderBy('ci.position')
    .orderBy('a.id')
    .execute();
}

/** The attestation forms of subjects by program term. */
export function itemForms(db: Db, orgId: number, termId: number, s: Scope) {
  return db
    .selectFrom('curriculum_item_terms as it')
    .select(['it.curriculum_item_id', 'it.term_no', 'it.attestation_form'])
    .where('it.organization_id', '=', orgId)
    .where('it.curriculum_item_id', 'in', (eb) =>
      eb
        .selectFrom('assignments as a')
        .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
        .select('a.curriculum_item_id')
        .where('a.organization_id', '=', orgId)
        .where('a.term_id', '=', termId)
        .where(assignmentScope(s)),
    )
    .execute();
}

/** Memberships of the scope's groups that overlap the term (students with their names). */
export function rosters(db: Db, orgId: number, termId: number, term: { start_date: string; end_date: string }, s: Scope) {
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as st', 'st.id', 'gm.student_id')
    .innerJoin('persons as p', 'p.id', 'st.person_id')
    .select(['gm.group_id', 'gm.student_id', 'gm.start_date', 'gm.end_date', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.start_date', '<=', term.end_date)
    .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', term.start_date)]))
    .$if(s.studentId !== undefined, (q) => q.where('gm.student_id', '=', s.studentId!))
    .where('gm.group_id', 'in', groupsOfScope(db, orgId, termId, s))
    .orderBy('p.sort_key')
    .orderBy('gm.student_id')
    .execute();
}

/** Subgroup memberships of the scope's students (who is in a subgroup's assignment). */
export function subgroupRosters(db: Db, orgId: number, termId: number, s: Scope) {
  return db
    .selectFrom('subgroup_memberships as sm')
    .select(['sm.subgroup_id', 'sm.student_id', 'sm.start_date', 'sm.end_date'])
    .where('sm.organization_id', '=', orgId)
    .$if(s.studentId !== undefined, (q) => q.where('sm.student_id', '=', s.studentId!))
    .where('sm.subgroup_id', 'in', (eb) =>
      eb
        .selectFrom('assignments as a')
        .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
        .select('a.subgroup_id')
        .where('a.organization_id', '=', orgId)
        .where('a.term_id', '=', termId)
        .where('a.subgroup_id', 'is not', null)
        .where(assignmentScope(s)),
    )
    .execute();
}

/** Lessons held up to a date (recorded, not cancelled) of the scope's assignments. */
export function heldLessons(db: Db, orgId: number, termId: number, asOf: string, s: Scope) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['l.id', 'l.assignment_id', 'l.date', 'l.hours', 'l.work_types'])
    .where('l.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where('l.date', '<=', asOf)
    .where('l.recorded_at', 'is not', null)
    .where('l.status', '!=', 'cancelled')
    .where(assignmentScope(s))
    .execute();
}

/** Grades and absences in those lessons up to a date. */
export function journalMarks(db: Db, orgId: number, termId: number, asOf: string, s: Scope) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['m.lesson_id', 'm.student_id', 'm.kind', 'm.value', 'm.weight', 'm.hours', 'l.date', 'l.assignment_id'])
    .where('m.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where('l.date', '<=', asOf)
    .$if(s.studentId !== undefined, (q) => q.where('m.student_id', '=', s.studentId!))
    .where(assignmentScope(s))
    .execute();
}

/** The groups with assignments in the term (the training reads a past term one group at a time). */
export async function groupsOfTerm(db: Db, orgId: number, termId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('assignments')
    .select('group_id')
    .distinct()
    .where('organization_id', '=', orgId)
    .where('term_id', '=', termId)
    .orderBy('group_id')
    .execute();
  return rows.map((r) => r.group_id);
}

/** The groups the scope's assignments of the term teach. */
function groupsOfScope(db: Db, orgId: number, termId: number, s: Scope) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select('a.group_id')
    .where('a.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where(assignmentScope(s));
}

/** The students who were ever in a group the scope's assignments of the term teach. */
function studentsOfScope(db: Db, orgId: number, termId: number, s: Scope) {
  return db
    .selectFrom('group_memberships as gm')
    .select('gm.student_id')
    .where('gm.organization_id', '=', orgId)
    .where('gm.group_id', 'in', groupsOfScope(db, orgId, termId, s));
}

/** Curators' excuses (справки) in force of the scope's students. */
export function excusesOf(db: Db, orgId: number, termId: number, s: Scope) {
  return db
    .selectFrom('absence_excuses as e')
    .select(['e.student_id', 'e.from_date', 'e.to_date', 'e.created_at'])
    .where('e.organization_id', '=', orgId)
    .where('e.revoked_at', 'is', null)
    .$if(s.studentId !== undefined, (q) => q.where('e.student_id', '=', s.studentId!))
    .where('e.student_id', 'in', studentsOfScope(db, orgId, termId, s))
    .execute();
}

/**
 * Term grades (kind «term») of the scope's students in terms that began before this one ended —
 * earlier terms feed the features (each cut at its date), this term's are the grades already given.
 */
export function studentTermGrades(db: Db, orgId: number, termId: number, termEnd: string, s: Scope) {
  return db
    .selectFrom('term_grades as tg')
    .innerJoin('assignments as a2', 'a2.id', 'tg.assignment_id')
    .innerJoin('terms as t2', 't2.id', 'a2.term_id')
    .select(['tg.student_id', 'tg.assignment_id', 'tg.value', 'tg.set_at', 'a2.term_id', 'a2.group_id'])
    .where('tg.organization_id', '=', orgId)
    .where('tg.kind', '=', 'term')
    .where('t2.start_date', '<=', termEnd)
    .$if(s.studentId !== undefined, (q) => q.where('tg.student_id', '=', s.studentId!))
    .where('tg.student_id', 'in', studentsOfScope(db, orgId, termId, s))
    .execute();
}

/** Results (term, exam, final) of a term's assignments of some groups: last term's performance. */
export function groupResults(db: Db, orgId: number, termId: number, groupIds: number[]) {
  return db
    .selectFrom('term_grades as tg')
    .innerJoin('assignments as a', 'a.id', 'tg.assignment_id')
    .select(['tg.student_id', 'tg.assignment_id', 'tg.kind', 'tg.value', 'a.group_id', 'a.curriculum_item_id'])
    .where('tg.organization_id', '=', orgId)
    .where('a.term_id', '=', termId)
    .where('a.group_id', 'in', groupIds.length ? groupIds : [0])
    .execute();
}

// ── Models ──────────────────────────────────────────────────────────────────────────────────

export function latestModel(db: Db, orgId: number, kind: ModelKind) {
  return db
    .selectFrom('forecast_models')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function modelHistory(db: Db, orgId: number) {
  return db
    .selectFrom('forecast_models')
    .select(['id', 'kind', 'source', 'trained_at', 'rows', 'metrics', 'made_by_job', 'made_by_user_id'])
    .where('organization_id', '=', orgId)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

export async function insertModel(
  db: Db,
  m: {
    orgId: number;
    kind: ModelKind;
    source: 'history' | 'prior';
    model: string;
    rows: number;
    metrics: string;
    at: string;
    job: string | null;
    userId: number | null;
  },
) {
  await db
    .insertInto('forecast_models')
    .values({
      organization_id: m.orgId,
      kind: m.kind,
      source: m.source,
      model: m.model,
      trained_at: m.at,
      rows: m.rows,
      metrics: m.metrics,
      made_by_job: m.job,
      made_by_user_id: m.userId,
    })
    .execute();
}
