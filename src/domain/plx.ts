// What a curriculum saved by «Планы» (.plx) means: the programme, cycles, rows with hours per
// semester by kind, control forms and the academic calendar (график учебного процесса).
// This file reads the tables of a parsed document (rows as attribute maps) and knows every
// quirk of the format; decoding the bytes and the XML lives in the server.

import {
  addHours,
  cycleOfCode,
  HOUR_KINDS,
  itemKindOfCode,
  zeroHours,
  type Cycle,
  type Hours,
  type HourKind,
  type ItemKind,
} from './curriculum.js';
import { countRu, NOUNS, numberRu, pluralForm } from './russian.js';

export type PlxRow = Record<string, string>;
export interface PlxDocument {
  root: PlxRow;
  tables: Record<string, PlxRow[]>;
}

/** A file the importer refuses: nothing is written, the message says why. */
export class PlxError extends Error {
  constructor(
    readonly code: 'not_plx' | 'corrupt' | 'no_semesters' | 'too_large' | 'other_program',
    message: string,
  ) {
    super(message);
  }
}

export const STUDY_FORMS = ['full_time', 'extramural', 'part_time'] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];
export const STUDY_FORM_TITLES: Record<StudyForm, string> = { full_time: 'очная', extramural: 'заочная', part_time: 'очно-заочная' };
/** КодФормыОбучения per the `ФормаОбучения` table of the files. */
const STUDY_FORM_OF_CODE: Record<string, StudyForm> = { '1': 'full_time', '2': 'extramural', '3': 'part_time' };
export const STUDY_FORM_CODE: Record<StudyForm, string> = { full_time: '1', extramural: '2', part_time: '3' };

/** Control forms of a semester as «Планы» names them (СправочникВидыРабот, КодТипРабот = 7). */
export const CONTROL_FORM_OF_WORK: Record<string, string> = {
  '1': 'Э',
  '2': 'З',
  '3': 'ДЗ',
  '4': 'КП',
  '5': 'КР',
  '6': 'К',
  '7': 'ДКР',
  '8': 'Оц',
  '9': 'Эс',
  '10': 'Реф',
  '11': 'РГР',
  '49': 'Др',
};
export const CONTROL_FORM_TITLES: Record<string, string> = {
  Э: 'Экзамен',
  Эк: 'Экзамен по модулю',
  ДЭ: 'Демонстрационный экзамен',
  З: 'Зачёт',
  ДЗ: 'Дифференцированный зачёт',
  КП: 'Курсовой проект',
  КР: 'Курсовая работа',
  К: 'Контрольная работа',
  ДКР: 'Домашняя контрольная работа',
  Оц: 'Оценка',
  Эс: 'Эссе',
  Реф: 'Реферат',
  РГР: 'Расчётно-графическая работа',
  Др: 'Другие формы контроля',
};
/** Forms besides the main one of a semester (КР next to ДЗ, «Др» for physical education …). */
export const EXTRA_FORMS = ['КП', 'КР', 'К', 'ДКР', 'Оц', 'Эс', 'Реф', 'РГР', 'Др'] as const;
const PRIMARY_ORDER = ['Эк', 'ДЭ', 'Э', 'ДЗ', 'З', 'КП', 'КР'] as const;

/** Kinds of work (КодВидаРаботы) that carry hours of a kind. */
export const HOUR_KIND_OF_WORK: Record<string, HourKind> = {
  '101': 'theory',
  '102': 'laboratory',
  '103': 'practical',
  '104': 'practical',
  '107': 'self_study',
  '140': 'self_study',
  '108': 'exam',
  '114': 'course_project',
  '141': 'consultation',
};
export const WORK_TOTAL = '1000';
export const WORK_WEEKS = '51';
/** ЗЕТ, «Контактная работа» (a sum of the classroom kinds) and «Часов переаттестовано»: not hours of their own. */
const IGNORED_WORK = new Set(['50', '143', '1004']);
export const HOURS_PER_PRACTICE_WEEK = 36;

// ── The academic calendar ──

/** Week symbols of the calendar grid, as «Планы» prints them. */
export const CALENDAR_SYMBOLS = ['Т', 'Э', 'У', 'П', 'Н', 'Д', 'Г', 'К', '*', '=', '?'] as const;
export type CalendarSymbol = (typeof CALENDAR_SYMBOLS)[number];
export const CALENDAR_SYMBOL_TITLES: Record<CalendarSymbol, string> = {
  Т: 'Теоретическое обучение',
  Э: 'Промежуточная аттестация',
  У: 'Учебная практика',
  П: 'Производственная практика',
  Н: 'Научно-исследовательская работа',
  Д: 'Подготовка к ГИА (выпускная квалификационная работа)',
  Г: 'Государственная итоговая аттестация',
  К: 'Каникулы',
  '*': 'Нерабочие праздничные дни',
  '=': 'Неделя вне обучения',
  '?': 'Неизвестный вид деятельности',
};
/** КодВидаДеятельности of `ПланыГрафикиЯчейки`. */
export const CALENDAR_CODE: Record<string, CalendarSymbol> = {
  '1': 'Т',
  '3': 'Э',
  '4': 'У',
  '5': 'П',
  '7': 'Д',
  '11': 'Г',
  '12': 'К',
  '13': '=',
  '15': '*',
  '18': 'Н',
};
export const CALENDAR_CODE_OF_SYMBOL: Partial<Record<CalendarSymbol, string>> = Object.fromEntries(
  Object.entries(CALENDAR_CODE).map(([k, v]) => [v, k]),
);
export const WEEKS_PER_COURSE = 52;

