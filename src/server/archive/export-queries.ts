import { fullName } from '../../domain/text.js';
import type { Db } from '../platform/db.js';
import { lessonsJoined } from '../journal/queries.js';

// SQL of a group's year as the archive keeps it (decision 028): read a subject at a time, so that a
// year of 1,400 lessons is never held whole.

export const archiveYear = (db: Db, orgId: number, yearId: number) =>
  db
    .selectFrom('academic_years as y')
    .innerJoin('organizations as o', 'o.id', 'y.organization_id')
    .select(['y.id', 'y.name', 'y.start_date', 'y.end_date', 'y.status', 'y.closed_at', 'o.name as org_name', 'o.short_name as org_short'])
    .where('y.organization_id', '=', orgId)
    .where('y.id', '=', yearId)
    .executeTakeFirst();

/** The groups with load in the year, by name: the steps of its archive. */
export const groupsOfYear = (db: Db, orgId: number, yearId: number) =>
  db
    .selectFrom('groups as g')
    .select(['g.id', 'g.name'])
    .where('g.organization_id', '=', orgId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as a')
          .innerJoin('terms as t', 't.id', 'a.term_id')
          .select('a.id')
          .whereRef('a.group_id', '=', 'g.id')
          .where('t.academic_year_id', '=', yearId),
      ),
    )
    .orderBy('g.sort_key')
    .orderBy('g.id')
    .execute();

/** The group's students during the year (a membership that overlaps it), by name. */
export async function studentsOfYear(db: Db, orgId: number, groupId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('group_memberships as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .select(['s.id', 's.record_book_no', 'p.last_name', 'p.first_name', 'p.middle_name', 'p.sort_key', 'm.start_date', 'm.end_date'])
    .where('m.organization_id', '=', orgId)
    .where('m.group_id', '=', groupId)
    .where('m.start_date', '<=', to)
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', from)]))
    .orderBy('p.sort_key')
    .orderBy('m.start_date')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r),
    recordBookNo: r.record_book_no,
    from: r.start_date,
    to: r.end_date,
  }));
}

/** The group's subjects in the year: each curriculum item with the assignments (terms, subgroups, teachers) of it. */
export async function subjectsOfYear(db: Db, orgId: number, groupId: number, yearId: number) {
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('terms as t', 't.id', 'a.term_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .innerJoin('persons as tp', 'tp.id', 'a.teacher_person_id')
    .leftJoin('subgroups as sg', 'sg.id', 'a.subgroup_id')
    .select([
      'a.id',
      'a.hours',
      'a.curriculum_item_id',
      'ci.code',
      'ci.name',
      't.number as term',
      'sg.name as subgroup',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('a.organization_id', '=', orgId)
    .where('a.group_id', '=', groupId)
    .where('t.academic_year_id', '=', yearId)
    .orderBy('ci.code')
    .orderBy('ci.id')
    .orderBy('t.number')
    .orderBy('a.id')
    .execute();
  const subjects: {
    itemId: number;
    code: string;
    name: string;
    assignments: { id: number; term: number; subgroup: string | null; teacher: string; hours: number }[];
  }[] = [];
  for (const r of rows) {
    let s = subjects.find((x) => x.itemId === r.curriculum_item_id);
    if (!s) subjects.push((s = { itemId: r.curriculum_item_id, code: r.code, name: r.name, assignments: [] }));
    s.assignments.push({ id: r.id, term: r.term, subgroup: r.subgroup, teacher: fullName(r), hours: r.hours });
  }
  return subjects;
}

export async function lessonsOf(db: Db, orgId: number, assignmentIds: number[]) {
  if (!assignmentIds.length) return [];
  const rows = await lessonsJoined(db, orgId)
    .select([
      'l.id',
      'l.assignment_id',
      'l.date',
      'l.pair_no',
      'l.hours',
      'l.status',
      'l.topic',
      'l.work_done',
      'l.work_types',
      'l.homework',
      'l.teacher_person_id',
      'l.planned_teacher_person_id',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ])
    .where('l.assignment_id', 'in', assignmentIds)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    assignmentId: r.assignment_id,
    date: r.date,
    pairNo: r.pair_no,
    hours: r.hours,
    status: r.status,
    topic: r.topic,
    workDone: r.work_done,
    workTypes: r.work_types ? (JSON.parse(r.work_types) as string[]) : [],
    homework: r.homework,
    teacher: fullName(r),
    substitute: r.teacher_person_id !== r.planned_teacher_person_id,
  }));
}

export async function correctionsOf(db: Db, orgId: number, assignmentIds: number[]) {
  if (!assignmentIds.length) return [];
  const rows = await db
    .selectFrom('correction_requests as c')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('users as ru', 'ru.id', 'c.requested_by_user_id')
    .innerJoin('persons as rp', 'rp.id', 'ru.person_id')
    .leftJoin('users as du', 'du.id', 'c.decided_by_user_id')
    .leftJoin('persons as dp', 'dp.id', 'du.person_id')
    .select([
      'c.id',
      'c.lesson_id',
      'c.student_id',
      'c.kind',
      'c.old_value',
      'c.new_value',
      'c.reason',
      'c.status',
      'c.requested_at',
      'c.decided_at',
      'c.decision_comment',
      'rp.last_name as r_last',
      'rp.first_name as r_first',
      'rp.middle_name as r_middle',
      'dp.last_name as d_last',
      'dp.first_name as d_first',
      'dp.middle_name as d_middle',
    ])
    .where('c.organization_id', '=', orgId)
    .where('l.assignment_id', 'in', assignmentIds)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    lessonId: r.lesson_id,
    studentId: r.student_id,
    kind: r.kind,
    oldValue: r.old_value,
    newValue: r.new_value,
    reason: r.reason,
    status: r.status,
    requestedBy: fullName({ last_name: r.r_last, first_name: r.r_first, middle_name: r.r_middle }),
    requestedAt: r.requested_at,
    decidedBy: r.d_last ? fullName({ last_name: r.d_last, first_name: r.d_first ?? '', middle_name: r.d_middle }) : null,
    decidedAt: r.decided_at,
    comment: r.decision_comment,
  }));
}
