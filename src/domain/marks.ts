// The vocabulary of the journal: grades, absence codes and work types (DOMAIN.md, п. 3.13).

export const GRADE_VALUES = ['5', '4', '3', '2', 'зач', 'незач'] as const;
export type GradeValue = (typeof GRADE_VALUES)[number];

/** н — absent, б — ill, уп — other valid reason, оп — late. */
export const ABSENCE_CODES = ['н', 'б', 'уп', 'оп'] as const;
export type AbsenceCode = (typeof ABSENCE_CODES)[number];

export const ABSENCE_TITLES: Record<AbsenceCode, string> = {
  н: 'отсутствовал без уважительной причины',
  б: 'болезнь',
  уп: 'уважительная причина',
  оп: 'опоздание',
};

export const WORK_TYPES = ['oral', 'written', 'control', 'laboratory', 'practical', 'independent', 'test', 'homework', 'other'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

export const WORK_TYPE_TITLES: Record<WorkType, string> = {
  oral: 'Устный ответ',
  written: 'Письменная работа',
  control: 'Контрольная работа',
  laboratory: 'Лабораторная работа',
  practical: 'Практическая работа',
  independent: 'Самостоятельная работа',
  test: 'Тест',
  homework: 'Домашнее задание',
  other: 'Другое',
};

export const isGradeValue = (v: string): v is GradeValue => (GRADE_VALUES as readonly string[]).includes(v);
export const isAbsenceCode = (v: string): v is AbsenceCode => (ABSENCE_CODES as readonly string[]).includes(v);

/** The numeric value of a 5-point grade; pass/fail marks have none. */
export function gradePoints(v: string): number | null {
  return v === '5' || v === '4' || v === '3' || v === '2' ? Number(v) : null;
}

/** Plain and weighted averages of the 5-point grades among marks (null when there are none). */
export function averages(marks: readonly { value: string; weight?: number | null }[]): {
  plain: number | null;
  weighted: number | null;
  count: number;
} {
  let sum = 0;
  let wsum = 0;
  let wtotal = 0;
  let n = 0;
  for (const m of marks) {
    const p = gradePoints(m.value);
    if (p === null) continue;
    const w = m.weight ?? 1;
    sum += p;
    wsum += p * w;
    wtotal += w;
    n++;
  }
  return {
    plain: n ? round2(sum / n) : null,
    weighted: wtotal > 0 ? round2(wsum / wtotal) : null,
    count: n,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The work types recorded for a lesson (a JSON array of codes); anything else reads as none. */
export function parseWorkTypes(json: string | null): string[] {
  try {
    const v = json ? (JSON.parse(json) as unknown) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
