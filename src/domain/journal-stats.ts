// Attendance in academic hours, split by reason (п. 3.13): «н» a curator excused with a
// document counts as excused, while the teacher's «н» stays in the record.

export interface AbsenceTotalsOut {
  н: number;
  б: number;
  уп: number;
  /** Hours of «н» covered by a curator's excuse (справка). */
  excused: number;
  /** Late arrivals, counted as times rather than hours. */
  оп: number;
  total: number;
}

export interface DateRange {
  fromDate: string;
  toDate: string;
}

export const coveredBy = (ranges: readonly DateRange[], date: string) => ranges.some((r) => r.fromDate <= date && date <= r.toDate);

export function absenceTotals(
  absences: readonly { value: string; hours: number | null; date: string }[],
  excuses: readonly DateRange[] = [],
): AbsenceTotalsOut {
  const t: AbsenceTotalsOut = { н: 0, б: 0, уп: 0, excused: 0, оп: 0, total: 0 };
  for (const a of absences) {
    const h = a.hours ?? 0;
    if (a.value === 'оп') t.оп += 1;
    else if (a.value === 'н' && coveredBy(excuses, a.date)) t.excused += h;
    else if (a.value === 'н' || a.value === 'б' || a.value === 'уп') t[a.value] += h;
  }
  t.total = t.н + t.б + t.уп + t.excused;
  return t;
}