/** One course of the calendar: a symbol per week ('-' where the file has no cell) and where each semester starts (1-based weeks). */
export interface CalendarCourse {
  course: number;
  weeks: string;
  semesterStarts: number[];
}

export interface CalendarSemester {
  course: number;
  semester: number;
  termNo: number;
  theory: number;
  practice: number;
  attestation: number;
  gia: number;
  holidays: number;
}

/** Weeks of each kind per semester, the way the summary table under the calendar counts them. */
export function calendarSemesters(
  calendar: readonly CalendarCourse[],
  semestersPerCourse = Math.max(1, ...calendar.map((c) => c.semesterStarts.length)),
): CalendarSemester[] {
  const out: CalendarSemester[] = [];
  for (const c of calendar) {
    c.semesterStarts.forEach((start, i) => {
      const end = c.semesterStarts[i + 1] ?? WEEKS_PER_COURSE + 1;
      const s: CalendarSemester = {
        course: c.course,
        semester: i + 1,
        termNo: (c.course - 1) * semestersPerCourse + i + 1,
        theory: 0,
        practice: 0,
        attestation: 0,
        gia: 0,
        holidays: 0,
      };
      for (const ch of c.weeks.slice(start - 1, end - 1)) {
        if (ch === 'Т') s.theory++;
        else if (ch === 'У' || ch === 'П' || ch === 'Н') s.practice++;
        else if (ch === 'Э') s.attestation++;
        else if (ch === 'Г' || ch === 'Д') s.gia++;
        else if (ch === 'К') s.holidays++;
      }
      out.push(s);
    });
  }
  return out;
}

/** Weeks of study (theory and practice) per program term: the weeks the weekly load is counted over. */
export function calendarTermWeeks(calendar: readonly CalendarCourse[], fallback: readonly number[]): number[] {
  const weeks = [...fallback];
  for (const s of calendarSemesters(calendar))
    if (s.termNo >= 1 && s.termNo <= weeks.length && s.theory + s.practice > 0) weeks[s.termNo - 1] = Math.min(30, s.theory + s.practice);
  return weeks;
}

const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** Monday of week `week` (1-based) of a course year starting in September of `startYear`: week 1 holds 1 September. */
export function calendarWeekStart(startYear: number, week: number): string {
  const sep1 = new Date(Date.UTC(startYear, 8, 1));
  const monday = new Date(sep1.getTime() - ((sep1.getUTCDay() + 6) % 7) * 86_400_000);
  return isoOf(new Date(monday.getTime() + (week - 1) * 7 * 86_400_000));
}

const STUDY_SYMBOLS = new Set(['Т', 'Э', 'У', 'П', 'Н', 'Д', 'Г']);

/** Dates of each semester of a course in the year starting `startYear`: from its first week of study to the end of its last one, within 1 Sep – 31 Aug. */
export function calendarTermDates(course: CalendarCourse, startYear: number): { number: number; startDate: string; endDate: string }[] {
  const out: { number: number; startDate: string; endDate: string }[] = [];
  const yearStart = `${startYear}-09-01`;
  const yearEnd = `${startYear + 1}-08-31`;
  course.semesterStarts.forEach((start, i) => {
    const end = course.semesterStarts[i + 1] ?? WEEKS_PER_COURSE + 1;
    let first = 0;
    let last = 0;
    for (let w = start; w < end; w++) {
      if (STUDY_SYMBOLS.has(course.weeks[w - 1] ?? '')) {
        if (!first) first = w;
        last = w;
      }
    }
    if (!first) return;
    const s = calendarWeekStart(startYear, first);
    const e = isoOf(new Date(Date.parse(calendarWeekStart(startYear, last)) + 6 * 86_400_000));
    out.push({ number: i + 1, startDate: s < yearStart ? yearStart : s, endDate: e > yearEnd ? yearEnd : e });
  });
  return out;
}

// ── Reading the plan ──

export interface PlxTerm {
  termNo: number;
  hours: Hours;
  /** Control forms as «Планы» names them: Э, З, ДЗ, КП, КР, К, ДКР, Др … */
  forms: string[];
  /** The file's own «Итого часов» for the semester, when it gives one. */
  fileTotal: number | null;
  weeks: number;
}

export interface PlxItem {
  key: string;
  code: string;
  name: string;
  kind: ItemKind;
  cycle: Cycle;
  /** The file's cycle (ОГСЭ, ОПЦ, ПЦ …) the row belongs to. */
  cycleCode: string;
  parentCode: string | null;
  position: number;
  terms: PlxTerm[];
}

