import { fullName } from '../../domain/text.js';
import type { Db, Tx } from '../platform/db.js';

export async function organizationCounts(db: Db, orgIds: number[]) {
  if (!orgIds.length) return new Map<number, { groups: number; students: number; staff: number }>();
  const [groups, students, staff] = await Promise.all([
    db
      .selectFrom('groups')
      .select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', 'in', orgIds)
      .where('status', '=', 'active')
      .groupBy('organization_id')
      .execute(),
    db
      .selectFrom('students')
      .select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', 'in', orgIds)
      .where('status', '=', 'active')
      .groupBy('organization_id')
      .execute(),
    db
      .selectFrom('staff_roles')
      .select(['organization_id', (eb) => eb.fn.count<number>('person_id').distinct().as('n')])
      .where('organization_id', 'in', orgIds)
      .groupBy('organization_id')
      .execute(),
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
    status: y.status === 'archived' ? ('archived' as const) : ('open' as const),
    closedAt: y.closed_at,
    terms: terms
      .filter((t) => t.academic_year_id === y.id)
      .map((t) => ({ id: t.id, academicYearId: t.academic_year_id, number: t.number, startDate: t.start_date, endDate: t.end_date })),
  }));
}

const nameOf = (r: { last_name: string | null; first_name: string | null; middle_name: string | null }) =>
  r.last_name ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name }) : null;

export async function departments(db: Db, orgId: number) {
  const rows = await db
    .selectFrom('departments as d')
    .leftJoin('persons as p', 'p.id', 'd.head_person_id')
    .select([
      'd.id',
      'd.name',
      'd.head_person_id',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      (eb) =>
        eb
          .selectFrom('programs')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('programs.department_id', '=', 'd.id')
          .as('programs'),
    ])
    .where('d.organization_id', '=', orgId)
    .orderBy('d.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    headPersonId: r.head_person_id,
    headName: nameOf(r),
    programs: Number(r.programs ?? 0),
  }));
}

export async function programs(db: Db, orgId: number) {
  const rows = await db
    .selectFrom('programs as pr')
    .leftJoin('departments as d', 'd.id', 'pr.department_id')
    .select([
      'pr.id',
      'pr.department_id',
      'd.name as department_name',
      'pr.code',
      'pr.name',
      'pr.qualification',
      'pr.kind',
      'pr.duration_terms',
      (eb) =>
        eb
          .selectFrom('groups')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('groups.program_id', '=', 'pr.id')
          .where('groups.status', '=', 'active')
          .as('groups'),
    ])
    .where('pr.organization_id', '=', orgId)
    .orderBy('pr.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    code: r.code,
    name: r.name,
    qualification: r.qualification,
    kind: r.kind as 'specialty' | 'profession',
    durationTerms: r.duration_terms,
    groups: Number(r.groups ?? 0),
  }));
}

export async function commissions(db: Db, orgId: number) {
  const rows = await db
    .selectFrom('subject_commissions as c')
    .leftJoin('persons as p', 'p.id', 'c.chair_person_id')
    .select(['c.id', 'c.name', 'c.chair_person_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('c.organization_id', '=', orgId)
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, chairPersonId: r.chair_person_id, chairName: nameOf(r) }));
}

/** Groups with their program, curator, current size and subgroups. */
export async function groupItems(
  db: Db | Tx,
  orgId: number,
  today: string,
  f: { q?: string; course?: number; programId?: number; status: string; ids?: number[] },
) {
  let q = db
    .selectFrom('groups as g')
    .innerJoin('programs as pr', 'pr.id', 'g.program_id')
    .leftJoin('persons as p', 'p.id', 'g.curator_person_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.intake_year',
      'g.program_id',
      'pr.code',
      'pr.name as program_name',
      'g.curator_person_id',
      'g.status',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
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
    db
      .selectFrom('group_memberships')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', '=', orgId)
      .where('group_id', 'in', ids)
      .where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
      .groupBy('group_id')
      .execute(),
    db
      .selectFrom('subgroups as sg')
      .select([
        'sg.id',
        'sg.group_id',
        'sg.name',
        (eb) =>
          eb
            .selectFrom('subgroup_memberships as sm')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('sm.subgroup_id', '=', 'sg.id')
            .where('sm.start_date', '<=', today)
            .where((e) => e.or([e('sm.end_date', 'is', null), e('sm.end_date', '>=', today)]))
            .as('n'),
      ])
      .where('sg.organization_id', '=', orgId)
      .where('sg.group_id', 'in', ids)
      .orderBy('sg.name')
      .execute(),
  ]);
  const size = new Map(sizes.map((s) => [s.group_id, Number(s.n)]));
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    course: g.course,
    intakeYear: g.intake_year,
    programId: g.program_id,
    programCode: g.code,
    programName: g.program_name,
    curatorPersonId: g.curator_person_id,
    curatorName: nameOf(g),
    status: g.status as 'active' | 'graduated',
    students: size.get(g.id) ?? 0,
    subgroups: subs.filter((s) => s.group_id === g.id).map((s) => ({ id: s.id, name: s.name, students: Number(s.n ?? 0) })),
  }));
}

// ── Writes and checks of the structure service ──

export const organizationRow = (db: Db | Tx, orgId: number) =>
  db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();

/** The colleges of a region (the regional overview reads across organizations by design). */
export const regionOrganizations = (db: Db, region: string) =>
  db
    .selectFrom('organizations')
    .select(['id', 'name', 'short_name', 'time_zone'])
    .where('region', '=', region)
    .where('kind', '=', 'college')
    .orderBy('name')
    .execute();

