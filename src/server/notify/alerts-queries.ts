import { sql, type Db, type Tx } from '../platform/db.js';

type Q = Db | Tx;

/**
 * A student's school days between two dates: the lessons of their group (and subgroups) on the days
 * they were in it, and how many of those they were marked absent from (any reason but lateness).
 */
export async function schoolDays(db: Q, orgId: number, studentId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('group_memberships as gm', (j) =>
      j
        .onRef('gm.group_id', '=', 'a.group_id')
        .on('gm.student_id', '=', studentId)
        .onRef('gm.start_date', '<=', 'l.date')
        .on((eb) => eb.or([eb('gm.end_date', 'is', null), eb('gm.end_date', '>=', eb.ref('l.date'))])),
    )
    .leftJoin('marks as m', (j) =>
      j.onRef('m.lesson_id', '=', 'l.id').on('m.student_id', '=', studentId).on('m.kind', '=', 'absence').on('m.value', '!=', 'оп'),
    )
    .select(['l.date'])
    .select((eb) => [eb.fn.count<number>('l.id').distinct().as('lessons'), eb.fn.count<number>('m.id').as('absent')])
    .where('l.organization_id', '=', orgId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where('l.status', '!=', 'cancelled')
    .where((eb) =>
      eb.or([
        eb('a.subgroup_id', 'is', null),
        eb(
          'a.subgroup_id',
          'in',
          eb.selectFrom('subgroup_memberships as sm').select('sm.subgroup_id').where('sm.student_id', '=', studentId),
        ),
      ]),
    )
    .groupBy('l.date')
    .execute();
  return rows.map((r) => ({ date: r.date, lessons: Number(r.lessons), absent: Number(r.absent) }));
}

/** Hours of «н» in a period not covered by a curator's справка. */
export async function unexcusedHours(db: Q, orgId: number, studentId: number, from: string, to: string): Promise<number> {
  const r = await db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('m.hours'), sql<number>`0`).as('h'))
    .where('m.organization_id', '=', orgId)
    .where('m.student_id', '=', studentId)
    .where('m.value', '=', 'н')
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('absence_excuses as x')
            .select('x.id')
            .where('x.organization_id', '=', orgId)
            .whereRef('x.student_id', '=', 'm.student_id')
            .where('x.revoked_at', 'is', null)
            .whereRef('x.from_date', '<=', 'l.date')
            .whereRef('x.to_date', '>=', 'l.date'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r?.h ?? 0);
}

/** Records an episode once; true when it is new (the first to cross it tells). */
export async function insertEpisode(
  tx: Tx,
  e: { orgId: number; studentId: number; groupId: number | null; kind: 'days' | 'hours'; episode: string; value: number; at: string },
): Promise<number | null> {
  const r = await tx
    .insertInto('absence_episodes')
    .values({
      organization_id: e.orgId,
      student_id: e.studentId,
      group_id: e.groupId,
      kind: e.kind,
      episode: e.episode,
      value: e.value,
      created_at: e.at,
      seen_by_user_id: null,
      seen_at: null,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'student_id', 'kind', 'episode']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** The curator of the group and the specialists whose direction names the group or the student. */
export async function alertRecipients(db: Q, orgId: number, groupId: number | null, studentId: number): Promise<number[]> {
  const curator = groupId
    ? await db
        .selectFrom('groups')
        .select('curator_person_id')
        .where('organization_id', '=', orgId)
        .where('id', '=', groupId)
        .executeTakeFirst()
    : undefined;
  const specialists = await db
    .selectFrom('specialist_directions')
    .select('person_id')
    .where('organization_id', '=', orgId)
    .where((eb) => eb.or([eb('student_id', '=', studentId), ...(groupId ? [eb('group_id', '=', groupId)] : [])]))
    .execute();
  return [...new Set([...(curator?.curator_person_id ? [curator.curator_person_id] : []), ...specialists.map((s) => s.person_id)])];
}

const ALERT_COLUMNS = [
  'e.id',
  'e.student_id',
  'e.kind',
  'e.episode',
  'e.value',
  'e.created_at',
  'e.seen_at',
  'e.group_id',
  'g.name as group_name',
  'p.last_name',
  'p.first_name',
  'p.middle_name',
] as const;

/** Episodes of the groups and students given (null: the whole college), newest first. */
export async function alertsOf(db: Q, orgId: number, groupIds: number[] | null, studentIds: number[], unseenOnly: boolean) {
  if (groupIds && !groupIds.length && !studentIds.length) return [];
  let q = db
    .selectFrom('absence_episodes as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .select(ALERT_COLUMNS)
    .where('e.organization_id', '=', orgId);
  if (groupIds)
    q = q.where((eb) =>
      eb.or([
        ...(groupIds.length ? [eb('e.group_id', 'in', groupIds)] : []),
        ...(studentIds.length ? [eb('e.student_id', 'in', studentIds)] : []),
      ]),
    );
  if (unseenOnly) q = q.where('e.seen_at', 'is', null);
  return q.orderBy('e.created_at', 'desc').limit(300).execute();
}

export const alertById = (db: Q, orgId: number, id: number) =>
  db
    .selectFrom('absence_episodes')
    .select(['id', 'student_id', 'group_id'])
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function markAlertSeen(db: Q, orgId: number, id: number, userId: number, at: string): Promise<void> {
  await db
    .updateTable('absence_episodes')
    .set({ seen_at: at, seen_by_user_id: userId })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('seen_at', 'is', null)
    .execute();
}