export interface PlxPlan {
  program: {
    code: string;
    name: string;
    qualification: string;
    studyForm: StudyForm;
    /** «3 г. 10 мес.» as the file states it. */
    duration: string;
    intakeYear: number;
    semestersPerCourse: number;
  };
  /** The highest semester any row has hours or a form in. */
  semesters: number;
  cycles: { key: string; code: string; name: string; position: number }[];
  items: PlxItem[];
  calendar: CalendarCourse[];
  /** Rows the importer did not take, with the index and why. */
  skipped: { index: string; reason: string }[];
  /** What the importer did about the format's quirks. */
  notes: string[];
}

const LATIN_LOOKALIKES: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х' };

/** «  ПM.01.ЭК» → «ПМ.01.ЭК»: spaces trimmed, Latin letters that look Cyrillic made Cyrillic. */
export function normalizeIndex(raw: string | undefined): string {
  const t = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (!/[А-ЯЁа-яё]/.test(t)) return t;
  return t.replace(/[ABCEHKMOPTX]/g, (ch) => LATIN_LOOKALIKES[ch] ?? ch);
}

/** The file's cycle index → the cycle of the journal (null when the index says nothing we know). */
export function cycleOfPlx(ident: string): Cycle | null {
  const c = normalizeIndex(ident).toUpperCase().replace(/\.$/, '');
  if (c === 'ОГСЭ') return 'ОГСЭ';
  if (c === 'СГ' || c === 'СГЦ') return 'СГ';
  if (c === 'ЕН' || c === 'ЕНЦ' || c === 'МЕН') return 'ЕН';
  if (c === 'ОП' || c === 'ОПЦ') return 'ОП';
  if (c === 'ПЦ' || c === 'ПМ' || c === 'П') return 'ПМ';
  if (c === 'ГИА') return 'ГИА';
  if (['ООД', 'ОУД', 'ОД', 'СО', 'БД', 'ПД', 'УД', 'ОДБ', 'ОДП', 'ООП'].includes(c)) return 'ООД';
  return null;
}

const num = (v: string | undefined) => {
  const n = Number((v ?? '').replace(',', '.'));
  return Number.isFinite(n) ? n : NaN;
};
const int = (v: string | undefined, def = 0) => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) ? n : def;
};
const INDEX_GENITIVE = ['индекса', 'индексов', 'индексов'] as const;

/** The predicate agreeing with a count: «1 строка не добавлена», «21 строка не добавлена», «5 строк не добавлены». */
const agreeing = (n: number, one: string, other: string) => pluralForm(n, [one, other, other]);

