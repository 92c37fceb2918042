import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { RegionTables } from './tables.js';

type Q = Db | Tx;
export type FigureRow = Omit<RegionTables['region_figures'], 'id'>;

// SQL of the kept regional figures (decision 041). Computing a college's figures reads its own
// rows (organization_id = the college); the regional report reads only region_figures of the
// colleges of the caller's region.

/** The college's groups: name and course. */
export const groupsOfCollege = (db: Q, orgId: number) =>
  db.selectFrom('groups').select(['id', 'name', 'course', 'sort_key']).where('organization_id', '=', orgId).execute();

/** Held (not cancelled) lessons of the terms' assignments up to a date: their group, day and when recorded. */
export const lessonsOfTerms = (db: Q, orgId: number, termIds: number[], through: string) =>
  db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['a.group_id', 'l.date', 'l.recorded_at'])
    .where('l.organization_id', '=', orgId)
    .where('a.term_id', 'in', termIds.length ? termIds : [0])
    .where('l.status', '!=', 'cancelled')
    .where('l.date', '<=', through)
    .execute();

/** Each guardian link with the guardian's login, if they have one. */
export const guardianLinks = (db: Q, orgId: number) =>
  db
    .selectFrom('guardian_links as gl')
    .leftJoin('users as u', (j) =>
      j.onRef('u.person_id', '=', 'gl.guardian_person_id').onRef('u.organization_id', '=', 'gl.organization_id'),
    )
    .select(['gl.student_id', 'gl.guardian_person_id', 'u.id as user_id'])
    .where('gl.organization_id', '=', orgId)
    .execute();

/** Users who logged in at or after an instant (UTC ISO), with when: the caller narrows to local dates. */
export const loginsSince = (db: Q, orgId: number, fromUtc: string) =>
  db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'at'])
    .where('organization_id', '=', orgId)
    .where('at', '>=', fromUtc)
    .where('action', '=', 'auth.login')
    .where('actor_user_id', 'is not', null)
    .execute();

/** Whether marks, absences, term grades, справки or lesson records were written since an instant (the audit log's index). */
export async function journalWrittenSince(db: Q, orgId: number, at: string): Promise<boolean> {
  const r = await db
    .selectFrom('audit_log')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('at', '>', at)
    .where((eb) =>
      eb.or([
        eb('action', 'like', 'mark.%'),
        eb('action', 'like', 'term_grade.%'),
        eb('action', 'like', 'absence.%'),
        eb('action', '=', 'lesson.record'),
        eb('action', 'like', 'correction.%'),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

/** When a college's figures of a period were computed (the oldest row), or null if never. */
export async function computedAt(db: Q, orgId: number, kind: 'term' | 'year', periodId: number): Promise<string | null> {
  const r = await db
    .selectFrom('region_figures')
    .select((eb) => eb.fn.min('computed_at').as('at'))
    .where('organization_id', '=', orgId)
    .where('period_kind', '=', kind)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return r?.at ?? null;
}

/** Replaces a college's figures of a period in one transaction. */
export async function replaceFigures(db: Db, orgId: number, kind: 'term' | 'year', periodId: number, rows: FigureRow[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('region_figures')
      .where('organization_id', '=', orgId)
      .where('period_kind', '=', kind)
      .where('period_id', '=', periodId)
      .execute();
    for (let i = 0; i < rows.length; i += 200)
      await tx
        .insertInto('region_figures')
        .values(rows.slice(i, i + 200))
        .execute();
  });
}

/** The colleges (active or not) of a region. */
export const collegesOf = (db: Q, region: string) =>
  db
    .selectFrom('organizations')
    .select(['id', 'name', 'short_name', 'status'])
    .where('region', '=', region)
    .where('kind', '=', 'college')
    .orderBy('name')
    .execute();

/** The kept figures of some colleges for a period (a term by its number, or the year: 0). */
export const figuresOf = (db: Q, orgIds: number[], yearName: string, termNumber: number) =>
  db
    .selectFrom('region_figures')
    .selectAll()
    .where('organization_id', 'in', orgIds.length ? orgIds : [0])
    .where('year_name', '=', yearName)
    .where('term_number', '=', termNumber)
    .execute();

/** The periods with kept figures among some colleges, latest first. */
export const keptPeriods = (db: Q, orgIds: number[]) =>
  db
    .selectFrom('region_figures')
    .select(['year_name', 'term_number'])
    .distinct()
    .where('organization_id', 'in', orgIds.length ? orgIds : [0])
    .orderBy('year_name', 'desc')
    .orderBy(sql`term_number`, 'desc')
    .execute();
