import type { Grid, GridMark } from '../../../../src/contracts/journal.js';
import { isAbsenceCode } from '../../../../src/domain/marks.js';
import { call } from '../../api.js';

// The grid's data: the answer of GET /journal/grid with its marks in columns (contracts/journal
// GridMarks), decoded into the marks the page works with; and the read of it, begun with the shell.

/** The grid as the page uses it: its marks one object each. */
export type GridData = Omit<Grid, 'marks'> & { marks: GridMark[] };

/** The marks of a grid answer, one object each, in the order of their ids. */
export function decodeGridMarks(g: Pick<Grid, 'marks' | 'lessons' | 'students'>): GridMark[] {
  const c = g.marks;
  const out: GridMark[] = new Array(c.id.length);
  let id = 0;
  for (let i = 0; i < c.id.length; i++) {
    id += c.id[i];
    const value = c.value[i];
    out[i] = {
      id,
      lessonId: g.lessons[c.lesson[i]].id,
      studentId: g.students[c.student[i]].studentId,
      kind: isAbsenceCode(value) ? 'absence' : 'grade',
      value,
      workType: c.workType[i],
      weight: c.weight[i],
      version: c.version[i],
    };
  }
  return out;
}

export const decodeGrid = (g: Grid): GridData => ({ ...g, marks: decodeGridMarks(g) });

/** How long a read begun with the shell may wait for its page (after that it is read again). */
const EARLY_MS = 30_000;
let early: { assignmentId: number; at: number; answer: Promise<Grid> } | null = null;

/**
 * Opening a grid's address starts its read at once, beside /auth/me, rather than after it: the
 * page then needs one round trip after the shell. A read that fails (no session yet) is made again
 * by the page.
 */
export function startGridRead(pathname: string, now = Date.now()): void {
  const m = /^\/journal\/grid\/(\d+)\/?$/.exec(pathname);
  if (!m) return;
  const assignmentId = Number(m[1]);
  const answer = call('GET /journal/grid', { query: { assignmentId } });
  answer.catch(() => undefined);
  early = { assignmentId, at: now, answer };
}

/** The grid of an assignment: the read begun with the shell when there is a fresh one for it, else a new read. */
export function readGrid(assignmentId: number, now = Date.now()): Promise<GridData> {
  const e = early;
  early = null;
  const fresh = () => call('GET /journal/grid', { query: { assignmentId } });
  const answer = e && e.assignmentId === assignmentId && now - e.at < EARLY_MS ? e.answer.catch(fresh) : fresh();
  return answer.then(decodeGrid);
}