/** Reads a parsed .plx document; throws PlxError when it is not a plan the journal can take. */
export function readPlxPlan(doc: PlxDocument): PlxPlan {
  const t = (name: string) => doc.tables[name] ?? [];
  const plan = t('Планы')[0];
  if (!plan) throw new PlxError('not_plx', 'В файле нет учебного плана (таблицы «Планы»): это не файл программы «Планы».');
  const oop = t('ООП').find((r) => r['Код'] === plan['КодООП'] && r['Шифр']) ?? t('ООП').find((r) => (r['Шифр'] ?? '').trim());
  const code = (oop?.['Шифр'] ?? '').trim();
  if (!code)
    throw new PlxError('corrupt', 'В файле не указан шифр специальности (таблица «ООП»): файл повреждён или сохранён не полностью.');
  const semPerCourse = Math.max(1, int(plan['СеместровНаКурсе'] ?? doc.root['СеместровНаКурсе'], 2));
  const intakeYear = int(plan['ГодНачалаПодготовки'], 0) || int((plan['УчебныйГод'] ?? '').slice(0, 4), 0);
  if (intakeYear < 2000 || intakeYear > 2100)
    throw new PlxError('corrupt', 'В файле не указан год начала подготовки: откройте план в «Планах» и сохраните его снова.');
  const years = int(plan['СрокОбучения'], 0);
  const months = int(plan['СрокОбученияМесяцев'], 0);
  const skipped: PlxPlan['skipped'] = [];
  const notes: string[] = [];

  // Cycles in their order: top level by Номер, each followed by its sub-cycles.
  const cycleRows = t('ПланыЦиклы');
  const byParent = new Map<string, PlxRow[]>();
  for (const r of cycleRows) {
    const p = r['КодРодителя'] ?? '';
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p)!.push(r);
  }
  const cycles: PlxPlan['cycles'] = [];
  const walk = (parent: string) => {
    for (const r of [...(byParent.get(parent) ?? [])].sort((a, b) => int(a['Номер']) - int(b['Номер']))) {
      cycles.push({ key: r['Код'], code: normalizeIndex(r['Идентификатор']), name: (r['Цикл'] ?? '').trim(), position: cycles.length + 1 });
      walk(r['Код']);
    }
  };
  walk('');
  const cycleByKey = new Map(cycleRows.map((r) => [r['Код'], r]));
  const cycleOfBlock = (key: string | undefined): { cycle: Cycle | null; code: string; position: number } => {
    let k = key;
    let first: { code: string; position: number } | null = null;
    for (let guard = 0; k && guard < 10; guard++) {
      const r = cycleByKey.get(k);
      if (!r) break;
      const c = cycles.find((x) => x.key === k)!;
      first ??= { code: c.code, position: c.position };
      const mapped = cycleOfPlx(r['Идентификатор'] ?? '');
      if (mapped) return { cycle: mapped, code: first.code, position: first.position };
      k = r['КодРодителя'];
    }
    return { cycle: null, code: first?.code ?? '', position: first?.position ?? cycles.length + 1 };
  };

  // Rows: disciplines, modules, МДК, practices, module exams, ГИА.
  const rows = t('ПланыСтроки');
  const rowByKey = new Map(rows.map((r) => [r['Код'], r]));
  const items = new Map<string, PlxItem>();
  const moduleExams = new Map<string, { code: string; parentKey: string | null }>();
  const seen = new Set<string>();
  const latin = new Set<string>();
  let spaced = 0;
  rows.forEach((r, order) => {
    const raw = r['ДисциплинаКод'] ?? '';
    if (raw !== raw.trim()) spaced++;
    let code = normalizeIndex(raw);
    if (code !== raw.trim().replace(/\s+/g, ' ')) latin.add(code);
    const type = r['ТипОбъекта'];
    const name = (r['Дисциплина'] ?? '').trim();
    const block = cycleOfBlock(r['КодБлока']);
    if (!code && type === '6') code = block.code || 'ГИА';
    if (!code) return skipped.push({ index: name || `строка ${r['Код']}`, reason: 'нет индекса (ДисциплинаКод)' });
    let kind: ItemKind;
    if (type === '1') kind = 'module';
    else if (type === '2') kind = itemKindOfCode(code) === 'mdk' ? 'mdk' : 'discipline';
    else if (type === '3')
      kind = code.toUpperCase().startsWith('ПП') || /производствен|преддиплом/i.test(name) ? 'industrial_practice' : 'educational_practice';
    else if (type === '4') kind = 'module_exam';
    else if (type === '6') kind = 'gia';
    else if (type === '5')
      return skipped.push({
        index: code,
        reason: 'группа дисциплин по выбору — сама не дисциплина; её дисциплины взяты отдельными строками',
      });
    else return skipped.push({ index: code, reason: `неизвестный тип строки (ТипОбъекта = ${type ?? 'не указан'})` });
    if (kind === 'module_exam') {
      moduleExams.set(r['Код'], { code, parentKey: r['КодРодителя'] ?? null });
      return;
    }
    if (seen.has(code)) return skipped.push({ index: code, reason: 'индекс повторяется в файле — взята первая строка' });
    seen.add(code);
    items.set(r['Код'], {
      key: r['Код'],
      code,
      name,
      kind,
      cycle: block.cycle ?? cycleOfCode(code),
      cycleCode: block.code,
      parentCode: null,
      position: block.position * 1000 + (int(r['Порядок'] ?? r['Номер'], 0) || order + 1),
      terms: [],
    });
  });
  if (spaced) notes.push(`У ${countRu(spaced, INDEX_GENITIVE)} в файле лишние пробелы — они убраны.`);
  if (latin.size) notes.push(`Латинские буквы в индексах заменены русскими: ${[...latin].join(', ')}.`);

  const moduleByNumber = (code: string): PlxItem | null => {
    const m = /^(?:МДК|УП|ПП|ПМ)\.(\d+)/i.exec(code);
    return m ? ([...items.values()].find((i) => i.kind === 'module' && new RegExp(`^ПМ\\.${m[1]}$`, 'i').test(i.code)) ?? null) : null;
  };
  for (const it of items.values()) {
    const r = rowByKey.get(it.key)!;
    const parent = r['КодРодителя'] ? items.get(r['КодРодителя']) : undefined;
    const p =
      parent?.kind === 'module'
        ? parent
        : it.kind !== 'module' && it.kind !== 'discipline' && it.kind !== 'gia'
          ? moduleByNumber(it.code)
          : null;
    if (p && p !== it) {
      it.parentCode = p.code;
      it.cycle = p.cycle;
      it.cycleCode = p.cycleCode;
    }
  }
  const examTarget = new Map<string, PlxItem>();
  for (const [key, ex] of moduleExams) {
    const parent = (ex.parentKey ? items.get(ex.parentKey) : undefined) ?? moduleByNumber(ex.code);
    if (parent?.kind === 'module') examTarget.set(key, parent);
    else skipped.push({ index: ex.code, reason: 'экзамен по модулю без своего модуля (ПМ) в файле' });
  }

  // Hours and control forms.
  const works = new Map(t('СправочникВидыРабот').map((r) => [r['Код'], r]));
  // Hours of module-exam rows are kept apart until the module's own (aggregate) hours are dropped.
  const examTerms = new Map<PlxItem, PlxTerm[]>();
  const termOf = (it: PlxItem, termNo: number, exam = false) => {
    const list = exam ? (examTerms.get(it) ?? examTerms.set(it, []).get(it)!) : it.terms;
    let x = list.find((y) => y.termNo === termNo);
    if (!x) {
      x = { termNo, hours: zeroHours(), forms: [], fileTotal: null, weeks: 0 };
      list.push(x);
    }
    return x;
  };
  const hourRows = t('ПланыНовыеЧасы');
  const otherTypes = new Map<string, number>();
  let cycleRowsSeen = 0;
  let courseZero = 0;
  let sessionDropped = 0;
  // ВО-style files give a course both as a semester row (Семестр ≥ 1, Сессия = 0) and as session rows (Семестр = 0, Сессия ≥ 1)
  // with the same totals: session rows count only where the course has no semester rows for that object.
  const hasSemesterRow = new Set<string>();
  for (const h of hourRows)
    if (h['КодТипаЧасов'] === '1' && int(h['Семестр']) > 0 && int(h['Сессия']) === 0) hasSemesterRow.add(`${h['КодОбъекта']}|${h['Курс']}`);
  const badWork = new Map<string, { index: string; reason: string }>();
  let maxTerm = 0;
  for (const h of hourRows) {
    const type = h['КодТипаЧасов'] ?? '1';
    if (type !== '1') {
      otherTypes.set(type, (otherTypes.get(type) ?? 0) + 1);
      continue;
    }
    const obj = h['КодОбъекта'];
    if (cycleByKey.has(obj)) {
      cycleRowsSeen++;
      continue;
    }
    const target = items.get(obj) ?? examTarget.get(obj);
    const isExam = !items.has(obj);
    if (!target) {
      if (!rowByKey.has(obj))
        skipped.push({ index: `часы, строка ${h['Код'] ?? '?'}`, reason: `ссылаются на строку плана ${obj ?? '?'}, которой нет в файле` });
      continue;
    }
    const index = moduleExams.get(obj)?.code ?? target.code;
    const course = int(h['Курс']);
    const semester = int(h['Семестр']);
    const session = int(h['Сессия']);
    if (course <= 0) {
      courseZero++;
      continue;
    }
    let inCourse = semester;
    if (semester === 0 && session > 0) {
      if (hasSemesterRow.has(`${obj}|${h['Курс']}`)) {
        sessionDropped++;
        continue;
      }
      inCourse = 1;
    }
    if (inCourse <= 0) {
      courseZero++;
      continue;
    }
    const termNo = (course - 1) * semPerCourse + inCourse;
    if (termNo > 8) {
      skipped.push({ index, reason: `${termNo}-й семестр: в журнале не больше 8 семестров` });
      continue;
    }
    const work = h['КодВидаРаботы'] ?? '';
    const qty = num(h['Количество']);
    const formAbbr =
      CONTROL_FORM_OF_WORK[work] ?? (works.get(work)?.['КодТипРабот'] === '7' ? (works.get(work)?.['Аббревиатура'] ?? 'Др') : undefined);
    if (formAbbr) {
      const x = termOf(target, termNo, isExam);
      if (!x.forms.includes(formAbbr)) x.forms.push(formAbbr);
      maxTerm = Math.max(maxTerm, termNo);
      continue;
    }
    if (IGNORED_WORK.has(work)) continue;
    if (work === WORK_WEEKS) {
      const w = num(h['Недель']) || qty;
      if (w > 0) {
        termOf(target, termNo, isExam).weeks += w;
        maxTerm = Math.max(maxTerm, termNo);
      }
      continue;
    }
    if (Number.isNaN(qty)) {
      skipped.push({ index, reason: `${termNo}-й семестр: количество часов «${h['Количество'] ?? ''}» — не число` });
      continue;
    }
    if (work === WORK_TOTAL) {
      const x = termOf(target, termNo, isExam);
      x.fileTotal = (x.fileTotal ?? 0) + qty;
      if (qty > 0) maxTerm = Math.max(maxTerm, termNo);
      continue;
    }
    const kind = HOUR_KIND_OF_WORK[work];
    if (!kind) {
      const title = works.get(work)?.['Название'];
      badWork.set(`${index}|${work}`, {
        index,
        reason: `вид работы ${title ? `«${title}» ` : ''}(код ${work}) журнал не ведёт — часы не взяты`,
      });
      continue;
    }
    if (qty === 0) continue;
    termOf(target, termNo, isExam).hours[kind] += qty;
    maxTerm = Math.max(maxTerm, termNo);
  }
  skipped.push(...badWork.values());
  const practicalTraining = otherTypes.get('5') ?? 0;
  if (practicalTraining)
    notes.push(
      `${countRu(practicalTraining, NOUNS.row)} «Часы практической подготовки» ${agreeing(practicalTraining, 'не добавлена', 'не добавлены')} к часам: они повторяют часть практических занятий.`,
    );
  const others = [...otherTypes].filter(([k]) => k !== '5').reduce((s, [, n]) => s + n, 0);
  if (others)
    notes.push(
      `${countRu(others, NOUNS.row)} других типов часов (интерактивные, в неделю, электронные) ${agreeing(others, 'не добавлена', 'не добавлены')}: журнал берёт часы в объёмных показателях.`,
    );
  if (sessionDropped)
    notes.push(
      `${countRu(sessionDropped, NOUNS.row)} по сессиям ${agreeing(sessionDropped, 'не добавлена', 'не добавлены')}: те же часы даны по семестрам.`,
    );
  if (courseZero)
    notes.push(
      `${countRu(courseZero, NOUNS.row)} часов без курса или семестра ${agreeing(courseZero, 'не отнесена', 'не отнесены')} ни к одному семестру.`,
    );
  if (cycleRowsSeen) notes.push('Итоги циклов из файла сверены с суммой строк (таблица «Итоги по циклам и семестрам»).');

  // Practices: hours by kind, else the total, else the weeks (36 hours each).
  for (const it of items.values()) {
    if (it.kind !== 'educational_practice' && it.kind !== 'industrial_practice') continue;
    for (const x of it.terms) {
      const classroom = x.hours.theory + x.hours.practical + x.hours.laboratory;
      if (classroom > 0) {
        x.hours.practice += classroom;
        x.hours.theory = x.hours.practical = x.hours.laboratory = 0;
      } else if (x.hours.practice === 0 && x.fileTotal && x.fileTotal > 0) {
        x.hours.practice = Math.max(0, x.fileTotal - x.hours.self_study - x.hours.exam - x.hours.consultation - x.hours.course_project);
      } else if (x.hours.practice === 0 && x.weeks > 0) {
        x.hours.practice = x.weeks * HOURS_PER_PRACTICE_WEEK;
        notes.push(
          `${it.code}, ${x.termNo}-й семестр: часы практики рассчитаны по неделям (${numberRu(x.weeks)} нед. × ${HOURS_PER_PRACTICE_WEEK} ч = ${numberRu(x.hours.practice)} ч).`,
        );
      }
    }
  }
  // A module's own hours repeat the sum of its МДК and practices: they are not added again.
  for (const it of items.values()) {
    if (it.kind !== 'module') continue;
    const own = it.terms.some((x) => HOUR_KINDS.some((k) => x.hours[k] > 0));
    if (!own) continue;
    const hasChildren = [...items.values()].some((c) => c.parentCode === it.code);
    if (!hasChildren) continue;
    for (const x of it.terms) {
      x.hours = zeroHours();
      x.fileTotal = null;
    }
    notes.push(`${it.code}: часы модуля — сумма его МДК и практик, отдельно не добавлены.`);
  }
  for (const [it, terms] of examTerms) {
    for (const e of terms) {
      const x = termOf(it, e.termNo);
      x.hours = addHours(x.hours, e.hours);
      x.forms = [...new Set([...x.forms, ...e.forms])];
      if (e.fileTotal != null) x.fileTotal = (x.fileTotal ?? 0) + e.fileTotal;
    }
  }
  for (const it of items.values()) {
    it.terms.sort((a, b) => a.termNo - b.termNo);
    for (const x of it.terms) {
      const sum = HOUR_KINDS.reduce((s, k) => s + x.hours[k], 0);
      if (x.fileTotal != null && Math.abs(sum - x.fileTotal) > 0.01 && it.kind !== 'gia')
        notes.push(
          `${it.code}, ${x.termNo}-й семестр: сумма часов по видам ${numberRu(sum)}, в графе «Итого» файла ${numberRu(x.fileTotal)}.`,
        );
      const fractional = HOUR_KINDS.filter((k) => !Number.isInteger(Math.round(x.hours[k] * 1000) / 1000));
      if (fractional.length)
        notes.push(
          `${it.code}, ${x.termNo}-й семестр: дробные часы (${fractional.map((k) => numberRu(x.hours[k])).join('; ')}) округлены до целых.`,
        );
    }
  }
  if (maxTerm === 0)
    throw new PlxError(
      'no_semesters',
      'В плане нет ни одного семестра с часами или формой аттестации: проверьте, что в «Планах» заполнен план, а не только титул.',
    );

  const list = [...items.values()].sort((a, b) => a.position - b.position);
  return {
    program: {
      code,
      name: (oop?.['Название'] ?? '').trim(),
      qualification: (plan['Квалификация'] ?? '').trim(),
      studyForm: STUDY_FORM_OF_CODE[plan['КодФормыОбучения'] ?? doc.root['КодФормыОбучения'] ?? '1'] ?? 'full_time',
      duration: [years ? `${years} г.` : '', months ? `${months} мес.` : ''].filter(Boolean).join(' '),
      intakeYear,
      semestersPerCourse: semPerCourse,
    },
    semesters: maxTerm,
    cycles,
    items: list,
    calendar: readCalendar(t('ПланыГрафикиЯчейки'), notes),
    skipped,
    notes,
  };
}

