import { CYCLE_TITLES, HOUR_KINDS, type Cycle, type Hours, type HourKind } from '../../domain/curriculum.js';
import {
  CALENDAR_CODE_OF_SYMBOL,
  HOURS_PER_PRACTICE_WEEK,
  STUDY_FORM_CODE,
  WEEKS_PER_COURSE,
  WORK_TOTAL,
  WORK_WEEKS,
  type CalendarCourse,
  type StudyForm,
} from '../../domain/plx.js';

// Writes a curriculum as «Планы» saves it (UTF-16 LE with a BOM, CRLF, diffgram of flat rows), with
// the format's quirks: indices with leading spaces, a Latin «M» in module-exam indices, rows of
// «Часы практической подготовки» that repeat practical hours, practice given in weeks.
// The demo's .plx files, the round-trip test and the benchmark use it.

export interface PlxSourceTerm {
  termNo: number;
  hours: Partial<Hours>;
  form: string | null;
  extraForms?: string[];
}
export interface PlxSourceItem {
  code: string;
  name: string;
  kind: string;
  cycle: string;
  parentCode: string | null;
  terms: PlxSourceTerm[];
  /** Give the practice as weeks only (КодВидаРаботы 51), without hours. */
  practiceInWeeks?: boolean;
}
export interface PlxSource {
  program: { code: string; name: string; qualification: string; studyForm: StudyForm; intakeYear: number; semesters: number };
  items: PlxSourceItem[];
  calendar?: CalendarCourse[];
}

const WORK_OF_KIND: Record<Exclude<HourKind, 'practice'>, string> = {
  theory: '101',
  laboratory: '102',
  practical: '103',
  self_study: '107',
  exam: '108',
  course_project: '114',
  consultation: '141',
};
const WORK_OF_FORM: Record<string, string> = {
  Э: '1',
  Эк: '1',
  ДЭ: '1',
  З: '2',
  ДЗ: '3',
  КП: '4',
  КР: '5',
  К: '6',
  ДКР: '7',
  Оц: '8',
  Эс: '9',
  Реф: '10',
  РГР: '11',
  Др: '49',
};
const WORK_DICTIONARY: [string, string, string, string | null][] = [
  ['1', 'Экзамен', 'Эк', '7'],
  ['2', 'Зачет', 'За', '7'],
  ['3', 'Зачет с оценкой', 'ЗаО', '7'],
  ['4', 'Курсовой проект', 'КП', '7'],
  ['5', 'Курсовая работа', 'КР', '7'],
  ['6', 'Контрольная работа', 'К', '7'],
  ['7', 'Домашняя контрольная работа', 'ДКР', '7'],
  ['49', 'Другие формы контроля', 'Др', '7'],
  ['101', 'Лекционные занятия', 'Лек', '1'],
  ['102', 'Лабораторные занятия', 'Лаб', '2'],
  ['103', 'Практические занятия', 'Пр', '2'],
  ['107', 'Самостоятельная работа', 'СР', '5'],
  ['108', 'Часы на контроль', 'Контроль', '6'],
  ['114', 'Курсовое проектирование', 'КРП', '9'],
  ['141', 'Консультации', 'Конс', '11'],
  ['1000', 'Итого часов', 'Итого', null],
  ['50', 'ЗЕТ', 'ЗЕТ', null],
  ['51', 'Недели', 'Нед', null],
];
/** The cycle index a plan of the ФГОС СПО uses for each of the journal's cycles. */
const PLX_CYCLE: Record<Cycle, string> = { ООД: 'ООД', ОГСЭ: 'ОГСЭ', СГ: 'СГ', ЕН: 'ЕН', ОП: 'ОП', ПМ: 'ПЦ', ГИА: 'ГИА' };
const OBJECT_TYPE: Record<string, string> = {
  module: '1',
  discipline: '2',
  mdk: '2',
  educational_practice: '3',
  industrial_practice: '3',
  module_exam: '4',
  gia: '6',
};

const esc = (v: string | number) =>
  String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '&#xD;&#xA;');

