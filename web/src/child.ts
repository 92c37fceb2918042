import type { Me } from '../../src/contracts/auth.js';
import { scopedTo } from './scope.js';

// The child a guardian is looking at, kept in this browser for this user: the diary, the home
// page and the timetable open on the same one.
const key = (me: Me) => `ej-child-${me.user.id}`;

/** The remembered child, while still one of the user's children. */
export function rememberedChild(me: Me): number | undefined {
  let id: number;
  try {
    id = Number(localStorage.getItem(key(me)));
  } catch {
    return undefined;
  }
  return scopedTo(me, 'family:read', 'student').some((s) => s.id === id) ? id : undefined;
}

export function rememberChild(me: Me, studentId: number): void {
  try {
    localStorage.setItem(key(me), String(studentId));
  } catch {
    // Storage refused (private mode): each page then opens on the first child.
  }
}
