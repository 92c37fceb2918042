import type { Db, Tx } from '../../platform/db.js';

type Q = Db | Tx;

// SQL of events and announcements (п. 3.13).

const joined = (db: Q, orgId: number) =>
  db
    .selectFrom('events as e')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('persons as p', 'p.id', 'e.author_person_id')
    .select([
      'e.id',
      'e.group_id',
      'g.name as group_name',
      'e.title',
      'e.text',
      'e.date',
      'e.time',
      'e.place',
      'e.author_person_id',
      'e.cancelled_at',
      'p.last_name',
      'p.first_name',
      'p.middle_name',
    ])
    .where('e.organization_id', '=', orgId);
export type EventRow = Awaited<ReturnType<typeof eventById>> & object;

/** The college's events and those of the given groups (null: of every group) in a period. */
export const eventsBetween = (db: Q, orgId: number, from: string, to: string, groupIds: readonly number[] | null) =>
  joined(db, orgId)
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .$if(groupIds !== null, (q) =>
      q.where((w) => w.or([w('e.group_id', 'is', null), ...(groupIds!.length ? [w('e.group_id', 'in', groupIds!)] : [])])),
    )
    .orderBy('e.date')
    .orderBy('e.time')
    .orderBy('e.id')
    .execute();

export const eventById = (db: Q, orgId: number, id: number) => joined(db, orgId).where('e.id', '=', id).executeTakeFirst();

export const insertEvent = (
  db: Q,
  v: {
    orgId: number;
    groupId: number | null;
    title: string;
    text: string;
    date: string;
    time: string | null;
    place: string | null;
    personId: number;
    userId: number;
    at: string;
  },
) =>
  db
    .insertInto('events')
    .values({
      organization_id: v.orgId,
      group_id: v.groupId,
      title: v.title,
      text: v.text,
      date: v.date,
      time: v.time,
      place: v.place,
      author_person_id: v.personId,
      author_user_id: v.userId,
      created_at: v.at,
      cancelled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

export const cancelEvent = (db: Q, orgId: number, id: number, at: string) =>
  db
    .updateTable('events')
    .set({ cancelled_at: at })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .execute();

/** The students (persons) of the given groups (null: every group) on a date, with their guardians: whom an event notifies. */
export const audienceOf = (db: Q, orgId: number, groupIds: readonly number[] | null, today: string) =>
  db
    .selectFrom('group_memberships as gm')
    .innerJoin('students as s', 's.id', 'gm.student_id')
    .leftJoin('guardian_links as gl', 'gl.student_id', 's.id')
    .select(['s.id as student_id', 's.person_id', 'gl.guardian_person_id'])
    .where('gm.organization_id', '=', orgId)
    .where('gm.start_date', '<=', today)
    .where((w) => w.or([w('gm.end_date', 'is', null), w('gm.end_date', '>=', today)]))
    .$if(groupIds !== null, (q) => q.where('gm.group_id', 'in', groupIds!.length ? groupIds! : [0]))
    .execute();
