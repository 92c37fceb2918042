import type { Db } from '../platform/db.js';

export async function organizationCounts(db: Db, orgIds: number[]) {
  if (!orgIds.length) return new Map<number, { groups: number; students: number; staff: number }>();
  const [groups, students, staff] = await Promise.all([
    db.selectFrom('groups').select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', 'in', orgIds).where('status', '=', 'active').groupBy('organization_id').execute(),
    db.selectFrom('students').select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', 'in', orgIds).where('status', '=', 'active').groupBy('organization_id').execute(),
    db.selectFrom('staff_roles').select(['organization_id', (eb) => eb.fn.count<number>('person_id').distinct().as('n')])
      .where('organization_id', 'in', orgIds).groupBy('organization_id').execute(),
  ]);
  const get = (rows: { organization_id: number; n: number }[], id: number) => Number(rows.find((r) => r.organization_id === id)?.n ?? 0);
  return new Map(orgIds.map((id) => [id, { groups: get(groups, id), students: get(students, id), staff: get(staff, id) }]));
}

export async function yearsWithTerms(db: Db, orgId: number) {
  const [years, terms] = await Promise.all([
    db.selectFrom('academic_years').selectAll().where('organization_id', '=', orgId).orderBy('start_date', 'desc').execute(),
    db.selectFrom('terms').selectAll().where('organization_id', '=', orgId).orderBy('start_date').execute(),
  ]);
  return years.map((y) => ({
    id: y.id,
    name: y.name,
    startDate: y.start_date,
    endDate: y.end_date,
    status: y.status,
    terms: terms
      .filter((t) => t.academic_year_id === y.id)
      .map((t) => ({ id: t.id, academicYearId: t.academic_year_id, number: t.number, startDate: t.start_date, endDate: t.end_date })),
  }));
}
