import type { Db, Tx } from '../platform/db.js';
import { sql } from '../platform/db.js';
import { groupInReach, type Reach } from '../platform/reach.js';
import type { GiaTables } from './tables.js';

type Q = Db | Tx;

// SQL of the state final attestation and module exams (decision 034).

export const academicYears = (db: Q, orgId: number) =>
  db
    .selectFrom('academic_years')
    .select(['id', 'name', 'status', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .orderBy('start_date')
    .execute();

export const organizationDetails = (db: Q, orgId: number) =>
  db.selectFrom('organizations').select(['name', 'short_name', 'region', 'settings']).where('id', '=', orgId).executeTakeFirstOrThrow();

export const groupHeader = (db: Q, orgId: number, groupId: number) =>
  db
    .selectFrom('groups as g')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.intake_year',
      'g.program_id',
      'g.curator_person_id',
      'p.code as program_code',
      'p.name as program_name',
      'p.qualification',
      'p.duration_terms',
    ])
    .where('g.organization_id', '=', orgId)
    .where('g.id', '=', groupId)
    .executeTakeFirst();
export type GroupHeader = NonNullable<Awaited<ReturnType<typeof groupHeader>>>;

/** The groups that studied in a year (by their intake and length of study), within a reach or a secretary's groups. */
export function groupsOfYear(db: Q, reach: Reach, startYear: number, secretaryOf: number) {
  return db
    .selectFrom('groups as g')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .select(['g.id', 'g.name', 'g.intake_year', 'p.duration_terms', 'g.sort_key'])
    .where('g.organization_id', '=', reach.orgId)
    .where('g.intake_year', '<=', startYear)
    .where(sql<boolean>`g.intake_year + (p.duration_terms + 1) / 2 > ${startYear}`)
    .where((eb) =>
      eb.or([
        groupInReach(reach, 'g.id'),
        eb.exists(
          eb
            .selectFrom('gia_secretaries as s')
            .select('s.id')
            .where('s.organization_id', '=', reach.orgId)
            .whereRef('s.group_id', '=', 'g.id')
            .where('s.person_id', '=', secretaryOf),
        ),
      ]),
    )
    .orderBy('g.sort_key')
    .execute();
}

/** How many records of each kind groups have in a year. */
export async function recordCounts(db: Q, orgId: number, yearId: number, groupIds: number[]) {
  if (!groupIds.length) return [];
  const count = (table: 'gia_demo_exams' | 'gia_theses' | 'gia_module_exams', kind: string) =>
    db
      .selectFrom(table)
      .select(['group_id', sql<string>`${kind}`.as('kind'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('organization_id', '=', orgId)
      .where('academic_year_id', '=', yearId)
      .where('group_id', 'in', groupIds)
      .groupBy('group_id');
  return count('gia_demo_exams', 'demo').unionAll(count('gia_theses', 'thesis')).unionAll(count('gia_module_exams', 'module')).execute();
}

/** Students of a group at any time of a year, and those with records of it there. */
export const studentsOfGroup = (db: Q, orgId: number, groupId: number, yearId: number, from: string, to: string) =>
  db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key'])
    .where('s.organization_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('group_memberships as m')
            .select('m.id')
            .whereRef('m.student_id', '=', 's.id')
            .where('m.group_id', '=', groupId)
            .where('m.start_date', '<=', to)
            .where((e) => e.or([e('m.end_date', 'is', null), e('m.end_date', '>=', from)])),
        ),
        ...(['gia_demo_exams', 'gia_theses', 'gia_module_exams'] as const).map((t) =>
          eb.exists(
            eb
              .selectFrom(`${t as 'gia_theses'} as r`)
              .select('r.id')
              .whereRef('r.student_id', '=', 's.id')
              .where('r.group_id', '=', groupId)
              .where('r.academic_year_id', '=', yearId),
          ),
        ),
      ]),
    )
    .orderBy('p.sort_key')
    .orderBy('s.id')
    .execute();

