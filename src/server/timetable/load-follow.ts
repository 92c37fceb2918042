import { addDays } from '../../domain/dates.js';
import { findEntryClashes } from '../../domain/timetable.js';
import type { Tx } from '../platform/db.js';
import { conflict } from '../platform/errors.js';
import { generateLessons } from './generate.js';
import { clashNames, loadDirectory, loadEntries } from './queries.js';
import { copyEntry, moveChangesToEntry, setEntryPeriod, setEntryTeacher, teacherEntriesFrom } from './queries/week-editor.js';

/**
 * The load moved to another teacher: from `from` on, the timetable entries of the assignment and
 * its lessons not yet recorded follow (with the one-date changes of those dates). Recorded
 * lessons keep the teacher who held them. Call it in the transaction that changes the load.
 */
export async function followLoadTeacher(
  tx: Tx,
  orgId: number,
  assignmentId: number,
  oldTeacher: number,
  newTeacher: number,
  from: string,
): Promise<void> {
  const entries = await teacherEntriesFrom(tx, orgId, assignmentId, oldTeacher, from);
  if (!entries.length || oldTeacher === newTeacher) return;
  for (const e of entries) {
    if (e.valid_from >= from) {
      await setEntryTeacher(tx, orgId, e.id, newTeacher);
      continue;
    }
    await setEntryPeriod(tx, orgId, e.id, { validTo: addDays(from, -1) });
    const copyId = await copyEntry(tx, orgId, e.id, { teacherPersonId: newTeacher, validFrom: from, validTo: e.valid_to });
    await moveChangesToEntry(tx, orgId, e.id, copyId, from);
  }
  const to = entries
    .map((e) => e.valid_to)
    .sort()
    .at(-1)!;
  const all = await loadEntries(tx, orgId, { from, to });
  const moved = all.filter((e) => e.assignmentId === assignmentId && e.teacherPersonId === newTeacher);
  const clashes = findEntryClashes(
    moved,
    all.filter((e) => !moved.includes(e)),
    clashNames(await loadDirectory(tx, orgId)),
  ).filter((c) => c.kind === 'teacher');
  if (clashes.length) {
    throw conflict(
      `Новый преподаватель занят в часы этого предмета по расписанию: ${[...new Set(clashes.map((c) => c.message))].join(' ')} Сначала измените расписание группы.`,
      { clashes },
    );
  }
  await generateLessons(tx, orgId, { from, to, groupIds: [...new Set(entries.map((e) => e.group_id))] });
}
