import { describe, expect, it } from 'vitest';
import { zeroHours } from './curriculum.js';
import {
  calendarSemesters,
  calendarTermDates,
  cycleTotals,
  diffItems,
  fileTotalsOf,
  formsOf,
  journalTerms,
  normalizeIndex,
  PlxError,
  readPlxPlan,
  type PlxDocument,
  type PlxRow,
} from './plx.js';

/** A small СПО plan the tests build row by row, as the tables of a .plx file. */
function doc(o: { semPerCourse?: number; rows?: PlxRow[]; hours?: PlxRow[]; cells?: PlxRow[]; cycles?: PlxRow[] } = {}): PlxDocument {
  return {
    root: { СеместровНаКурсе: String(o.semPerCourse ?? 2) },
    tables: {
      ООП: [{ Код: '1', Шифр: '43.02.15', Название: 'Поварское и кондитерское дело' }],
      Планы: [
        {
          Код: '-1',
          КодООП: '1',
          ГодНачалаПодготовки: '2025',
          КодФормыОбучения: '1',
          Квалификация: 'Специалист',
          СрокОбучения: '3',
          СрокОбученияМесяцев: '10',
          СеместровНаКурсе: String(o.semPerCourse ?? 2),
        },
      ],
      ПланыЦиклы: o.cycles ?? [
        { Код: '-10', Идентификатор: 'ОГСЭ', Цикл: 'Общий гуманитарный', Номер: '1' },
        { Код: '-11', Идентификатор: 'П', Цикл: 'Профессиональная подготовка', Номер: '2' },
        { Код: '-12', КодРодителя: '-11', Идентификатор: 'ОПЦ', Цикл: 'Общепрофессиональный цикл', Номер: '1' },
        { Код: '-13', КодРодителя: '-11', Идентификатор: 'ПЦ', Цикл: 'Профессиональный цикл', Номер: '2' },
      ],
      ПланыСтроки: o.rows ?? [],
      ПланыНовыеЧасы: o.hours ?? [],
      ПланыГрафикиЯчейки: o.cells ?? [],
    },
  };
}
let key = -1000;
const h = (obj: string, work: string | number, course: number, semester: number, qty: number | string, extra: PlxRow = {}): PlxRow => ({
  Код: String(key--),
  КодОбъекта: obj,
  КодВидаРаботы: String(work),
  КодТипаЧасов: '1',
  Курс: String(course),
  Семестр: String(semester),
  Сессия: '0',
  Количество: String(qty),
  Недель: '0',
  ...extra,
});

const moduleRows: PlxRow[] = [
  { Код: '-1', КодБлока: '-13', ДисциплинаКод: ' ПМ.01', Дисциплина: 'Приготовление полуфабрикатов', ТипОбъекта: '1' },
  { Код: '-2', КодБлока: '-13', КодРодителя: '-1', ДисциплинаКод: '  МДК.01.01', Дисциплина: 'Организация приготовления', ТипОбъекта: '2' },
  { Код: '-3', КодБлока: '-13', КодРодителя: '-1', ДисциплинаКод: '  УП.01', Дисциплина: 'Учебная практика', ТипОбъекта: '3' },
  { Код: '-4', КодБлока: '-13', КодРодителя: '-1', ДисциплинаКод: '  ПM.01.ЭК', Дисциплина: 'Экзамен по модулю', ТипОбъекта: '4' },
  { Код: '-5', КодБлока: '-10', ДисциплинаКод: 'ОГСЭ.05', Дисциплина: 'Физическая культура', ТипОбъекта: '2' },
  { Код: '-6', КодБлока: '-12', ДисциплинаКод: 'ОП.03', Дисциплина: 'Техническое оснащение', ТипОбъекта: '2' },
];