export const staffRoleOf = (db: Db | Tx, orgId: number, personId: number) =>
  db.selectFrom('staff_roles').select('id').where('organization_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();

export const overlappingYear = (db: Db, orgId: number, from: string, to: string) =>
  db
    .selectFrom('academic_years')
    .select('name')
    .where('organization_id', '=', orgId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .executeTakeFirst();

export const yearRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('academic_years').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

type TermDates = { number: number; startDate: string; endDate: string };

/** A new academic year with its terms; its id. */
export async function insertYearWithTerms(
  tx: Tx,
  orgId: number,
  y: { name: string; startDate: string; endDate: string },
  terms: TermDates[],
): Promise<number> {
  const { id } = await tx
    .insertInto('academic_years')
    .values({ organization_id: orgId, name: y.name, start_date: y.startDate, end_date: y.endDate, status: 'open' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (terms.length)
    await tx
      .insertInto('terms')
      .values(
        terms.map((t) => ({
          organization_id: orgId,
          academic_year_id: id,
          number: t.number,
          start_date: t.startDate,
          end_date: t.endDate,
        })),
      )
      .execute();
  return id;
}

export const setTermDates = (tx: Tx, orgId: number, id: number, t: { startDate: string; endDate: string }) =>
  tx
    .updateTable('terms')
    .set({ start_date: t.startDate, end_date: t.endDate })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();

export const insertTerm = (tx: Tx, orgId: number, yearId: number, t: TermDates) =>
  tx
    .insertInto('terms')
    .values({ organization_id: orgId, academic_year_id: yearId, number: t.number, start_date: t.startDate, end_date: t.endDate })
    .execute();

export const departmentRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('departments').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const insertDepartment = async (tx: Tx, orgId: number, v: { name: string; head_person_id: number | null }) =>
  (
    await tx
      .insertInto('departments')
      .values({ organization_id: orgId, ...v })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const updateDepartment = (tx: Tx, orgId: number, id: number, v: { name: string; head_person_id: number | null }) =>
  tx.updateTable('departments').set(v).where('organization_id', '=', orgId).where('id', '=', id).execute();

type ProgramValues = {
  department_id: number | null;
  code: string;
  name: string;
  qualification: string;
  kind: string;
  duration_terms: number;
};

export const programRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('programs').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const insertProgram = async (tx: Tx, orgId: number, v: ProgramValues) =>
  (
    await tx
      .insertInto('programs')
      .values({ organization_id: orgId, ...v })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const updateProgram = (tx: Tx, orgId: number, id: number, v: ProgramValues) =>
  tx.updateTable('programs').set(v).where('organization_id', '=', orgId).where('id', '=', id).execute();

export const commissionRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('subject_commissions').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const insertCommission = async (tx: Tx, orgId: number, v: { name: string; chair_person_id: number | null }) =>
  (
    await tx
      .insertInto('subject_commissions')
      .values({ organization_id: orgId, ...v })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const updateCommission = (tx: Tx, orgId: number, id: number, v: { name: string; chair_person_id: number | null }) =>
  tx.updateTable('subject_commissions').set(v).where('organization_id', '=', orgId).where('id', '=', id).execute();

/** The chair's role follows the commission's chair. */
export async function setCommissionChair(tx: Tx, orgId: number, commissionId: number, personId: number | null): Promise<void> {
  await tx
    .deleteFrom('staff_roles')
    .where('organization_id', '=', orgId)
    .where('role', '=', 'chair')
    .where('commission_id', '=', commissionId)
    .execute();
  if (personId)
    await tx
      .insertInto('staff_roles')
      .values({ organization_id: orgId, person_id: personId, role: 'chair', commission_id: commissionId, title: null })
      .execute();
}

type GroupValues = {
  program_id: number;
  name: string;
  intake_year: number;
  course: number;
  curator_person_id: number | null;
  sort_key: string;
};

/** An active group of that name (by its search key), other than `exceptId`. */
export const activeGroupNamed = (db: Db, orgId: number, sortKey: string, exceptId: number | null) =>
  db
    .selectFrom('groups')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('sort_key', '=', sortKey)
    .where('status', '=', 'active')
    .$if(exceptId !== null, (qb) => qb.where('id', '!=', exceptId!))
    .executeTakeFirst();

export const groupRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('groups').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const insertGroup = async (tx: Tx, orgId: number, v: GroupValues) =>
  (
    await tx
      .insertInto('groups')
      .values({ organization_id: orgId, status: 'active', ...v })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

export const updateGroup = (tx: Tx, orgId: number, id: number, v: GroupValues) =>
  tx.updateTable('groups').set(v).where('organization_id', '=', orgId).where('id', '=', id).execute();

export const subgroupRow = (db: Db | Tx, orgId: number, id: number) =>
  db.selectFrom('subgroups').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const insertSubgroup = async (tx: Tx, orgId: number, groupId: number, name: string) =>
  (await tx.insertInto('subgroups').values({ organization_id: orgId, group_id: groupId, name }).returning('id').executeTakeFirstOrThrow())
    .id;

export const deleteSubgroupRow = (tx: Tx, orgId: number, id: number) =>
  tx.deleteFrom('subgroups').where('organization_id', '=', orgId).where('id', '=', id).execute();

/** Whether teaching load is given to the subgroup. */
export const subgroupHasLoad = async (db: Db, orgId: number, id: number) =>
  !!(await db.selectFrom('assignments').select('id').where('organization_id', '=', orgId).where('subgroup_id', '=', id).executeTakeFirst());
