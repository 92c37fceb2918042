import { fullName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';

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

export async function yearsWithTerms(db: Db | Tx, orgId: number) {
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

const nameOf = (r: { last_name: string | null; first_name: string | null; middle_name: string | null }) =>
  r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : null;

export async function departments(db: Db, orgId: number) {
  const rows = await db.selectFrom('departments as d')
    .leftJoin('persons as p', 'p.id', 'd.head_person_id')
    .select(['d.id', 'd.name', 'd.head_person_id', 'p.last_name', 'p.first_name', 'p.middle_name',
      (eb) => eb.selectFrom('programs').select((e) => e.fn.countAll<number>().as('n')).whereRef('programs.department_id', '=', 'd.id').as('programs')])
    .where('d.organization_id', '=', orgId).orderBy('d.name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, headPersonId: r.head_person_id, headName: nameOf(r), programs: Number(r.programs ?? 0) }));
}

export async function programs(db: Db, orgId: number) {
  const rows = await db.selectFrom('programs as pr')
    .leftJoin('departments as d', 'd.id', 'pr.department_id')
    .select(['pr.id', 'pr.department_id', 'd.name as department_name', 'pr.code', 'pr.name', 'pr.qualification', 'pr.kind', 'pr.duration_terms',
      (eb) => eb.selectFrom('groups').select((e) => e.fn.countAll<number>().as('n')).whereRef('groups.program_id', '=', 'pr.id').where('groups.status', '=', 'active').as('groups')])
    .where('pr.organization_id', '=', orgId).orderBy('pr.code').execute();
  return rows.map((r) => ({
    id: r.id, departmentId: r.department_id, departmentName: r.department_name, code: r.code, name: r.name, qualification: r.qualification,
    kind: r.kind as 'specialty' | 'profession', durationTerms: r.duration_terms, groups: Number(r.groups ?? 0),
  }));
}

export async function commissions(db: Db, orgId: number) {
  const rows = await db.selectFrom('subject_commissions as c')
    .leftJoin('persons as p', 'p.id', 'c.chair_person_id')
    .select(['c.id', 'c.name', 'c.chair_person_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('c.organization_id', '=', orgId).orderBy('c.name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, chairPersonId: r.chair_person_id, chairName: nameOf(r) }));
}

/** Groups with their program, curator, current size and subgroups. */
export async function groupItems(db: Db | Tx, orgId: number, today: string, f: { q?: string; course?: number; programId?: number; status: string; ids?: number[] }) {
  let q = db.selectFrom('groups as g')
    .innerJoin('programs as pr', 'pr.id', 'g.program_id')
    .leftJoin('persons as p', 'p.id', 'g.curator_person_id')
    .select(['g.id', 'g.name', 'g.course', 'g.intake_year', 'g.program_id', 'pr.code', 'pr.name as program_name', 'g.curator_person_id', 'g.status', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('g.organization_id', '=', orgId);
  if (f.status !== 'all') q = q.where('g.status', '=', f.status);
  if (f.course) q = q.where('g.course', '=', f.course);
  if (f.programId) q = q.where('g.program_id', '=', f.programId);
  if (f.q) q = q.where('g.sort_key', 'like', `%${f.q.toLowerCase().replace(/ё/g, 'е')}%`);
  if (f.ids) q = f.ids.length ? q.where('g.id', 'in', f.ids) : q.where('g.id', '=', -1);
  const groups = await q.orderBy('g.course').orderBy('g.sort_key').execute();
  if (!groups.length) return [];
  const ids = groups.map((g) => g.id);
  const [sizes, subs] = await Promise.all([
    db.selectFrom('group_memberships').select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', '=', orgId).where('group_id', 'in', ids).where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)])).groupBy('group_id').execute(),
    db.selectFrom('subgroups as sg').select(['sg.id', 'sg.group_id', 'sg.name',
      (eb) => eb.selectFrom('subgroup_memberships as sm').select((e) => e.fn.countAll<number>().as('n')).whereRef('sm.subgroup_id', '=', 'sg.id')
        .where('sm.start_date', '<=', today).where((e) => e.or([e('sm.end_date', 'is', null), e('sm.end_date', '>=', today)])).as('n')])
      .where('sg.organization_id', '=', orgId).where('sg.group_id', 'in', ids).orderBy('sg.name').execute(),
  ]);
  const size = new Map(sizes.map((s) => [s.group_id, Number(s.n)]));
  return groups.map((g) => ({
    id: g.id, name: g.name, course: g.course, intakeYear: g.intake_year, programId: g.program_id, programCode: g.code, programName: g.program_name,
    curatorPersonId: g.curator_person_id, curatorName: nameOf(g), status: g.status as 'active' | 'graduated', students: size.get(g.id) ?? 0,
    subgroups: subs.filter((s) => s.group_id === g.id).map((s) => ({ id: s.id, name: s.name, students: Number(s.n ?? 0) })),
  }));
}