function readCalendar(cells: PlxRow[], notes: string[]): CalendarCourse[] {
  const byCourse = new Map<number, { parts: Map<number, Map<string, number>>; semesterOf: Map<number, number> }>();
  const unknown = new Map<string, number>();
  for (const c of cells) {
    const course = int(c['Курс']);
    if (course <= 0) continue;
    const first = int(c['НомерПервойНедели'], 1) || 1;
    const week = first + int(c['НомерНедели']) - 1;
    if (week < 1 || week > WEEKS_PER_COURSE) continue;
    const code = c['КодВидаДеятельности'] ?? '';
    const sym = CALENDAR_CODE[code] ?? '?';
    if (sym === '?') unknown.set(code, (unknown.get(code) ?? 0) + 1);
    const share = 1 / Math.max(1, int(c['КоличествоЧастейВНеделе'], 1));
    if (!byCourse.has(course)) byCourse.set(course, { parts: new Map(), semesterOf: new Map() });
    const cc = byCourse.get(course)!;
    if (!cc.parts.has(week)) cc.parts.set(week, new Map());
    cc.parts.get(week)!.set(sym, (cc.parts.get(week)!.get(sym) ?? 0) + share);
    const sem = int(c['Семестр'], 1) || 1;
    if (!cc.semesterOf.has(week) || sem < cc.semesterOf.get(week)!) cc.semesterOf.set(week, sem);
  }
  if (unknown.size)
    notes.push(`В графике учебного процесса неизвестные виды деятельности (коды ${[...unknown.keys()].join(', ')}) — показаны знаком «?».`);
  return [...byCourse.keys()]
    .sort((a, b) => a - b)
    .map((course) => {
      const cc = byCourse.get(course)!;
      let weeks = '';
      const starts: number[] = [];
      for (let w = 1; w <= WEEKS_PER_COURSE; w++) {
        const parts = cc.parts.get(w);
        // The kind holding most of the week; holidays inside a week of study do not make it a holiday.
        let best = '-';
        let bestShare = 0;
        for (const [sym, share] of parts ?? []) {
          const weight = sym === '*' ? share / 10 : share;
          if (weight > bestShare) {
            best = sym;
            bestShare = weight;
          }
        }
        weeks += best;
        const sem = cc.semesterOf.get(w);
        if (sem && !starts[sem - 1]) starts[sem - 1] = w;
      }
      return { course, weeks, semesterStarts: starts.filter(Boolean) };
    });
}

