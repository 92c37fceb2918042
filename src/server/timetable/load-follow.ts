import { addDays } from '../../domain/dates.js';
import { findEntryClashes } from '../../domain/timetable.js';
import { nowIso, type Tx } from '../platform/db.js';
import { conflict } from '../platform/errors.js';
import { generateLessons } from './generate.js';
import { clashNames, loadDirectory, loadEntries } from './queries.js';

/**
 * The load moved to another teacher: from `from` on, the timetable entries of the assignment and
 * its lessons not yet recorded follow (with the one-date changes of those dates). Recorded
 * lessons keep the teacher who held them. Call it in the transaction that changes the load.
 */
export async function followLoadTeacher(tx: Tx, orgId: number, assignmentId: number, oldTeacher: number, newTeacher: number, from: string): Promise<void> {
  const entries = await tx.selectFrom('timetable_entries').selectAll().where('organization_id', '=', orgId).where('assignment_id', '=', assignmentId)
    .where('teacher_person_id', '=', oldTeacher).where('valid_to', '>=', from).execute();
  if (!entries.length || oldTeacher === newTeacher) return;
  const now = nowIso();
  for (const e of entries) {
    if (e.valid_from >= from) {
      await tx.updateTable('timetable_entries').set({ teacher_person_id: newTeacher, updated_at: now }).where('id', '=', e.id).execute();
      continue;
    }
    await tx.updateTable('timetable_entries').set({ valid_to: addDays(from, -1), updated_at: now }).where('id', '=', e.id).execute();
    const { id: _id, ...copy } = e;
    const r = await tx.insertInto('timetable_entries').values({ ...copy, teacher_person_id: newTeacher, valid_from: from, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('timetable_changes').set({ entry_id: r.id }).where('entry_id', '=', e.id).where('date', '>=', from).execute();
  }
  const to = entries.map((e) => e.valid_to).sort().at(-1)!;
  const all = await loadEntries(tx, orgId, { from, to });
  const moved = all.filter((e) => e.assignmentId === assignmentId && e.teacherPersonId === newTeacher);
  const clashes = findEntryClashes(moved, all.filter((e) => !moved.includes(e)), clashNames(await loadDirectory(tx, orgId))).filter((c) => c.kind === 'teacher');
  if (clashes.length) {
    throw conflict(`Новый преподаватель занят в часы этого предмета по расписанию: ${[...new Set(clashes.map((c) => c.message))].join(' ')} Сначала измените расписание группы.`, { clashes });
  }
  await generateLessons(tx, orgId, { from, to, groupIds: [...new Set(entries.map((e) => e.group_id))] });
}
