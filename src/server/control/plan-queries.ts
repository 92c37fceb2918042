import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';
import { assignmentsJoined } from '../curriculum/queries.js';

type Q = Db | Tx;

// SQL of the plan of intra-college control (п. 2.12): its lines and hand marks, and the kept checks
// that fulfil occurrences by themselves (signed weekly checks, fill reports, term-check справки).

export const planYears = (db: Q, orgId: number) =>
  db
    .selectFrom('academic_years')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .orderBy('start_date', 'desc')
    .execute();

export const yearTerms = (db: Q, orgId: number, yearId: number) =>
  db
    .selectFrom('terms')
    .select(['id', 'number', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('academic_year_id', '=', yearId)
    .orderBy('number')
    .execute();

export const planLines = (db: Q, orgId: number, o: { yearId?: number; id?: number }) => {
  let q = db
    .selectFrom('control_plan_lines as l')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .selectAll('l')
    .select(['p.last_name', 'p.first_name', 'p.middle_name'])
    .where('l.organization_id', '=', orgId);
  if (o.yearId !== undefined) q = q.where('l.academic_year_id', '=', o.yearId);
  if (o.id !== undefined) q = q.where('l.id', '=', o.id);
  return q.orderBy('l.id').execute();
};
export type PlanLineRow = Awaited<ReturnType<typeof planLines>>[number];

export const planMarks = (db: Q, orgId: number, lineIds: number[]) =>
  lineIds.length
    ? db
        .selectFrom('control_plan_marks as m')
        .innerJoin('users as u', 'u.id', 'm.marked_by_user_id')
        .innerJoin('persons as p', 'p.id', 'u.person_id')
        .leftJoin('generated_reports as r', 'r.id', 'm.report_id')
        .leftJoin('remarks as rm', 'rm.id', 'm.remark_id')
        .selectAll('m')
        .select([
          'p.last_name',
          'p.first_name',
          'p.middle_name',
          'r.title as report_title',
          'r.kind as report_kind',
          'rm.text as remark_text',
        ])
        .where('m.organization_id', '=', orgId)
        .where('m.line_id', 'in', lineIds)
        .execute()
    : Promise.resolve([]);
export type PlanMarkRow = Awaited<ReturnType<typeof planMarks>>[number];

export const planMarkById = (db: Q, orgId: number, id: number) =>
  db.selectFrom('control_plan_marks').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** Weekly checks signed, with their week (the Monday) and who signed them when. */
export const signedWeeklies = (db: Q, orgId: number, from: string, to: string) =>
  db
    .selectFrom('generated_reports as r')
    .innerJoin('weekly_signoffs as w', (j) => j.onRef('w.report_id', '=', 'r.id').on('w.organization_id', '=', orgId))
    .innerJoin('users as u', 'u.id', 'w.signed_by_user_id')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select(['r.id', 'r.period', 'r.title', 'w.signed_at as at', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('r.organization_id', '=', orgId)
    .where('r.kind', '=', 'weekly-check')
    .where('r.period', '>=', from)
    .where('r.period', '<=', to)
    .execute();

/** Daily fill reports kept (by a person or the scheduler) for days of the period. */
export const fillReports = (db: Q, orgId: number, from: string, to: string) =>
  db
    .selectFrom('generated_reports as r')
    .leftJoin('users as u', 'u.id', 'r.made_by_user_id')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .select(['r.id', 'r.period', 'r.title', 'r.created_at as at', 'r.made_by_job', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('r.organization_id', '=', orgId)
    .where('r.kind', '=', 'fill-daily')
    .where('r.period', '>=', from)
    .where('r.period', '<=', to)
    .execute();

/** End-of-term справки of the year's terms with their term's dates and author. */
export const yearTermChecks = (db: Q, orgId: number, yearId: number) =>
  db
    .selectFrom('term_checks as c')
    .innerJoin('terms as t', 't.id', 'c.term_id')
    .innerJoin('users as u', 'u.id', 'c.made_by_user_id')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select(['c.id', 'c.title', 'c.created_at as at', 't.start_date', 't.end_date', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('c.organization_id', '=', orgId)
    .where('t.academic_year_id', '=', yearId)
    .execute();

/** Staff who may be named to check: people holding one of the roles given. */
export const planPeople = (db: Q, orgId: number, roles: string[]) =>
  db
    .selectFrom('staff_roles as sr')
    .innerJoin('persons as p', 'p.id', 'sr.person_id')
    .select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .distinct()
    .where('sr.organization_id', '=', orgId)
    .where('sr.role', 'in', roles)
    .orderBy('p.sort_key')
    .execute();

export const orgGroups = (db: Q, orgId: number) =>
  db.selectFrom('groups').select(['id', 'name', 'sort_key']).where('organization_id', '=', orgId).orderBy('sort_key').execute();

export const orgCommissions = (db: Q, orgId: number) =>
  db.selectFrom('subject_commissions').select(['id', 'name']).where('organization_id', '=', orgId).orderBy('name').execute();

/** The year's journals (assignments) with their group, subject and teacher; or those of the ids given. */
export const planAssignments = (db: Q, orgId: number, o: { yearId?: number; ids?: number[] }) => {
  if (o.ids && !o.ids.length) return Promise.resolve([]);
  let q = assignmentsJoined(db, orgId).select([
    'a.id',
    'a.group_id',
    'g.name as group_name',
    'g.sort_key',
    'sg.name as subgroup_name',
    'ci.code',
    'ci.name',
    'tp.last_name',
    'tp.first_name',
    'tp.middle_name',
    't.number as term_number',
  ]);
  if (o.yearId !== undefined) q = q.where('t.academic_year_id', '=', o.yearId);
  if (o.ids) q = q.where('a.id', 'in', o.ids);
  return q.orderBy('g.sort_key').orderBy('ci.code').orderBy('t.number').execute();
};

/** How many of the ids are the college's groups, commissions or persons. */
export async function countOwn(db: Q, orgId: number, table: 'groups' | 'subject_commissions' | 'persons', ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const reportOf = (db: Q, orgId: number, id: number) =>
  db.selectFrom('generated_reports').select(['id', 'kind']).where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();
export const remarkOf = (db: Q, orgId: number, id: number) =>
  db.selectFrom('remarks').select(['id']).where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export async function insertPlanLine(db: Q, row: Insertable<DB['control_plan_lines']>): Promise<number> {
  const r = await db.insertInto('control_plan_lines').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const updatePlanLine = (db: Q, orgId: number, id: number, set: Updateable<DB['control_plan_lines']>) =>
  db.updateTable('control_plan_lines').set(set).where('organization_id', '=', orgId).where('id', '=', id).execute();

export async function deletePlanLine(db: Q, orgId: number, id: number): Promise<void> {
  await db.deleteFrom('control_plan_marks').where('organization_id', '=', orgId).where('line_id', '=', id).execute();
  await db.deleteFrom('control_plan_lines').where('organization_id', '=', orgId).where('id', '=', id).execute();
}

/** Marks an occurrence done unless it is marked already; the new mark's id or null. */
export async function insertPlanMark(db: Q, row: Insertable<DB['control_plan_marks']>): Promise<number | null> {
  const r = await db
    .insertInto('control_plan_marks')
    .values(row)
    .onConflict((oc) => oc.columns(['line_id', 'occurrence_from']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export const deletePlanMark = (db: Q, orgId: number, id: number) =>
  db.deleteFrom('control_plan_marks').where('organization_id', '=', orgId).where('id', '=', id).execute();
