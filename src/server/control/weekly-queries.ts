import { addDays } from '../../domain/dates.js';
import type { Db, Tx } from '../platform/db.js';
import { lessonsJoined } from '../journal/queries.js';

type Q = Db | Tx;

// SQL of the deputy director's weekly check (п. 5.2). Moments (ISO UTC) are read a day wider
// than the week and placed in the college's days by the service.

/** The week's lessons held (not cancelled) with their group, subject and teachers. */
export const weekLessons = (db: Q, orgId: number, from: string, to: string) =>
  lessonsJoined(db, orgId)
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .select([
      'l.id',
      'l.date',
      'l.pair_no',
      'l.recorded_at',
      'l.teacher_person_id',
      'l.planned_teacher_person_id',
      'a.group_id',
      'g.name as group_name',
      'g.sort_key',
      'ci.id as subject_id',
      'ci.code as subject_code',
      'ci.name as subject_name',
    ])
    .orderBy('g.sort_key')
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();

/** Grades put on the week's lessons, counted per student and subject. */
export const weekGradeCounts = (db: Q, orgId: number, from: string, to: string) =>
  db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .where('m.organization_id', '=', orgId)
    .where('l.organization_id', '=', orgId)
    .where('m.kind', '=', 'grade')
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .groupBy(['m.student_id', 'a.group_id', 'a.curriculum_item_id'])
    .select((eb) => ['m.student_id', 'a.group_id', 'a.curriculum_item_id as subject_id', eb.fn.countAll<number>().as('n')])
    .execute();

/** Students in the groups during the week. */
export const weekStudents = (db: Q, orgId: number, groupIds: number[], from: string, to: string) =>
  groupIds.length
    ? db
        .selectFrom('group_memberships as gm')
        .innerJoin('students as s', 's.id', 'gm.student_id')
        .innerJoin('persons as p', 'p.id', 's.person_id')
        .where('gm.organization_id', '=', orgId)
        .where('gm.group_id', 'in', groupIds)
        .where('gm.start_date', '<=', to)
        .where((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', from)]))
        .select(['gm.group_id', 's.id as student_id', 'p.last_name', 'p.first_name', 'p.middle_name'])
        .execute()
    : Promise.resolve([]);

/** Correction requests asked or decided around the week, with their lesson's teacher and group. */
export const weekCorrections = (db: Q, orgId: number, from: string, to: string) =>
  db
    .selectFrom('correction_requests as c')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .where('c.organization_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.requested_at', '>=', addDays(from, -1)), eb('c.requested_at', '<', addDays(to, 2))]),
        eb.and([eb('c.decided_at', '>=', addDays(from, -1)), eb('c.decided_at', '<', addDays(to, 2))]),
      ]),
    )
    .select(['c.status', 'c.requested_at', 'c.decided_at', 'l.teacher_person_id', 'a.group_id'])
    .execute();

/** Remarks open now, with the group of their journal or lesson when they have one. */
export const openRemarks = (db: Q, orgId: number) =>
  db
    .selectFrom('remarks as r')
    .leftJoin('assignments as ra', 'ra.id', 'r.assignment_id')
    .leftJoin('lessons as rl', 'rl.id', 'r.lesson_id')
    .leftJoin('assignments as la', 'la.id', 'rl.assignment_id')
    .where('r.organization_id', '=', orgId)
    .where('r.status', '=', 'open')
    .select(['r.teacher_person_id', 'ra.group_id as journal_group_id', 'la.group_id as lesson_group_id'])
    .execute();

export const groupNames = (db: Q, orgId: number, ids: number[]) =>
  ids.length
    ? db.selectFrom('groups').select(['id', 'name', 'sort_key']).where('organization_id', '=', orgId).where('id', 'in', ids).execute()
    : Promise.resolve([]);

/** The weekly checks kept, newest first, with their sign-off. */
export const weeklyReports = (db: Q, orgId: number, id?: number) => {
  let q = db
    .selectFrom('generated_reports as r')
    .leftJoin('users as u', 'u.id', 'r.made_by_user_id')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .leftJoin('weekly_signoffs as w', (j) => j.onRef('w.report_id', '=', 'r.id').on('w.organization_id', '=', orgId))
    .leftJoin('users as su', 'su.id', 'w.signed_by_user_id')
    .leftJoin('persons as sp', 'sp.id', 'su.person_id')
    .where('r.organization_id', '=', orgId)
    .where('r.kind', '=', 'weekly-check')
    .select([
      'r.id',
      'r.period',
      'r.title',
      'r.made_by_job',
      'r.created_at',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
      'w.signed_at',
      'sp.last_name as s_last',
      'sp.first_name as s_first',
      'sp.middle_name as s_middle',
    ]);
  if (id !== undefined) q = q.where('r.id', '=', id);
  return q.orderBy('r.period', 'desc').orderBy('r.id', 'desc').limit(100).execute();
};

/** Signs a report off unless it is signed already; true when this call signed it. */
export async function insertSignOff(db: Q, orgId: number, reportId: number, userId: number, at: string): Promise<boolean> {
  const r = await db
    .insertInto('weekly_signoffs')
    .values({ organization_id: orgId, report_id: reportId, signed_by_user_id: userId, signed_at: at })
    .onConflict((oc) => oc.columns(['organization_id', 'report_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
