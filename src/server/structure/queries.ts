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

// ── Year rollover (rollover.ts) ──

/** Active groups with their program's length and the students on their lists now. */
export const rolloverGroups = (db: Db | Tx, orgId: number) =>
  db.selectFrom('groups as g').innerJoin('programs as p', 'p.id', 'g.program_id')
    .select(['g.id', 'g.name', 'g.course', 'p.duration_terms',
      (eb) => eb.selectFrom('group_memberships as gm').select((e) => e.fn.countAll<number>().as('n')).whereRef('gm.group_id', '=', 'g.id').where('gm.end_date', 'is', null).as('students')])
    .where('g.organization_id', '=', orgId).where('g.status', '=', 'active').orderBy('g.course').orderBy('g.sort_key').execute();

/** The active students on the lists of these groups, by name. */
export async function activeMembersOf(db: Db | Tx, orgId: number, groupIds: number[]) {
  if (!groupIds.length) return [];
  const rows = await db.selectFrom('group_memberships as gm').innerJoin('students as s', 's.id', 'gm.student_id').innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['gm.group_id', 's.id', 's.status', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('gm.organization_id', '=', orgId).where('gm.group_id', 'in', groupIds).where('gm.end_date', 'is', null).where('s.status', '=', 'active')
    .orderBy('p.sort_key').orderBy('s.id').execute();
  return rows.map((r) => ({ groupId: r.group_id, studentId: r.id, status: r.status, fullName: fullName(r) }));
}

/** A student's open group and subgroup memberships, as rows to restore. */
export async function openMemberships(tx: Tx, orgId: number, studentId: number) {
  const [groups, subgroups] = await Promise.all([
    tx.selectFrom('group_memberships').selectAll().where('organization_id', '=', orgId).where('student_id', '=', studentId).where('end_date', 'is', null).execute(),
    tx.selectFrom('subgroup_memberships').selectAll().where('organization_id', '=', orgId).where('student_id', '=', studentId).where('end_date', 'is', null).execute(),
  ]);
  return { groups, subgroups };
}

/** The college's last rollover with the names of its year and author. */
export const lastRollover = (db: Db | Tx, orgId: number) =>
  db.selectFrom('year_rollovers as r').innerJoin('academic_years as y', 'y.id', 'r.from_year_id')
    .leftJoin('users as u', 'u.id', 'r.created_by_user_id').leftJoin('persons as p', 'p.id', 'u.person_id')
    .selectAll('r').select(['y.name as from_year_name', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('r.organization_id', '=', orgId).orderBy('r.id', 'desc').limit(1).executeTakeFirst();

export const doneRolloverFrom = (db: Db | Tx, orgId: number, fromYearId: number) =>
  db.selectFrom('year_rollovers').select(['id', 'order_no', 'effective_date']).where('organization_id', '=', orgId).where('from_year_id', '=', fromYearId).where('status', '=', 'done').executeTakeFirst();

/** The date of the first mark on a lesson on or after the date, if any. */
export const firstMarkFrom = (db: Db | Tx, orgId: number, date: string) =>
  db.selectFrom('marks as m').innerJoin('lessons as l', 'l.id', 'm.lesson_id').select('l.date')
    .where('m.organization_id', '=', orgId).where('l.date', '>=', date).orderBy('l.date').limit(1).executeTakeFirst();

/** Movements of these students recorded after the given event ids. */
export async function laterMovements(db: Db | Tx, orgId: number, events: { studentId: number; eventId: number }[]) {
  if (!events.length) return [];
  const minId = Math.min(...events.map((e) => e.eventId));
  const rows = await db.selectFrom('enrollment_events').select(['id', 'student_id']).where('organization_id', '=', orgId)
    .where('student_id', 'in', events.map((e) => e.studentId)).where('id', '>', minId).execute();
  const after = new Map(events.map((e) => [e.studentId, e.eventId]));
  return rows.filter((r) => r.id > after.get(r.student_id)!);
}

/** Whether anything (teaching load, the timetable) is built on the terms of a year. */
export async function yearInUse(db: Db | Tx, orgId: number, yearId: number): Promise<boolean> {
  const terms = await db.selectFrom('terms').select('id').where('organization_id', '=', orgId).where('academic_year_id', '=', yearId).execute();
  if (!terms.length) return false;
  const ids = terms.map((t) => t.id);
  const [a, t] = await Promise.all([
    db.selectFrom('assignments').select('id').where('term_id', 'in', ids).limit(1).executeTakeFirst(),
    db.selectFrom('timetable_entries').select('id').where('term_id', 'in', ids).limit(1).executeTakeFirst(),
  ]);
  return !!(a || t);
}