describe('reading a .plx plan', () => {
  it('strips the spaces of indices, makes the Latin «M» Cyrillic and gives the module exam to its module as «Эк»', () => {
    expect(normalizeIndex('  ПM.01.ЭК')).toBe('ПМ.01.ЭК');
    expect(normalizeIndex('Б1.O.01')).toBe('Б1.О.01');
    expect(normalizeIndex('ABC')).toBe('ABC');
    const plan = readPlxPlan(
      doc({
        rows: moduleRows,
        hours: [
          h('-2', 101, 2, 1, 30),
          h('-2', 2, 2, 1, 1),
          h('-4', 1, 2, 2, 1),
          h('-4', 141, 2, 2, 2),
          h('-4', 108, 2, 2, 6),
          h('-1', 1000, 2, 1, 30),
        ],
      }),
    );
    const pm = plan.items.find((i) => i.code === 'ПМ.01')!;
    expect(plan.items.map((i) => i.code)).toEqual(['ОГСЭ.05', 'ОП.03', 'ПМ.01', 'МДК.01.01', 'УП.01']);
    expect(plan.items.find((i) => i.code === 'МДК.01.01')).toMatchObject({ parentCode: 'ПМ.01', cycle: 'ПМ', kind: 'mdk' });
    expect(plan.items.find((i) => i.code === 'ОП.03')).toMatchObject({ cycle: 'ОП', cycleCode: 'ОПЦ' });
    // The module's own hours repeat its МДК; the exam's hours and form are the module's.
    expect(journalTerms(pm)).toEqual([{ termNo: 4, hours: { ...zeroHours(), consultation: 2, exam: 6 }, form: 'Эк', extraForms: [] }]);
    expect(plan.notes.join(' ')).toMatch(/лишние пробелы/);
    expect(plan.notes.join(' ')).toMatch(/ПМ\.01\.ЭК/);
    expect(plan.skipped).toEqual([]);
  });

  it('sums fractional hours before rounding and says which were rounded', () => {
    const plan = readPlxPlan(
      doc({
        rows: moduleRows,
        hours: [h('-6', 101, 2, 1, '95.75'), h('-6', 103, 2, 1, '10,5'), h('-6', 103, 2, 1, '1.5'), h('-6', 107, 2, 1, '3.4')],
      }),
    );
    const op = plan.items.find((i) => i.code === 'ОП.03')!;
    expect(journalTerms(op)[0].hours).toMatchObject({ theory: 96, practical: 12, self_study: 3 });
    expect(plan.notes.some((n) => n.startsWith('ОП.03, 3-й семестр: дробные часы (95,75; 3,4)'))).toBe(true);
  });

  it('turns practice given in weeks into hours (36 a week) and takes the total where a practice has one', () => {
    const plan = readPlxPlan(doc({ rows: moduleRows, hours: [h('-3', 51, 2, 2, 2, { Недель: '2' }), h('-3', 3, 2, 2, 1)] }));
    expect(journalTerms(plan.items.find((i) => i.code === 'УП.01')!)).toEqual([
      { termNo: 4, hours: { ...zeroHours(), practice: 72 }, form: 'ДЗ', extraForms: [] },
    ]);
    expect(plan.notes.join(' ')).toMatch(/УП\.01, 4-й семестр: часы практики рассчитаны по неделям \(2 нед\. × 36 ч = 72 ч\)/);
    const withTotal = readPlxPlan(doc({ rows: moduleRows, hours: [h('-3', 51, 2, 2, 3, { Недель: '3' }), h('-3', 1000, 2, 2, 108)] }));
    expect(journalTerms(withTotal.items.find((i) => i.code === 'УП.01')!)[0].hours.practice).toBe(108);
  });

  it('does not add the hours of practical training, which repeat the practical hours', () => {
    const plan = readPlxPlan(
      doc({
        rows: moduleRows,
        hours: [h('-6', 103, 1, 2, 20), h('-6', 103, 1, 2, 20, { КодТипаЧасов: '5' }), h('-6', 103, 1, 2, 4, { КодТипаЧасов: '2' })],
      }),
    );
    expect(journalTerms(plan.items.find((i) => i.code === 'ОП.03')!)[0].hours.practical).toBe(20);
    expect(plan.notes.join(' ')).toMatch(/1 строка «Часы практической подготовки» не добавлена к часам/);
  });

  it('counts a ВО course once when it is given both by semester and by sessions; rows of course 0 go nowhere', () => {
    const rows: PlxRow[] = [
      { Код: '-1', КодБлока: '-10', ДисциплинаКод: 'Б1.О.01', Дисциплина: 'История', ТипОбъекта: '2' },
      { Код: '-2', КодБлока: '-10', ДисциплинаКод: 'Б1.О.02', Дисциплина: 'Философия', ТипОбъекта: '2' },
    ];
    const hours = [
      h('-1', 101, 2, 1, 8),
      h('-1', 1000, 2, 1, 144),
      h('-1', 101, 2, 0, 4, { Сессия: '1' }),
      h('-1', 101, 2, 0, 4, { Сессия: '2' }),
      h('-1', 1000, 2, 0, 144, { Сессия: '3' }),
      h('-2', 101, 1, 0, 6, { Сессия: '1' }),
      h('-2', 101, 1, 0, 2, { Сессия: '2' }),
      h('-2', 101, 0, 0, 99),
    ];
    const plan = readPlxPlan(doc({ semPerCourse: 1, rows, hours }));
    expect(journalTerms(plan.items[0])).toEqual([{ termNo: 2, hours: { ...zeroHours(), theory: 8 }, form: null, extraForms: [] }]);
    expect(plan.items[0].terms[0].fileTotal).toBe(144);
    expect(journalTerms(plan.items[1])).toEqual([{ termNo: 1, hours: { ...zeroHours(), theory: 8 }, form: null, extraForms: [] }]);
    expect(plan.notes.join(' ')).toMatch(/3 строки по сессиям не добавлены/);
    expect(plan.notes.join(' ')).toMatch(/1 строка часов без курса или семестра не отнесена/);
  });

  it('keeps «Др» and КР next to the main form; Э of a ГИА named a demonstration exam is ДЭ', () => {
    const hours = [
      ...[1, 2, 3, 4, 5].map((t) => h('-5', 49, Math.ceil(t / 2) + 1, ((t - 1) % 2) + 1, 1)),
      h('-5', 3, 4, 2, 1),
      h('-2', 1, 2, 1, 1),
      h('-2', 3, 2, 2, 1),
      h('-2', 5, 2, 2, 1),
    ];
    const plan = readPlxPlan(doc({ rows: moduleRows, hours }));
    const pe = journalTerms(plan.items.find((i) => i.code === 'ОГСЭ.05')!);
    expect(pe.map((t) => [t.termNo, t.form, t.extraForms])).toEqual([
      [3, null, ['Др']],
      [4, null, ['Др']],
      [5, null, ['Др']],
      [6, null, ['Др']],
      [7, null, ['Др']],
      [8, 'ДЗ', []],
    ]);
    const mdk = journalTerms(plan.items.find((i) => i.code === 'МДК.01.01')!);
    expect(mdk.map((t) => [t.termNo, t.form, t.extraForms])).toEqual([
      [3, 'Э', []],
      [4, 'ДЗ', ['КР']],
    ]);
    expect(formsOf(['Э'], 'gia', 'ГИА (демонстрационный экзамен)')).toEqual({ form: 'ДЭ', extraForms: [] });
    expect(formsOf(['К', 'Э', 'КП'], 'discipline', 'Физика')).toEqual({ form: 'Э', extraForms: ['КП', 'К'] });
  });

  it('lists rows it does not take with the index and why', () => {
    const rows = [
      ...moduleRows,
      { Код: '-7', КодБлока: '-12', ДисциплинаКод: 'ОП.03', Дисциплина: 'Повтор', ТипОбъекта: '2' },
      { Код: '-8', КодБлока: '-12', ДисциплинаКод: '', Дисциплина: 'Без индекса', ТипОбъекта: '2' },
    ];
    const plan = readPlxPlan(
      doc({ rows, hours: [h('-6', 101, 1, 1, 10), h('-6', 105, 1, 1, 4), h('-99', 101, 1, 1, 2), h('-6', 101, 5, 1, 2)] }),
    );
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { index: 'ОП.03', reason: 'индекс повторяется в файле — взята первая строка' },
        { index: 'Без индекса', reason: 'нет индекса (ДисциплинаКод)' },
        { index: 'ОП.03', reason: '9-й семестр: в журнале не больше 8 семестров' },
        { index: 'ОП.03', reason: 'вид работы (код 105) журнал не ведёт — часы не взяты' },
        expect.objectContaining({ reason: 'ссылаются на строку плана -99, которой нет в файле' }),
      ]),
    );
  });

  it('refuses a document without a plan, and a plan without semesters', () => {
    const noPlan = doc();
    delete noPlan.tables['Планы'];
    expect(() => readPlxPlan(noPlan)).toThrow(PlxError);
    try {
      readPlxPlan(doc({ rows: moduleRows }));
      expect.unreachable();
    } catch (e) {
      expect((e as PlxError).code).toBe('no_semesters');
    }
  });
});