// ── From the file's terms to the journal's ──

/** The journal's main form of a semester and the rest («Др», КР next to ДЗ …). */
export function formsOf(forms: readonly string[], kind: ItemKind, name: string): { form: string | null; extraForms: string[] } {
  const mapped = forms.map((f) => {
    if (f !== 'Э') return f;
    if (kind === 'module' || kind === 'module_exam') return 'Эк';
    if (kind === 'gia' && /демонстрацион/i.test(name)) return 'ДЭ';
    return 'Э';
  });
  const form = PRIMARY_ORDER.find((f) => mapped.includes(f)) ?? null;
  const extraForms = [...new Set(mapped.filter((f) => f !== form))].sort(
    (a, b) => EXTRA_FORMS.indexOf(a as (typeof EXTRA_FORMS)[number]) - EXTRA_FORMS.indexOf(b as (typeof EXTRA_FORMS)[number]),
  );
  return { form, extraForms };
}

export interface JournalTerm {
  termNo: number;
  hours: Hours;
  form: string | null;
  extraForms: string[];
}

/** Whole hours per kind (fractions of the file summed first, then rounded) and the forms. */
export function journalTerms(item: PlxItem): JournalTerm[] {
  return item.terms
    .map((x) => {
      const hours = addHours(zeroHours(), Object.fromEntries(HOUR_KINDS.map((k) => [k, Math.round(x.hours[k])])) as Hours);
      return { termNo: x.termNo, hours, ...formsOf(x.forms, item.kind, item.name) };
    })
    .filter((x) => x.form || x.extraForms.length || HOUR_KINDS.some((k) => x.hours[k] > 0));
}

