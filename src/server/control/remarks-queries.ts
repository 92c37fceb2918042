import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { RemarksTables } from './remarks-tables.js';
import { assignmentsJoined } from '../curriculum/queries.js';

type Q = Db | Tx;

// SQL of the remarks on keeping the journal.

/** A lesson with its assignment, group, subject and teacher, to write a remark on. */
export const lessonTarget = (db: Q, orgId: number, lessonId: number) =>
  assignmentsJoined(db, orgId)
    .innerJoin('lessons as l', 'l.assignment_id', 'a.id')
    .select([
      'l.id',
      'l.date',
      'l.pair_no',
      'l.teacher_person_id',
      'a.id as assignment_id',
      'ci.commission_id',
      'g.name as group_name',
      'ci.code',
      'ci.name',
    ])
    .where('l.organization_id', '=', orgId)
    .where('l.id', '=', lessonId)
    .executeTakeFirst();

export const assignmentTarget = (db: Q, orgId: number, assignmentId: number) =>
  assignmentsJoined(db, orgId)
    .select(['a.id', 'a.teacher_person_id', 'ci.commission_id', 'g.name as group_name', 'ci.code', 'ci.name'])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();

/** A teacher: a person holding the teacher role in the college. */
export const teacherTarget = (db: Q, orgId: number, personId: number) =>
  db
    .selectFrom('persons as p')
    .innerJoin('staff_roles as r', (j) => j.onRef('r.person_id', '=', 'p.id').on('r.role', '=', 'teacher'))
    .select(['p.id', 'p.last_name', 'p.first_name', 'p.middle_name'])
    .where('p.organization_id', '=', orgId)
    .where('p.id', '=', personId)
    .executeTakeFirst();

export async function insertRemark(tx: Tx, r: Omit<RemarksTables['remarks'], 'id'>): Promise<number> {
  return (await tx.insertInto('remarks').values(r).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertRemarkEvent(tx: Tx, e: Omit<RemarksTables['remark_events'], 'id'>): Promise<void> {
  await tx.insertInto('remark_events').values(e).execute();
}

/** Moves a remark from one status to another; false when it was no longer in `from` (a race). */
export async function setRemarkStatus(
  tx: Tx,
  orgId: number,
  id: number,
  from: RemarksTables['remarks']['status'][],
  to: RemarksTables['remarks']['status'],
  at: string,
): Promise<boolean> {
  const r = await tx
    .updateTable('remarks')
    .set({ status: to, updated_at: at })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function remarksBase(db: Q, orgId: number) {
  return db
    .selectFrom('remarks as r')
    .innerJoin('persons as tp', 'tp.id', 'r.teacher_person_id')
    .innerJoin('users as au', 'au.id', 'r.author_user_id')
    .innerJoin('persons as ap', 'ap.id', 'au.person_id')
    .leftJoin('lessons as l', 'l.id', 'r.lesson_id')
    .leftJoin('assignments as a', 'a.id', 'r.assignment_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .where('r.organization_id', '=', orgId)
    .select([
      'r.id',
      'r.target_kind',
      'r.assignment_id',
      'r.lesson_id',
      'r.teacher_person_id',
      'r.commission_id',
      'r.text',
      'r.due_date',
      'r.status',
      'r.author_user_id',
      'r.created_at',
      'tp.last_name as t_last',
      'tp.first_name as t_first',
      'tp.middle_name as t_middle',
      'ap.last_name as a_last',
      'ap.first_name as a_first',
      'ap.middle_name as a_middle',
      'l.date as lesson_date',
      'l.pair_no',
      'g.name as group_name',
      'ci.code as subject_code',
      'ci.name as subject_name',
    ]);
}
export type RemarkRow = Awaited<ReturnType<ReturnType<typeof remarksBase>['execute']>>[number];

/** Remarks within a reach: every one, a commission's, or those about one teacher. */
export function remarkRows(
  db: Q,
  orgId: number,
  o: { statuses: readonly RemarksTables['remarks']['status'][]; commissionIds?: number[]; teacherPersonId?: number; id?: number },
) {
  let q = remarksBase(db, orgId).where('r.status', 'in', o.statuses);
  if (o.id !== undefined) q = q.where('r.id', '=', o.id);
  if (o.commissionIds || o.teacherPersonId !== undefined) {
    const cids = o.commissionIds ?? [];
    const tid = o.teacherPersonId;
    q = q.where((eb) =>
      eb.or([
        ...(cids.length ? [eb('r.commission_id', 'in', cids)] : []),
        ...(tid !== undefined ? [eb('r.teacher_person_id', '=', tid)] : []),
        sql<boolean>`1 = 0`,
      ]),
    );
  }
  return q.orderBy('r.due_date').orderBy('r.id').execute();
}

export const remarkEvents = (db: Q, orgId: number, remarkIds: number[]) =>
  remarkIds.length
    ? db
        .selectFrom('remark_events as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .innerJoin('persons as p', 'p.id', 'u.person_id')
        .select(['e.remark_id', 'e.action', 'e.comment', 'e.at', 'p.last_name', 'p.first_name', 'p.middle_name'])
        .where('e.organization_id', '=', orgId)
        .where('e.remark_id', 'in', remarkIds)
        .orderBy('e.id')
        .execute()
    : Promise.resolve([]);
