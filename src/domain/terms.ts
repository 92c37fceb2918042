/**
 * The term a page opens on when none is chosen, the same everywhere (the journal list, grade
 * sheets, reports, the diary): the term in progress; between terms, the one that ended last —
 * its grades are still being finished; before the first term, the first.
 */
export function defaultTerm<T extends { startDate: string; endDate: string }>(terms: readonly T[], today: string): T | null {
  const asc = [...terms].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  return asc.find((t) => t.startDate <= today && today <= t.endDate) ?? asc.findLast((t) => t.startDate <= today) ?? asc[0] ?? null;
}