describe('the academic calendar', () => {
  const cells: PlxRow[] = [];
  // Course 1: semester 1 from week 1 (weeks 1–17 theory, the 6th split into days with one holiday), 18 attestation, 19–20 holidays;
  // semester 2 starts at week 21: 21–40 theory, 41–42 practice, 43 attestation, the rest holidays.
  const add = (code: string, course: number, sem: number, first: number, week: number, parts = 1, part = 1) =>
    cells.push({
      КодВидаДеятельности: code,
      Курс: String(course),
      Семестр: String(sem),
      НомерПервойНедели: String(first),
      НомерНедели: String(week - first + 1),
      КоличествоЧастейВНеделе: String(parts),
      НомерЧастиНедели: String(part),
    });
  for (let w = 1; w <= 17; w++) {
    if (w === 6) for (let d = 1; d <= 6; d++) add(d === 2 ? '15' : '1', 1, 1, 1, w, 6, d);
    else add('1', 1, 1, 1, w);
  }
  add('3', 1, 1, 1, 18);
  add('12', 1, 1, 1, 19);
  add('12', 1, 1, 1, 20);
  for (let w = 21; w <= 40; w++) add('1', 1, 2, 21, w);
  add('4', 1, 2, 21, 41);
  add('5', 1, 2, 21, 42);
  add('3', 1, 2, 21, 43);
  for (let w = 44; w <= 52; w++) add('12', 1, 2, 21, w);

  it('reads a symbol per week, the semesters, and counts weeks of each kind', () => {
    const plan = readPlxPlan(doc({ rows: moduleRows, hours: [h('-6', 101, 1, 1, 10)], cells }));
    expect(plan.calendar).toHaveLength(1);
    expect(plan.calendar[0].weeks).toBe(`${'Т'.repeat(17)}ЭКК${'Т'.repeat(20)}УПЭ${'К'.repeat(9)}`);
    expect(plan.calendar[0].semesterStarts).toEqual([1, 21]);
    // A ВО-style calendar with one semester a course numbers its terms by course.
    expect(calendarSemesters([{ course: 2, weeks: 'Т'.repeat(52), semesterStarts: [1] }]).map((x) => x.termNo)).toEqual([2]);
    expect(calendarSemesters(plan.calendar)).toEqual([
      { course: 1, semester: 1, termNo: 1, theory: 17, practice: 0, attestation: 1, gia: 0, holidays: 2 },
      { course: 1, semester: 2, termNo: 2, theory: 20, practice: 2, attestation: 1, gia: 0, holidays: 9 },
    ]);
  });

  it('gives the term dates of a year: from the first to the last week of study, within the year', () => {
    const plan = readPlxPlan(doc({ rows: moduleRows, hours: [h('-6', 101, 1, 1, 10)], cells }));
    // 1 September 2026 is a Tuesday: week 1 starts on Monday 31 August, the term on 1 September.
    expect(calendarTermDates(plan.calendar[0], 2026)).toEqual([
      { number: 1, startDate: '2026-09-01', endDate: '2027-01-03' },
      { number: 2, startDate: '2027-01-18', endDate: '2027-06-27' },
    ]);
  });
});