// ── Dry run: what changes in a curriculum that already exists ──

export interface ExistingItem {
  id: number;
  code: string;
  name: string;
  terms: { termNo: number; hours: Hours; form: string | null; extraForms?: string[] }[];
  assignments: number;
  lessons: number;
}

export interface PlanChange {
  code: string;
  name: string;
  change: 'add' | 'update' | 'remove' | 'keep';
  details: string[];
  assignments: number;
  lessons: number;
}

const KIND_SHORT: Record<HourKind, string> = {
  theory: 'теор.',
  practical: 'практ.',
  laboratory: 'лаб.',
  course_project: 'КП',
  practice: 'практика',
  self_study: 'СР',
  consultation: 'конс.',
  exam: 'ПА',
};

/** Item by item: added, changed (hours of a kind in a semester, forms, name), removed; items with load or lessons are kept, not removed. */
export function diffItems(
  existing: readonly ExistingItem[],
  incoming: readonly { code: string; name: string; terms: JournalTerm[] }[],
): PlanChange[] {
  const out: PlanChange[] = [];
  const old = new Map(existing.map((e) => [e.code, e]));
  for (const it of incoming) {
    const e = old.get(it.code);
    if (!e) {
      out.push({ code: it.code, name: it.name, change: 'add', details: [], assignments: 0, lessons: 0 });
      continue;
    }
    old.delete(it.code);
    const details: string[] = [];
    if (e.name !== it.name) details.push(`наименование: «${e.name}» → «${it.name}»`);
    const termNos = [...new Set([...e.terms.map((x) => x.termNo), ...it.terms.map((x) => x.termNo)])].sort((a, b) => a - b);
    for (const tn of termNos) {
      const a = e.terms.find((x) => x.termNo === tn);
      const b = it.terms.find((x) => x.termNo === tn);
      const parts: string[] = [];
      for (const k of HOUR_KINDS) {
        const av = a?.hours[k] ?? 0;
        const bv = b?.hours[k] ?? 0;
        if (av !== bv) parts.push(`${KIND_SHORT[k]} ${av} → ${bv}`);
      }
      const af = [a?.form, ...(a?.extraForms ?? [])].filter(Boolean).join('+') || '—';
      const bf = [b?.form, ...(b?.extraForms ?? [])].filter(Boolean).join('+') || '—';
      if (af !== bf) parts.push(`форма ${af} → ${bf}`);
      if (parts.length) details.push(`${tn}-й семестр: ${parts.join(', ')}`);
    }
    if (details.length)
      out.push({ code: it.code, name: it.name, change: 'update', details, assignments: e.assignments, lessons: e.lessons });
  }
  for (const e of old.values()) {
    out.push({
      code: e.code,
      name: e.name,
      change: e.assignments ? 'keep' : 'remove',
      details: e.assignments
        ? ['нет в файле, но по ней есть нагрузка или КТП — останется в плане']
        : ['нет в файле — будет удалена из плана'],
      assignments: e.assignments,
      lessons: e.lessons,
    });
  }
  return out;
}