class Rows {
  lines: string[] = [];
  private n = new Map<string, number>();
  add(table: string, attrs: Record<string, string | number | undefined>) {
    const i = (this.n.get(table) ?? 0) + 1;
    this.n.set(table, i);
    const a = Object.entries(attrs)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}="${esc(v!)}"`)
      .join('');
    this.lines.push(`      <${table} diffgr:id="${table}${i}" msdata:rowOrder="${i - 1}"${a} />`);
  }
}

/** A course calendar like the ones colleges draw: theory, then the weeks of educational (У) and industrial (П) practice of each term, attestation, holidays, ГИА at the very end. */
export function standardCalendar(
  courses: number,
  practiceWeeks: (termNo: number) => { educational: number; industrial: number },
  giaWeeks = 6,
): CalendarCourse[] {
  const out: CalendarCourse[] = [];
  const practice = (termNo: number, study: number) => {
    const w = practiceWeeks(termNo);
    const u = Math.min(study, Math.round(w.educational));
    const p = Math.min(study - u, Math.round(w.industrial));
    return 'Т'.repeat(study - u - p) + 'У'.repeat(u) + 'П'.repeat(p);
  };
  for (let course = 1; course <= courses; course++) {
    const last = course === courses;
    const s1 = `${practice(course * 2 - 1, 17)}ЭКК`;
    const s2 = `${practice(course * 2, last ? 16 : 22)}Э${last ? 'Г'.repeat(giaWeeks) : ''}`;
    const weeks = (s1 + s2).padEnd(WEEKS_PER_COURSE, 'К').slice(0, WEEKS_PER_COURSE);
    out.push({ course, weeks, semesterStarts: [1, s1.length + 1] });
  }
  return out;
}

export function writePlx(src: PlxSource): Buffer {
  const r = new Rows();
  const p = src.program;
  const courses = Math.ceil(p.semesters / 2);
  r.add('ООП', { Код: 1, Шифр: p.code, Название: p.name, УровеньОбразования: 5, ТипГОСа: '3' });
  r.add('Планы', {
    Код: -1,
    УчебныйГод: `${p.intakeYear}-${p.intakeYear + 1}`,
    КодООП: 1,
    КодФормыОбучения: STUDY_FORM_CODE[p.studyForm],
    Квалификация: p.qualification,
    СрокОбучения: Math.floor(p.semesters / 2) - (p.semesters % 2 ? 0 : 1),
    СрокОбученияМесяцев: 10,
    СеместровНаКурсе: 2,
    ЧислоКурсов: courses,
    ГодНачалаПодготовки: p.intakeYear,
    ИмяФайла: `${p.code}_${p.intakeYear}.plx`,
  });
  for (const [code, name, abbr, type] of WORK_DICTIONARY)
    r.add('СправочникВидыРабот', { Код: code, Название: name, КодТипРабот: type ?? undefined, Аббревиатура: abbr });

  // Cycles in the order the items use them.
  const cycleKeys = new Map<string, number>();
  for (const it of src.items) {
    const c = (PLX_CYCLE as Record<string, string>)[it.cycle] ?? it.cycle;
    if (!cycleKeys.has(c)) {
      const key = -10 - cycleKeys.size;
      cycleKeys.set(c, key);
      r.add('ПланыЦиклы', {
        Код: key,
        КодПлана: -1,
        ТипБлока: 1,
        Номер: cycleKeys.size * 100,
        Идентификатор: c,
        Цикл: CYCLE_TITLES[it.cycle as Cycle] ?? c,
      });
    }
  }

  let key = -100;
  let hourKey = -1;
  const rowKeys = new Map<string, number>();
  const hour = (obj: number, work: string, termNo: number, qty: number, extra: Record<string, string | number> = {}) => {
    const course = Math.ceil(termNo / 2);
    r.add('ПланыНовыеЧасы', {
      Код: hourKey--,
      КодОбъекта: obj,
      КодВидаРаботы: work,
      КодТипаЧасов: extra['КодТипаЧасов'] ?? 1,
      Курс: course,
      Семестр: termNo - (course - 1) * 2,
      Сессия: 0,
      Недель: extra['Недель'] ?? 0,
      Дней: 0,
      Количество: qty,
    });
  };
  const formsRows = (obj: number, t: PlxSourceTerm) => {
    for (const f of [t.form, ...(t.extraForms ?? [])]) if (f && WORK_OF_FORM[f]) hour(obj, WORK_OF_FORM[f], t.termNo, 1);
  };
  const total = (h: Partial<Hours>) => HOUR_KINDS.reduce((s, k) => s + (h[k] ?? 0), 0);
  let order = 0;
  for (const it of src.items) {
    const k = key--;
    rowKeys.set(it.code, k);
    const parent = it.parentCode ? rowKeys.get(it.parentCode) : undefined;
    const cycleKey = cycleKeys.get((PLX_CYCLE as Record<string, string>)[it.cycle] ?? it.cycle);
    // «Планы» pads indices of rows inside a module with spaces.
    const index = parent !== undefined ? `  ${it.code}` : it.kind === 'module' ? ` ${it.code}` : it.code;
    r.add('ПланыСтроки', {
      Код: k,
      КодПлана: -1,
      КодБлока: cycleKey,
      КодРодителя: parent,
      Дисциплина: it.name,
      ТипОбъекта: OBJECT_TYPE[it.kind] ?? '2',
      ДисциплинаКод: index,
      Порядок: ++order,
      ЧасовПоПлану: it.terms.reduce((s, t) => s + total(t.hours), 0),
    });
    for (const t of it.terms) {
      if (it.kind === 'module' && t.form === 'Эк') {
        // The module exam is its own row, ПM.xx.ЭК with a Latin «M», as the files have it.
        const ek = key--;
        const n = /^ПМ\.(\d+)$/.exec(it.code)?.[1] ?? '00';
        r.add('ПланыСтроки', {
          Код: ek,
          КодПлана: -1,
          КодБлока: cycleKey,
          КодРодителя: k,
          Дисциплина: 'Экзамен по модулю',
          ТипОбъекта: '4',
          ДисциплинаКод: `  ПM.${n}.ЭК`,
          Порядок: ++order,
        });
        for (const kind of HOUR_KINDS)
          if (kind !== 'practice' && (t.hours[kind] ?? 0) > 0) hour(ek, WORK_OF_KIND[kind], t.termNo, t.hours[kind]!);
        if (total(t.hours) > 0) hour(ek, WORK_TOTAL, t.termNo, total(t.hours));
        formsRows(ek, t);
        continue;
      }
      const practice = t.hours.practice ?? 0;
      if (practice > 0) {
        const weeks = practice / HOURS_PER_PRACTICE_WEEK;
        hour(k, WORK_WEEKS, t.termNo, weeks, { Недель: weeks });
        if (!it.practiceInWeeks) hour(k, WORK_TOTAL, t.termNo, total(t.hours));
      } else if (total(t.hours) > 0) hour(k, WORK_TOTAL, t.termNo, total(t.hours));
      for (const kind of HOUR_KINDS) {
        if (kind === 'practice' || !(t.hours[kind] ?? 0)) continue;
        hour(k, WORK_OF_KIND[kind], t.termNo, t.hours[kind]!);
        // «Часы практической подготовки» repeat the practical hours: the importer must not add them.
        if (kind === 'practical') hour(k, WORK_OF_KIND[kind], t.termNo, t.hours[kind]!, { КодТипаЧасов: 5 });
      }
      if (it.kind === 'gia' && total(t.hours) === 0) hour(k, WORK_WEEKS, t.termNo, 6, { Недель: 6 });
      formsRows(k, t);
    }
  }

  let cell = -1;
  for (const c of src.calendar ?? []) {
    c.semesterStarts.forEach((start, i) => {
      const end = c.semesterStarts[i + 1] ?? WEEKS_PER_COURSE + 1;
      for (let w = start; w < end; w++) {
        const code = CALENDAR_CODE_OF_SYMBOL[c.weeks[w - 1] as keyof typeof CALENDAR_CODE_OF_SYMBOL];
        if (!code) continue;
        r.add('ПланыГрафикиЯчейки', {
          Код: cell--,
          КодГрафика: -1,
          КодВидаДеятельности: code,
          НомерНедели: w - start + 1,
          НомерЧастиНедели: 1,
          Курс: c.course,
          Семестр: i + 1,
          КоличествоЧастейВНеделе: 1,
          НомерПервойНедели: start,
        });
      }
    });
  }

  const xml = [
    '<?xml version="1.0" encoding="utf-16"?>',
    `<Документ Тип="РАБОЧИЙ УЧЕБНЫЙ ПЛАН" ЧислоКурсов="${courses}" СеместровНаКурсе="2" СессийНаКурсе="0" ТипГОСа="3" КодУровняОбразования="5" КодФормыОбучения="${STUDY_FORM_CODE[p.studyForm]}">`,
    '  <diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">',
    '    <dsMMISDB xmlns="http://tempuri.org/dsMMISDB.xsd">',
    ...r.lines,
    '    </dsMMISDB>',
    '  </diffgr:diffgram>',
    '</Документ>',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
}
