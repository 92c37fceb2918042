import type { Db, Tx } from '../platform/db.js';

type Q = Db | Tx;

/** Marks on lessons between two dates, with the subject, in the order they were given (a digest, a report for a period). */
export function marksOfPeriod(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .innerJoin('curriculum_items as ci', 'ci.id', 'a.curriculum_item_id')
    .select(['m.student_id', 'm.kind', 'm.value', 'm.hours', 'l.date', 'ci.name as subject'])
    .where('m.organization_id', '=', orgId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.pair_no');
}

/** Some students' marks on lessons between two dates (a report for a period). */
export async function studentMarksBetween(db: Q, orgId: number, studentIds: number[], from: string, to: string) {
  if (!studentIds.length) return [];
  return marksOfPeriod(db, orgId, from, to).where('m.student_id', 'in', studentIds).execute();
}

/** Curators' справки of the students overlapping a period. */
export async function excusesBetween(db: Q, orgId: number, studentIds: number[], from: string, to: string) {
  if (!studentIds.length) return [];
  return db
    .selectFrom('absence_excuses')
    .select(['student_id', 'from_date as fromDate', 'to_date as toDate'])
    .where('organization_id', '=', orgId)
    .where('student_id', 'in', studentIds)
    .where('revoked_at', 'is', null)
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
    .execute();
}

/** The student's name and group (the latest membership that began by the end of the period). */
export async function studentHeading(db: Q, orgId: number, studentId: number, to: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('group_memberships as gm', (j) => j.onRef('gm.student_id', '=', 's.id').on('gm.start_date', '<=', to))
    .leftJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['s.id', 'p.last_name', 'p.first_name', 'p.middle_name', 'g.name as group_name', 'gm.start_date'])
    .where('s.organization_id', '=', orgId)
    .where('s.id', '=', studentId)
    .orderBy('gm.start_date', 'desc')
    .executeTakeFirst();
}

