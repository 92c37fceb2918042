import { isAbsenceCode, type AbsenceCode, type GradeValue, type WorkType } from './marks.js';

// What a teacher types into a journal cell: «5», «н», «4к», «5к*2 4», «зач» … (п. 3.13).
// Typed on the Latin layout by mistake («y» for «н», «pfx» for «зач») it still works.

export type CellItem =
  { kind: 'grade'; value: GradeValue; workType: WorkType | null; weight: number | null } | { kind: 'absence'; value: AbsenceCode };

export type CellParse = { ok: true; items: CellItem[] } | { ok: false; message: string };

const LATIN_TO_RU: Record<string, string> = {
  q: 'й',
  w: 'ц',
  e: 'у',
  r: 'к',
  t: 'е',
  y: 'н',
  u: 'г',
  i: 'ш',
  o: 'щ',
  p: 'з',
  '[': 'х',
  ']': 'ъ',
  a: 'ф',
  s: 'ы',
  d: 'в',
  f: 'а',
  g: 'п',
  h: 'р',
  j: 'о',
  k: 'л',
  l: 'д',
  ';': 'ж',
  "'": 'э',
  z: 'я',
  x: 'ч',
  c: 'с',
  v: 'м',
  b: 'и',
  n: 'т',
  m: 'ь',
  ',': 'б',
  '.': 'ю',
  '`': 'ё',
};

/** Short letters after a grade that name its work type: «4к» — контрольная. */
export const WORK_TYPE_SUFFIX: Record<string, WorkType> = {
  у: 'oral',
  пи: 'written',
  к: 'control',
  л: 'laboratory',
  пр: 'practical',
  с: 'independent',
  т: 'test',
  д: 'homework',
};
export const SUFFIX_OF: Partial<Record<WorkType, string>> = Object.fromEntries(Object.entries(WORK_TYPE_SUFFIX).map(([k, v]) => [v, k]));

/** Weights a grade gets when none is typed: a контрольная counts double. */
export const DEFAULT_WEIGHTS: Record<WorkType, number> = {
  oral: 1,
  written: 1,
  control: 2,
  laboratory: 1.5,
  practical: 1.5,
  independent: 1,
  test: 1.5,
  homework: 1,
  other: 1,
};

function toRussianLayout(token: string): string {
  if (!/[a-z[\];',.`]/.test(token)) return token;
  return [...token].map((ch) => LATIN_TO_RU[ch] ?? ch).join('');
}

/** Parses a cell; an empty string clears it. At most one absence per cell. */
export function parseCell(input: string): CellParse {
  const tokens = input
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s/;]+/)
    .filter(Boolean);
  const items: CellItem[] = [];
  for (const raw of tokens) {
    const t = /^[2-5]/.test(raw) ? raw.replace(/\.(?=\d)/, ',') : toRussianLayout(raw);
    if (isAbsenceCode(t)) {
      if (items.some((i) => i.kind === 'absence')) return { ok: false, message: 'В клетке может быть только одна отметка о пропуске.' };
      items.push({ kind: 'absence', value: t });
      continue;
    }
    if (t === 'зач' || t === 'незач' || t === 'нзч' || t === 'нз') {
      items.push({ kind: 'grade', value: t === 'зач' ? 'зач' : 'незач', workType: null, weight: null });
      continue;
    }
    const m = /^([2-5])([а-я]*)(?:[*x×х](\d+(?:[.,]\d+)?))?$/.exec(t) ?? /^([2-5])([a-z]*)(?:[*x×](\d+(?:[.,]\d+)?))?$/.exec(raw);
    if (m) {
      const suffix = /[a-z]/.test(m[2]) ? toRussianLayout(m[2]) : m[2];
      const workType = suffix ? WORK_TYPE_SUFFIX[suffix] : null;
      if (suffix && !workType)
        return { ok: false, message: `Неизвестный вид работы «${suffix}». Буквы после оценки: у, пи, к, л, пр, с, т, д.` };
      const weight = m[3] ? Number(m[3].replace(',', '.')) : null;
      if (weight !== null && (!(weight > 0) || weight > 10)) return { ok: false, message: 'Вес оценки — число от 0,1 до 10.' };
      items.push({ kind: 'grade', value: m[1] as GradeValue, workType: workType ?? null, weight });
      continue;
    }
    return { ok: false, message: `«${raw}» — не оценка и не отметка. Введите 5, 4, 3, 2, зач, незач или н, б, уп, оп.` };
  }
  return { ok: true, items };
}

export interface CellMark {
  id: number;
  kind: 'grade' | 'absence';
  value: string;
  workType: string | null;
  weight: number;
  version: number;
}

/** A cell's marks as the text a teacher would type: «н 5к 4» (the default work type goes unsaid). */
export function cellText(
  marks: readonly Pick<CellMark, 'kind' | 'value' | 'workType' | 'weight'>[],
  defaultWorkType: WorkType = 'oral',
): string {
  const parts: string[] = [];
  for (const m of marks) {
    if (m.kind === 'absence') {
      parts.unshift(m.value);
      continue;
    }
    const wt = (m.workType ?? defaultWorkType) as WorkType;
    const suffix = wt !== defaultWorkType && m.value !== 'зач' && m.value !== 'незач' ? (SUFFIX_OF[wt] ?? '') : '';
    const w = m.weight !== DEFAULT_WEIGHTS[wt] ? `*${String(m.weight).replace('.', ',')}` : '';
    parts.push(`${m.value}${suffix}${w}`);
  }
  return parts.join(' ');
}

export interface MarkDraft {
  kind: 'grade' | 'absence';
  value: CellItem['value'];
  workType: WorkType | null;
  weight: number;
}

/** What a typed item stores: its work type (or the default) and weight (or the type's weight). */
export function draftOf(item: CellItem, defaultWorkType: WorkType = 'oral'): MarkDraft {
  if (item.kind === 'absence') return { kind: 'absence', value: item.value, workType: null, weight: 1 };
  const workType = item.workType ?? defaultWorkType;
  return { kind: 'grade', value: item.value, workType, weight: item.weight ?? DEFAULT_WEIGHTS[workType] };
}

export interface CellDiff {
  create: MarkDraft[];
  update: (MarkDraft & { id: number; version: number })[];
  remove: { id: number; version: number }[];
}

/**
 * The writes that turn a cell's marks into what was typed: grades are matched in order, the
 * absence with the absence; unchanged marks are left alone (and keep their history).
 */
export function diffCell(existing: readonly CellMark[], items: readonly CellItem[], defaultWorkType: WorkType = 'oral'): CellDiff {
  const out: CellDiff = { create: [], update: [], remove: [] };
  const drafts = items.map((i) => draftOf(i, defaultWorkType));
  for (const kind of ['absence', 'grade'] as const) {
    const olds = existing.filter((m) => m.kind === kind).sort((a, b) => a.id - b.id);
    const news = drafts.filter((d) => d.kind === kind);
    for (let i = 0; i < Math.max(olds.length, news.length); i++) {
      const o = olds[i];
      const n = news[i];
      if (o && n) {
        if (o.value !== n.value || (kind === 'grade' && (o.workType !== n.workType || o.weight !== n.weight)))
          out.update.push({ ...n, id: o.id, version: o.version });
      } else if (n) out.create.push(n);
      else if (o) out.remove.push({ id: o.id, version: o.version });
    }
  }
  return out;
}
