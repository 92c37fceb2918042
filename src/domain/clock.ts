// The current instant for every calendar decision (today's lessons, the entry window, the
// current term) and every stored timestamp. Tests shift it so that no suite depends on the
// calendar day it happens to run on; time still flows from the shifted start.

let offsetMs = 0;

export const now = (): Date => new Date(Date.now() + offsetMs);

/** Makes `now()` start at an instant (ISO string) and run on from there; null restores real time. */
export function setClock(startAt: string | null): void {
  offsetMs = startAt ? Date.parse(startAt) - Date.now() : 0;
}
