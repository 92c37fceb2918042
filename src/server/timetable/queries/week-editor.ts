import type { SlotEntry } from '../../../domain/timetable.js';
import { nowIso, type Db, type Tx } from '../../platform/db.js';

type Q = Db | Tx;

export const findGroup = (db: Q, orgId: number, groupId: number) =>
  db.selectFrom('groups').select(['id', 'name']).where('id', '=', groupId).where('organization_id', '=', orgId).executeTakeFirst();

export async function setEntryPeriod(tx: Tx, orgId: number, id: number, period: { validFrom?: string; validTo?: string }) {
  await tx
    .updateTable('timetable_entries')
    .set({
      ...(period.validFrom ? { valid_from: period.validFrom } : {}),
      ...(period.validTo ? { valid_to: period.validTo } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('organization_id', '=', orgId)
    .execute();
}

export async function deleteEntry(tx: Tx, orgId: number, id: number) {
  await tx.deleteFrom('timetable_entries').where('id', '=', id).where('organization_id', '=', orgId).execute();
}

/** A copy of an entry with other fields (a new period, another teacher); returns its id. */
export async function copyEntry(
  tx: Tx,
  orgId: number,
  id: number,
  set: { validFrom?: string; validTo?: string; teacherPersonId?: number },
): Promise<number> {
  const row = await tx
    .selectFrom('timetable_entries')
    .selectAll()
    .where('id', '=', id)
    .where('organization_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const { id: _id, ...copy } = row;
  const now = nowIso();
  const r = await tx
    .insertInto('timetable_entries')
    .values({
      ...copy,
      valid_from: set.validFrom ?? copy.valid_from,
      valid_to: set.validTo ?? copy.valid_to,
      teacher_person_id: set.teacherPersonId ?? copy.teacher_person_id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type NewEntry = Omit<SlotEntry, 'id'>;

export async function insertEntries(tx: Tx, orgId: number, entries: NewEntry[]) {
  if (!entries.length) return;
  const now = nowIso();
  await tx
    .insertInto('timetable_entries')
    .values(
      entries.map((c) => ({
        organization_id: orgId,
        term_id: c.termId,
        group_id: c.groupId,
        subgroup_id: c.subgroupId,
        weekday: c.weekday,
        pair_no: c.pairNo,
        assignment_id: c.assignmentId,
        teacher_person_id: c.teacherPersonId,
        room: c.room,
        parity: c.parity,
        valid_from: c.validFrom,
        valid_to: c.validTo,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Entries of an assignment held by a teacher that are still in force on `from`. */
export const teacherEntriesFrom = (tx: Tx, orgId: number, assignmentId: number, teacherPersonId: number, from: string) =>
  tx
    .selectFrom('timetable_entries')
    .selectAll()
    .where('organization_id', '=', orgId)
    .where('assignment_id', '=', assignmentId)
    .where('teacher_person_id', '=', teacherPersonId)
    .where('valid_to', '>=', from)
    .execute();

export async function setEntryTeacher(tx: Tx, orgId: number, id: number, teacherPersonId: number) {
  await tx
    .updateTable('timetable_entries')
    .set({ teacher_person_id: teacherPersonId, updated_at: nowIso() })
    .where('id', '=', id)
    .where('organization_id', '=', orgId)
    .execute();
}

/** The one-date changes of an entry from `from` on move to another entry. */
export async function moveChangesToEntry(tx: Tx, orgId: number, fromEntryId: number, toEntryId: number, from: string) {
  await tx
    .updateTable('timetable_changes')
    .set({ entry_id: toEntryId })
    .where('organization_id', '=', orgId)
    .where('entry_id', '=', fromEntryId)
    .where('date', '>=', from)
    .execute();
}
