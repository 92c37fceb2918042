import type { z } from 'zod';
import type { StudentsQuery } from '../../../contracts/people.js';
import { searchKey } from '../../../domain/text.js';
import type { Db, Tx } from '../../platform/db.js';
import { studentInReach, type Reach } from '../../platform/reach.js';

type Q = Db | Tx;

/** A LIKE pattern of a typed search: any part of the name, ё = е. */
export const likeKey = (q: string) => `%${searchKey(q).replace(/[%_]/g, '')}%`;

/** A page of the students within reach now, with their current group, and how many there are. */
export async function studentsPage(db: Q, orgId: number, r: Reach, f: z.infer<typeof StudentsQuery>) {
  let q = db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.end_date', 'is', null))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .where('s.organization_id', '=', orgId)
    .where(studentInReach(r, 's.id', { current: true }));
  if (f.status !== 'all') q = q.where('s.status', '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('p.sort_key', 'like', likeKey(f.q!)), eb('s.record_book_no', '=', f.q!)]));
  if (f.groupId) q = q.where('gm.group_id', '=', f.groupId);
  if (f.course) q = q.where('g.course', '=', f.course);
  if (f.programId) q = q.where('g.program_id', '=', f.programId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const dir = f.sort.startsWith('-') ? 'desc' : 'asc';
  const key = f.sort.replace('-', '');
  let rows = q.select([
    's.id',
    's.person_id',
    's.status',
    's.record_book_no',
    'p.last_name',
    'p.first_name',
    'p.middle_name',
    'p.birth_date',
    'p.phone',
    'g.id as group_id',
    'g.name as group_name',
    'g.course',
  ]);
  if (key === 'group') rows = rows.orderBy('g.sort_key', dir).orderBy('p.sort_key');
  else if (key === 'birthDate') rows = rows.orderBy('p.birth_date', dir).orderBy('p.sort_key');
  else rows = rows.orderBy('p.sort_key', dir);
  const items = await rows
    .orderBy('s.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), items };
}

/** A student of the organization within reach at any time. */
export async function studentInReachRow(db: Q, orgId: number, r: Reach, id: number) {
  return db
    .selectFrom('students as s')
    .selectAll('s')
    .where('s.organization_id', '=', orgId)
    .where('s.id', '=', id)
    .where(studentInReach(r, 's.id'))
    .executeTakeFirst();
}

export async function studentRow(db: Q, orgId: number, id: number) {
  return db
    .selectFrom('students')
    .select(['id', 'person_id', 'status'])
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function enrollmentEventRows(db: Q, orgId: number, studentId: number) {
  return db
    .selectFrom('enrollment_events as e')
    .leftJoin('groups as gf', 'gf.id', 'e.from_group_id')
    .leftJoin('groups as gt', 'gt.id', 'e.to_group_id')
    .leftJoin('subgroups as sg', 'sg.id', 'e.to_subgroup_id')
    .leftJoin('users as u', 'u.id', 'e.created_by_user_id')
    .leftJoin('persons as up', 'up.id', 'u.person_id')
    .select([
      'e.id',
      'e.kind',
      'e.effective_date',
      'gf.name as from_name',
      'gt.name as to_name',
      'sg.name as sub_name',
      'e.order_no',
      'e.reason',
      'e.created_at',
      'up.last_name',
      'up.first_name',
      'up.middle_name',
    ])
    .where('e.organization_id', '=', orgId)
    .where('e.student_id', '=', studentId)
    .orderBy('e.effective_date', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/** Every group membership of a student, latest first, with the group's curator. */
export async function membershipsOf(db: Q, orgId: number, studentId: number) {
  return db
    .selectFrom('group_memberships as gm')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .leftJoin('persons as c', 'c.id', 'g.curator_person_id')
    .select(['gm.group_id', 'g.name', 'g.course', 'gm.start_date', 'gm.end_date', 'c.last_name', 'c.first_name', 'c.middle_name'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.student_id', '=', studentId)
    .orderBy('gm.start_date', 'desc')
    .execute();
}

/** The subgroups a student is in on a date. */
export async function subgroupsOfStudentOn(db: Q, orgId: number, studentId: number, date: string) {
  return db
    .selectFrom('subgroup_memberships as sm')
    .innerJoin('subgroups as sg', 'sg.id', 'sm.subgroup_id')
    .select(['sg.id', 'sg.name'])
    .where('sm.organization_id', '=', orgId)
    .where('sm.student_id', '=', studentId)
    .where('sm.start_date', '<=', date)
    .where((eb) => eb.or([eb('sm.end_date', 'is', null), eb('sm.end_date', '>=', date)]))
    .execute();
}

/** A student's guardians, whole persons with the link. */
export async function guardiansOfStudent(db: Q, orgId: number, studentId: number) {
  return db
    .selectFrom('guardian_links as gl')
    .innerJoin('persons as p', 'p.id', 'gl.guardian_person_id')
    .selectAll('p')
    .select(['gl.id as link_id', 'gl.relation'])
    .where('gl.organization_id', '=', orgId)
    .where('gl.student_id', '=', studentId)
    .orderBy('p.sort_key')
    .execute();
}

export async function activeGroup(db: Q, orgId: number, groupId: number) {
  return db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('organization_id', '=', orgId)
    .where('id', '=', groupId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Whether a student with this СНИЛС is already in the college. */
export async function studentWithSnils(db: Q, orgId: number, snils: string) {
  return db
    .selectFrom('persons')
    .innerJoin('students', 'students.person_id', 'persons.id')
    .select('persons.id')
    .where('persons.organization_id', '=', orgId)
    .where('persons.snils', '=', snils)
    .executeTakeFirst();
}

export async function insertStudent(db: Q, orgId: number, personId: number, recordBookNo: string | null): Promise<number> {
  const r = await db
    .insertInto('students')
    .values({ organization_id: orgId, person_id: personId, status: 'active', record_book_no: recordBookNo })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