export async function orgName(db: Q, orgId: number) {
  return await db.selectFrom('organizations').select(['name', 'time_zone', 'settings']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

// ── Orders and the reports made ──────────────────────────────────────────────────────────────

export async function insertOrder(
  tx: Tx,
  o: {
    orgId: number;
    studentId: number;
    recipientPersonId: number;
    userId: number;
    schedule: 'once' | 'weekly' | 'monthly';
    from: string | null;
    to: string | null;
    nextDay: string | null;
    at: string;
  },
): Promise<number> {
  const r = await tx
    .insertInto('period_report_orders')
    .values({
      organization_id: o.orgId,
      student_id: o.studentId,
      recipient_person_id: o.recipientPersonId,
      ordered_by_user_id: o.userId,
      schedule: o.schedule,
      from_date: o.from,
      to_date: o.to,
      next_day: o.nextDay,
      created_at: o.at,
      cancelled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const ORDER_COLUMNS = [
  'o.id',
  'o.student_id',
  'o.recipient_person_id',
  'o.ordered_by_user_id',
  'o.schedule',
  'o.from_date',
  'o.to_date',
  'o.next_day',
  'o.created_at',
  'o.cancelled_at',
  'sp.last_name as s_last',
  'sp.first_name as s_first',
  'sp.middle_name as s_middle',
  'rp.last_name as r_last',
  'rp.first_name as r_first',
  'rp.middle_name as r_middle',
] as const;

function ordersJoined(db: Q, orgId: number) {
  return db
    .selectFrom('period_report_orders as o')
    .innerJoin('students as s', 's.id', 'o.student_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .innerJoin('persons as rp', 'rp.id', 'o.recipient_person_id')
    .select(ORDER_COLUMNS)
    .where('o.organization_id', '=', orgId);
}
export type OrderRow = Awaited<ReturnType<typeof orderById>> & object;

export const orderById = (db: Q, orgId: number, id: number) => ordersJoined(db, orgId).where('o.id', '=', id).executeTakeFirst();

/** Orders the person receives or placed. */
export const ordersOfPerson = (db: Q, orgId: number, personId: number, userId: number) =>
  ordersJoined(db, orgId)
    .where((eb) => eb.or([eb('o.recipient_person_id', '=', personId), eb('o.ordered_by_user_id', '=', userId)]))
    .orderBy('o.id', 'desc')
    .limit(200)
    .execute();

export const ordersOfStudents = (db: Q, orgId: number, studentIds: number[]) =>
  studentIds.length
    ? ordersJoined(db, orgId).where('o.student_id', 'in', studentIds).where('o.cancelled_at', 'is', null).orderBy('o.id').execute()
    : Promise.resolve([]);

/** Scheduled orders due on or before a day, not cancelled. */
export const dueOrders = (db: Q, orgId: number, day: string) =>
  ordersJoined(db, orgId).where('o.schedule', '!=', 'once').where('o.cancelled_at', 'is', null).where('o.next_day', '<=', day).execute();

export async function setNextDay(db: Q, orgId: number, id: number, nextDay: string): Promise<void> {
  await db
    .updateTable('period_report_orders')
    .set({ next_day: nextDay })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function cancelOrderRow(db: Q, orgId: number, id: number, at: string): Promise<void> {
  await db
    .updateTable('period_report_orders')
    .set({ cancelled_at: at, next_day: null })
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Stores a report once per order and period; the id of the one kept (new or made before). */
export async function keepReport(
  tx: Tx,
  r: {
    orgId: number;
    orderId: number;
    studentId: number;
    recipientPersonId: number;
    from: string;
    to: string;
    fileName: string;
    content: Buffer;
    at: string;
  },
): Promise<{ id: number; created: boolean }> {
  const before = await tx
    .selectFrom('period_reports')
    .select('id')
    .where('organization_id', '=', r.orgId)
    .where('order_id', '=', r.orderId)
    .where('from_date', '=', r.from)
    .executeTakeFirst();
  if (before) return { id: before.id, created: false };
  const row = await tx
    .insertInto('period_reports')
    .values({
      organization_id: r.orgId,
      order_id: r.orderId,
      student_id: r.studentId,
      recipient_person_id: r.recipientPersonId,
      from_date: r.from,
      to_date: r.to,
      file_name: r.fileName,
      content_base64: r.content.toString('base64'),
      created_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

const REPORT_COLUMNS = [
  'r.id',
  'r.order_id',
  'r.student_id',
  'r.recipient_person_id',
  'r.from_date',
  'r.to_date',
  'r.file_name',
  'r.created_at',
  'o.ordered_by_user_id',
  'sp.last_name',
  'sp.first_name',
  'sp.middle_name',
] as const;

function reportsJoined(db: Q, orgId: number) {
  return db
    .selectFrom('period_reports as r')
    .innerJoin('period_report_orders as o', 'o.id', 'r.order_id')
    .innerJoin('students as s', 's.id', 'r.student_id')
    .innerJoin('persons as sp', 'sp.id', 's.person_id')
    .select(REPORT_COLUMNS)
    .where('r.organization_id', '=', orgId);
}

export const reportsOfPerson = (db: Q, orgId: number, personId: number, userId: number) =>
  reportsJoined(db, orgId)
    .where((eb) => eb.or([eb('r.recipient_person_id', '=', personId), eb('o.ordered_by_user_id', '=', userId)]))
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();

export const reportById = (db: Q, orgId: number, id: number) => reportsJoined(db, orgId).where('r.id', '=', id).executeTakeFirst();

export async function reportContent(db: Q, orgId: number, id: number) {
  const r = await db
    .selectFrom('period_reports')
    .select(['content_base64', 'file_name'])
    .where('organization_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { fileName: r.file_name, content: Buffer.from(r.content_base64, 'base64') } : undefined;
}

/** A curator's groups' memberships of a student: when the group was the curator's to look after. */
export async function membershipsInGroups(db: Q, orgId: number, studentId: number, groupIds: readonly number[]) {
  if (!groupIds.length) return [];
  return db
    .selectFrom('group_memberships')
    .select(['group_id', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('student_id', '=', studentId)
    .where('group_id', 'in', [...groupIds])
    .execute();
}

export async function isGuardianOf(db: Q, orgId: number, personId: number, studentId: number): Promise<boolean> {
  const r = await db
    .selectFrom('guardian_links')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('guardian_person_id', '=', personId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return !!r;
}
