import { nowIso, type Db, type Tx } from '../../platform/db.js';

type Q = Db | Tx;

/** Every bell schedule with its periods, and the dates from `since` on that have their own. */
export async function loadBellSchedules(db: Q, orgId: number, since: string) {
  const [schedules, periods, days] = await Promise.all([
    db.selectFrom('bell_schedules').selectAll().where('organization_id', '=', orgId).orderBy('is_default', 'desc').orderBy('id').execute(),
    db.selectFrom('bell_periods').selectAll().where('organization_id', '=', orgId).orderBy('pair_no').execute(),
    db
      .selectFrom('bell_days')
      .innerJoin('bell_schedules', 'bell_schedules.id', 'bell_days.bell_schedule_id')
      .select(['bell_days.date', 'bell_days.bell_schedule_id', 'bell_schedules.name'])
      .where('bell_days.organization_id', '=', orgId)
      .where('bell_days.date', '>=', since)
      .orderBy('bell_days.date')
      .execute(),
  ]);
  return { schedules, periods, days };
}

export const findBellSchedule = (db: Q, orgId: number, id: number) =>
  db.selectFrom('bell_schedules').selectAll().where('id', '=', id).where('organization_id', '=', orgId).executeTakeFirst();

export async function countBellSchedules(db: Q, orgId: number): Promise<number> {
  const r = await db
    .selectFrom('bell_schedules')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertBellSchedule(tx: Tx, orgId: number, v: { name: string; isDefault: boolean }): Promise<number> {
  const r = await tx
    .insertInto('bell_schedules')
    .values({ organization_id: orgId, name: v.name, is_default: v.isDefault ? 1 : 0, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateBellSchedule(tx: Tx, orgId: number, id: number, v: { name: string; makeDefault: boolean }) {
  await tx
    .updateTable('bell_schedules')
    .set({ name: v.name, ...(v.makeDefault ? { is_default: 1 } : {}) })
    .where('id', '=', id)
    .where('organization_id', '=', orgId)
    .execute();
}

/** Only `id` stays the default schedule. */
export async function clearOtherDefaults(tx: Tx, orgId: number, id: number) {
  await tx.updateTable('bell_schedules').set({ is_default: 0 }).where('organization_id', '=', orgId).where('id', '!=', id).execute();
}

export async function replaceBellPeriods(
  tx: Tx,
  orgId: number,
  scheduleId: number,
  periods: { pairNo: number; startsAt: string; endsAt: string }[],
) {
  await tx.deleteFrom('bell_periods').where('organization_id', '=', orgId).where('bell_schedule_id', '=', scheduleId).execute();
  if (!periods.length) return;
  await tx
    .insertInto('bell_periods')
    .values(
      periods.map((p) => ({
        organization_id: orgId,
        bell_schedule_id: scheduleId,
        pair_no: p.pairNo,
        starts_at: p.startsAt,
        ends_at: p.endsAt,
      })),
    )
    .execute();
}

export async function deleteBellScheduleRows(tx: Tx, orgId: number, id: number) {
  await tx.deleteFrom('bell_days').where('organization_id', '=', orgId).where('bell_schedule_id', '=', id).execute();
  await tx.deleteFrom('bell_periods').where('organization_id', '=', orgId).where('bell_schedule_id', '=', id).execute();
  await tx.deleteFrom('bell_schedules').where('organization_id', '=', orgId).where('id', '=', id).execute();
}

/** The date's own schedule: `scheduleId`, or none (the default one) when null. */
export async function setBellDayRow(tx: Tx, orgId: number, date: string, scheduleId: number | null) {
  await tx.deleteFrom('bell_days').where('organization_id', '=', orgId).where('date', '=', date).execute();
  if (scheduleId !== null)
    await tx.insertInto('bell_days').values({ organization_id: orgId, date, bell_schedule_id: scheduleId }).execute();
}