/** The professional modules of a group's curriculum (their module exams). */
export const modulesOfGroup = (db: Q, orgId: number, programId: number, intakeYear: number) =>
  db
    .selectFrom('curriculum_items as ci')
    .innerJoin('curricula as c', 'c.id', 'ci.curriculum_id')
    .select(['ci.id', 'ci.code', 'ci.name'])
    .where('ci.organization_id', '=', orgId)
    .where('c.program_id', '=', programId)
    .where('c.intake_year', '=', intakeYear)
    .where('ci.kind', '=', 'module')
    .orderBy('ci.position')
    .orderBy('ci.id')
    .execute();

/** Which records a read takes: the organization's, of a group, a year or a student when given (the tables share these columns). */
export interface RecordWhere {
  groupId?: number;
  yearId?: number;
  studentId?: number;
}
function recordWhere(orgId: number, where: RecordWhere) {
  const parts = [sql<boolean>`r.organization_id = ${orgId}`];
  if (where.groupId !== undefined) parts.push(sql<boolean>`r.group_id = ${where.groupId}`);
  if (where.yearId !== undefined) parts.push(sql<boolean>`r.academic_year_id = ${where.yearId}`);
  if (where.studentId !== undefined) parts.push(sql<boolean>`r.student_id = ${where.studentId}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

const setter = ['u.id as user_id', 'sp.last_name as by_last', 'sp.first_name as by_first', 'sp.middle_name as by_middle'] as const;

export const demoExamRows = (db: Q, orgId: number, where: RecordWhere) =>
  db
    .selectFrom('gia_demo_exams as r')
    .innerJoin('users as u', 'u.id', 'r.set_by_user_id')
    .innerJoin('persons as sp', 'sp.id', 'u.person_id')
    .selectAll('r')
    .select(setter)
    .where(recordWhere(orgId, where))
    .execute();
export type DemoExamRow = Awaited<ReturnType<typeof demoExamRows>>[number];

export const thesisRows = (db: Q, orgId: number, where: RecordWhere) =>
  db
    .selectFrom('gia_theses as r')
    .innerJoin('users as u', 'u.id', 'r.set_by_user_id')
    .innerJoin('persons as sp', 'sp.id', 'u.person_id')
    .selectAll('r')
    .select(setter)
    .where(recordWhere(orgId, where))
    .execute();
export type ThesisRow = Awaited<ReturnType<typeof thesisRows>>[number];

export const moduleExamRows = (db: Q, orgId: number, where: RecordWhere) =>
  db
    .selectFrom('gia_module_exams as r')
    .innerJoin('users as u', 'u.id', 'r.set_by_user_id')
    .innerJoin('persons as sp', 'sp.id', 'u.person_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'r.curriculum_item_id')
    .selectAll('r')
    .select(setter)
    .select(['ci.code as module_code', 'ci.name as module_name'])
    .where(recordWhere(orgId, where))
    .orderBy('ci.position')
    .execute();
export type ModuleExamRow = Awaited<ReturnType<typeof moduleExamRows>>[number];

type RecordTable = 'gia_demo_exams' | 'gia_theses' | 'gia_module_exams';

/** The record of a student in a year (of a module, for a module exam), to change it. */
export const recordRow = <T extends RecordTable>(tx: Tx, table: T, orgId: number, yearId: number, studentId: number, moduleId?: number) =>
  (tx as Tx)
    .selectFrom(table as 'gia_module_exams')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('academic_year_id', '=', yearId)
    .where('student_id', '=', studentId)
    .$if(moduleId !== undefined, (q) => q.where('curriculum_item_id', '=', moduleId!))
    .executeTakeFirst() as Promise<(Omit<GiaTables[T], 'id' | 'version'> & { id: number; version: number }) | undefined>;

export async function insertRecord<T extends RecordTable>(tx: Tx, table: T, values: Omit<GiaTables[T], 'id' | 'version'>): Promise<number> {
  return (
    await tx
      .insertInto(table)
      .values(values as never)
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Updates a record at the version it was read; false when someone changed it meanwhile. */
export async function updateRecord<T extends RecordTable>(
  tx: Tx,
  table: T,
  orgId: number,
  id: number,
  version: number,
  values: Partial<Omit<GiaTables[T], 'id' | 'version' | 'organization_id'>>,
): Promise<boolean> {
  const r = await tx
    .updateTable(table as 'gia_theses')
    .set({ ...(values as object), version: version + 1 } as never)
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertGiaEvent(tx: Tx, e: Omit<GiaTables['gia_events'], 'id'>): Promise<void> {
  await tx.insertInto('gia_events').values(e).execute();
}

export const giaEvents = (db: Q, orgId: number, groupId: number, yearId: number) =>
  db
    .selectFrom('gia_events as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .innerJoin('persons as up', 'up.id', 'u.person_id')
    .select([
      'e.record_kind',
      'e.student_id',
      'e.before',
      'e.after',
      'e.reason',
      'e.at',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'up.last_name as by_last',
      'up.first_name as by_first',
      'up.middle_name as by_middle',
    ])
    .where('e.organization_id', '=', orgId)
    .where('e.group_id', '=', groupId)
    .where('e.academic_year_id', '=', yearId)
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute();

export const secretariesOf = (db: Q, orgId: number, groupId: number) =>
  db
    .selectFrom('gia_secretaries as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.person_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId)
    .where('s.group_id', '=', groupId)
    .orderBy('p.sort_key')
    .execute();

export async function isSecretary(db: Q, orgId: number, groupId: number, personId: number): Promise<boolean> {
  const r = await db
    .selectFrom('gia_secretaries')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function addSecretary(tx: Tx, v: Omit<GiaTables['gia_secretaries'], 'id'>): Promise<boolean> {
  const exists = await isSecretary(tx, v.organization_id, v.group_id, v.person_id);
  if (!exists) await tx.insertInto('gia_secretaries').values(v).execute();
  return !exists;
}

export async function removeSecretary(tx: Tx, orgId: number, groupId: number, personId: number): Promise<boolean> {
  const r = await tx
    .deleteFrom('gia_secretaries')
    .where('organization_id', '=', orgId)
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Staff of the college (anyone holding a staff role), to appoint a secretary from. */
export const staffPersons = (db: Q, orgId: number) =>
  db
    .selectFrom('persons as p')
    .select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('p.organization_id', '=', orgId)
    .where((eb) => eb.exists(eb.selectFrom('staff_roles as r').select('r.id').whereRef('r.person_id', '=', 'p.id')))
    .orderBy('p.sort_key')
    .execute();

export const staffPerson = (db: Q, orgId: number, personId: number) =>
  db
    .selectFrom('persons as p')
    .select(['p.id'])
    .where('p.organization_id', '=', orgId)
    .where('p.id', '=', personId)
    .where((eb) => eb.exists(eb.selectFrom('staff_roles as r').select('r.id').whereRef('r.person_id', '=', 'p.id')))
    .executeTakeFirst();

export const studentName = (db: Q, orgId: number, studentId: number) =>
  db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('s.organization_id', '=', orgId)
    .where('s.id', '=', studentId)
    .executeTakeFirst();

/** The groups a student was ever in (to tell whether staff reach them). */
export const groupsOfStudent = (db: Q, orgId: number, studentId: number) =>
  db
    .selectFrom('group_memberships')
    .select('group_id')
    .distinct()
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .execute();

export const groupNames = (db: Q, orgId: number, ids: number[]) =>
  ids.length
    ? db.selectFrom('groups').select(['id', 'name']).where('organization_id', '=', orgId).where('id', 'in', ids).execute()
    : Promise.resolve([]);
