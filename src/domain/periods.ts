import { addDays, formatRu } from './dates.js';

/** A dated stint (a membership): from a date to a date, or open-ended (`to` null). */
export interface Span {
  from: string;
  to: string | null;
}

/** Whether every day of [from, to] lies within one of the spans (adjacent spans join). */
export function coversPeriod(spans: readonly Span[], from: string, to: string): boolean {
  let day = from;
  const sorted = [...spans].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const s of sorted) {
    if (s.from > day) return false;
    if (s.to === null) return true;
    if (s.to >= day) {
      if (s.to >= to) return true;
      day = addDays(s.to, 1);
    }
  }
  return false;
}

/** Spans in Russian: «с 01.09.2026 по 18.11.2026; с 01.12.2026». */
export function spansRu(spans: readonly Span[]): string {
  return [...spans]
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .map((s) => (s.to ? `с ${formatRu(s.from)} по ${formatRu(s.to)}` : `с ${formatRu(s.from)}`))
    .join('; ');
}