// ── Totals by cycle and semester, as «Планы» prints them ──

/** cycle → semester → hours. */
export type PlxTotals = Record<string, Record<string, number>>;

/** The file's «Итого часов» of its rows by cycle and semester (the sum by kind where a row gives no «Итого»). */
export function fileTotalsOf(plan: PlxPlan): PlxTotals {
  const out: PlxTotals = {};
  for (const it of plan.items) {
    for (const x of it.terms) {
      const v = x.fileTotal ?? HOUR_KINDS.reduce((s, k) => s + x.hours[k], 0);
      if (!v) continue;
      const c = (out[it.cycle] ??= {});
      c[x.termNo] = Math.round(((c[x.termNo] ?? 0) + v) * 100) / 100;
    }
  }
  return out;
}

export interface CycleTotalsRow {
  cycle: string;
  terms: { termNo: number; hours: number; file: number | null }[];
  hours: number;
  file: number | null;
}

/** Rows per cycle (in the order given) and a last row «Итого»: the journal's hours and, when known, the file's. */
export function cycleTotals(
  items: readonly { cycle: string; terms: readonly { termNo: number; hours: Partial<Hours> }[] }[],
  file: PlxTotals | null,
  terms = 8,
): CycleTotalsRow[] {
  const cycles = [...new Set(items.map((i) => i.cycle))];
  if (file) for (const c of Object.keys(file)) if (!cycles.includes(c)) cycles.push(c);
  const sumOf = (h: Partial<Hours>) => HOUR_KINDS.reduce((s, k) => s + (h[k] ?? 0), 0);
  const rows: CycleTotalsRow[] = cycles.map((cycle) => {
    const ts = Array.from({ length: terms }, (_, i) => {
      const termNo = i + 1;
      const hours = items
        .filter((it) => it.cycle === cycle)
        .reduce((s, it) => s + it.terms.filter((x) => x.termNo === termNo).reduce((a, x) => a + sumOf(x.hours), 0), 0);
      return { termNo, hours, file: file ? (file[cycle]?.[termNo] ?? 0) : null };
    });
    return {
      cycle,
      terms: ts,
      hours: ts.reduce((s, x) => s + x.hours, 0),
      file: file ? Math.round(ts.reduce((s, x) => s + (x.file ?? 0), 0) * 100) / 100 : null,
    };
  });
  const total: CycleTotalsRow = {
    cycle: 'Итого',
    terms: Array.from({ length: terms }, (_, i) => ({
      termNo: i + 1,
      hours: rows.reduce((s, r) => s + r.terms[i].hours, 0),
      file: file ? Math.round(rows.reduce((s, r) => s + (r.terms[i].file ?? 0), 0) * 100) / 100 : null,
    })),
    hours: rows.reduce((s, r) => s + r.hours, 0),
    file: file ? Math.round(rows.reduce((s, r) => s + (r.file ?? 0), 0) * 100) / 100 : null,
  };
  return [...rows, total];
}