describe('the dry run and the totals', () => {
  it('lists what is added, changed, removed and kept', () => {
    const hours = (x: Partial<ReturnType<typeof zeroHours>>) => ({ ...zeroHours(), ...x });
    const changes = diffItems(
      [
        {
          id: 1,
          code: 'ОП.01',
          name: 'Микробиология',
          terms: [{ termNo: 3, hours: hours({ theory: 36 }), form: 'Э' }],
          assignments: 2,
          lessons: 5,
        },
        { id: 2, code: 'ОП.02', name: 'Товароведение', terms: [], assignments: 0, lessons: 0 },
        { id: 3, code: 'ОП.05', name: 'Экономика', terms: [], assignments: 1, lessons: 0 },
      ],
      [
        {
          code: 'ОП.01',
          name: 'Микробиология, санитария',
          terms: [{ termNo: 3, hours: hours({ theory: 30, laboratory: 6 }), form: 'ДЗ', extraForms: ['КР'] }],
        },
        { code: 'ОП.03', name: 'Оснащение', terms: [] },
      ],
    );
    expect(changes).toEqual([
      {
        code: 'ОП.01',
        name: 'Микробиология, санитария',
        change: 'update',
        assignments: 2,
        lessons: 5,
        details: ['наименование: «Микробиология» → «Микробиология, санитария»', '3-й семестр: теор. 36 → 30, лаб. 0 → 6, форма Э → ДЗ+КР'],
      },
      { code: 'ОП.03', name: 'Оснащение', change: 'add', details: [], assignments: 0, lessons: 0 },
      {
        code: 'ОП.02',
        name: 'Товароведение',
        change: 'remove',
        details: ['нет в файле — будет удалена из плана'],
        assignments: 0,
        lessons: 0,
      },
      {
        code: 'ОП.05',
        name: 'Экономика',
        change: 'keep',
        details: ['нет в файле, но по ней есть нагрузка или КТП — останется в плане'],
        assignments: 1,
        lessons: 0,
      },
    ]);
  });

  it('puts the file totals by cycle and semester next to the journal totals, with a last row for the plan', () => {
    const plan = readPlxPlan(doc({ rows: moduleRows, hours: [h('-6', 101, 2, 1, 30), h('-6', 1000, 2, 1, 32), h('-5', 103, 2, 1, 30)] }));
    const file = fileTotalsOf(plan);
    expect(file).toEqual({ ОГСЭ: { 3: 30 }, ОП: { 3: 32 } });
    const rows = cycleTotals(
      plan.items.map((i) => ({ cycle: i.cycle, terms: journalTerms(i) })),
      file,
      4,
    );
    expect(rows.map((r) => [r.cycle, r.terms[2].hours, r.terms[2].file])).toEqual([
      ['ОГСЭ', 30, 30],
      ['ОП', 30, 32],
      ['ПМ', 0, 0],
      ['Итого', 60, 62],
    ]);
  });
});
