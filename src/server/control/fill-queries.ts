import { sql } from 'kysely';
import { localDateTime } from '../../domain/dates.js';
import { endedPairs } from '../../domain/fill.js';
import type { Db, Tx } from '../platform/db.js';
import { lessonsJoined } from '../journal/queries.js';
import { bellsForDates } from '../timetable/queries.js';

type Q = Db | Tx;

// SQL of the daily fill control (п. 3.8, 3.11).

/** Lessons held (not cancelled) with what the list shows: group, subject, the teacher who taught. */
function fillBase(db: Q, orgId: number) {
  return lessonsJoined(db, orgId)
    .where('l.status', '!=', 'cancelled')
    .select([
      'l.id',
      'l.assignment_id',
      'l.date',
      'l.pair_no',
      'l.recorded_at',
      'l.teacher_person_id',
      'ci.commission_id',
      'g.name as group_name',
      'g.sort_key',
      'sg.name as subgroup_name',
      'ci.code as subject_code',
      'ci.name as subject_name',
      'tp.last_name',
      'tp.first_name',
      'tp.middle_name',
    ]);
}
export type FillRow = Awaited<ReturnType<ReturnType<typeof fillBase>['execute']>>[number];

export const fillDayLessons = (db: Q, orgId: number, date: string) =>
  fillBase(db, orgId).where('l.date', '=', date).orderBy('g.sort_key').orderBy('l.pair_no').orderBy('l.id').execute();

/** A teacher's lessons up to a day that are not recorded (whether they have ended is judged by bells). */
export const unrecordedOf = (db: Q, orgId: number, personId: number, from: string, to: string) =>
  fillBase(db, orgId)
    .where('l.teacher_person_id', '=', personId)
    .where('l.recorded_at', 'is', null)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();

/** Lessons of a span (a term up to today), only what the teachers' figures need. */
export const fillSpanLessons = (db: Q, orgId: number, from: string, to: string) =>
  db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .where('l.organization_id', '=', orgId)
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .select(['l.date', 'l.pair_no', 'l.recorded_at', 'l.teacher_person_id', 'ci.commission_id'])
    .orderBy('l.teacher_person_id')
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();

export const personsByIds = (db: Q, orgId: number, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('persons')
        .select(['id', 'last_name', 'first_name', 'middle_name'])
        .where('organization_id', '=', orgId)
        .where('id', 'in', ids)
        .execute()
    : Promise.resolve([]);

/** Today in the college and the pairs whose bells have rung by now. */
export async function endedNow(db: Q, orgId: number, timeZone: string): Promise<{ today: string; pairs: number[] }> {
  const local = localDateTime(timeZone);
  const periods = (await bellsForDates(db, orgId, [local.date])).get(local.date)?.periods ?? [];
  return { today: local.date, pairs: endedPairs(periods, local.time) };
}

/**
 * A lesson (aliased `l`) that has ended by now: an earlier day, or today when its pair's bell
 * has rung (or it has no pair). For counts in SQL: «Записано N из M», «отстаёт».
 */
export function endedLessonSql(now: { today: string; pairs: number[] }) {
  const pairs = now.pairs.length ? sql`l.pair_no is null or l.pair_no in (${sql.join(now.pairs)})` : sql`l.pair_no is null`;
  return sql<boolean>`(l.date < ${now.today} or (l.date = ${now.today} and (${pairs})))`;
}

/** Every lesson of a span not recorded (the journals behind; whether each has ended is judged by bells). */
export const unrecordedBetween = (db: Q, orgId: number, from: string, to: string) =>
  fillBase(db, orgId)
    .where('l.recorded_at', 'is', null)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();
