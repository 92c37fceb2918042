import { formatRu } from './dates.js';
import { coveredBy, type DateRange } from './journal-stats.js';
import { averages } from './marks.js';
import { countRu, NOUNS, numberRu } from './russian.js';

// What a student did in a period, per subject: the weekly digest and the report for a period
// (issue 14 items 6 and 7, п. 2.10, 3.12) are made of it.

export interface SummaryMark {
  subject: string;
  date: string;
  kind: 'grade' | 'absence';
  value: string;
  hours: number | null;
}
export interface SummaryLesson {
  subject: string;
  date: string;
  topic: string | null;
  homework: string | null;
}

export interface SubjectSummary {
  subject: string;
  grades: { date: string; value: string }[];
  average: number | null;
  absences: { date: string; value: string; hours: number }[];
  topics: string[];
  homework: { date: string; text: string }[];
}
export interface PeriodSummary {
  subjects: SubjectSummary[];
  average: number | null;
  /** Hours absent, and of them «н» not covered by a справка. */
  absentHours: number;
  unexcusedHours: number;
  lates: number;
}

export function summarize(
  marks: readonly SummaryMark[],
  lessons: readonly SummaryLesson[],
  excuses: readonly DateRange[] = [],
): PeriodSummary {
  const by = new Map<string, SubjectSummary>();
  const of = (subject: string) => {
    let s = by.get(subject);
    if (!s) by.set(subject, (s = { subject, grades: [], average: null, absences: [], topics: [], homework: [] }));
    return s;
  };
  let absentHours = 0;
  let unexcusedHours = 0;
  let lates = 0;
  for (const m of marks) {
    const s = of(m.subject);
    if (m.kind === 'grade') s.grades.push({ date: m.date, value: m.value });
    else if (m.value === 'оп') lates++;
    else {
      const h = m.hours ?? 0;
      s.absences.push({ date: m.date, value: m.value, hours: h });
      absentHours += h;
      if (m.value === 'н' && !coveredBy(excuses, m.date)) unexcusedHours += h;
    }
  }
  for (const l of lessons) {
    const s = of(l.subject);
    if (l.topic && !s.topics.includes(l.topic)) s.topics.push(l.topic);
    if (l.homework) s.homework.push({ date: l.date, text: l.homework });
  }
  const subjects = [...by.values()].sort((a, b) => a.subject.localeCompare(b.subject, 'ru'));
  for (const s of subjects) s.average = averages(s.grades).plain;
  const all = averages(subjects.flatMap((s) => s.grades)).plain;
  return { subjects, average: all, absentHours, unexcusedHours, lates };
}

/** The summary as plain text (an e-mail, an in-app notice). */
export function summaryText(name: string, from: string, to: string, s: PeriodSummary): string {
  const lines = [`${name} — ${formatRu(from)}–${formatRu(to)}`];
  if (!s.subjects.length) lines.push('Занятий и отметок за этот период нет.');
  for (const sub of s.subjects) {
    const parts: string[] = [];
    if (sub.grades.length) parts.push(`оценки ${sub.grades.map((g) => g.value).join(', ')}`);
    if (sub.absences.length) parts.push(`пропуски ${sub.absences.map((a) => `${a.value} ${formatRu(a.date).slice(0, 5)}`).join(', ')}`);
    if (sub.topics.length) parts.push(`темы: ${sub.topics.join('; ')}`);
    if (sub.homework.length) parts.push(`задано: ${sub.homework.map((h) => h.text).join('; ')}`);
    lines.push(`• ${sub.subject}: ${parts.join('; ') || 'без отметок'}`);
  }
  const avg = s.average === null ? 'оценок нет' : `средний балл ${numberRu(s.average)}`;
  lines.push(
    `Итого: ${avg}; пропущено ${countRu(s.absentHours, NOUNS.hour)}, из них без уважительной причины ${countRu(s.unexcusedHours, NOUNS.hour)}.`,
  );
  return lines.join('\n');
}
