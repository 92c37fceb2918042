import type { Curriculum, PlanDetail, PlanLine, TermHours } from '../../contracts/curriculum.js';
import {
  ATTESTATION_FORMS,
  HOUR_KINDS,
  HOUR_KIND_TITLES,
  LESSON_TYPE_TITLES,
  LESSON_TYPES,
  parseAttestationForm,
  parseLessonType,
  zeroHours,
  type Hours,
} from '../../domain/curriculum.js';
import { ExcelJS, fromSpreadsheetText, xlsxBuffer } from '../platform/documents.js';

// КТП and curricula in Excel, in the shape colleges keep them: a title, then a table.

/** The text of a cell whatever ExcelJS made of it (rich text, formula, hyperlink, number). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'string') return fromSpreadsheetText(v.trim());
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text).trim();
  }
  return '';
}

const toInt = (s: string): number | null => {
  if (!s) return null;
  const n = Number(s.replace(',', '.').replace(/\s/g, ''));
  return Number.isFinite(n) ? n : NaN;
};

const PLAN_HEADERS = [
  '№ занятия',
  'Наименование разделов и тем занятий',
  'Кол-во часов',
  'Вид занятия',
  'Самостоятельная работа обучающихся (задание)',
  'Часы самостоятельной работы',
];

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  row.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
  });
}

function addTypeList(wb: ExcelJS.Workbook) {
  const ref = wb.addWorksheet('Виды занятий');
  ref.columns = [{ header: 'Вид занятия', width: 34 }];
  for (const t of LESSON_TYPES) ref.addRow([LESSON_TYPE_TITLES[t]]);
  ref.getRow(1).font = { bold: true };
}

/** A КТП as teachers keep it: sections as rows of their own, numbered lessons under them. */
export async function planWorkbook(
  plan: Pick<PlanDetail, 'item' | 'groupName' | 'subgroupName' | 'lines' | 'check' | 'status'> | null,
  orgName: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('КТП');
  ws.columns = [{ width: 9 }, { width: 62 }, { width: 10 }, { width: 26 }, { width: 48 }, { width: 14 }];
  ws.addRow([orgName]);
  ws.addRow(['Календарно-тематический план']).font = { bold: true, size: 14 };
  ws.addRow([plan ? `Дисциплина (МДК, практика): ${plan.item.code} ${plan.item.name}` : 'Дисциплина (МДК, практика): ОП.00 Наименование']);
  ws.addRow([
    plan
      ? `Группа: ${plan.groupName ? `${plan.groupName}${plan.subgroupName ? `, ${plan.subgroupName}` : ''}` : 'общий КТП для всех групп'}`
      : 'Группа: общий КТП для всех групп',
  ]);
  ws.addRow([
    plan
      ? `По учебному плану: ${
          plan.check.rows
            .filter((r) => r.curriculum > 0)
            .map((r) => `${r.title.toLowerCase()} — ${r.curriculum} ч`)
            .join(', ') || 'часы не заданы'
        }`
      : 'Вид занятия выбирают из списка на листе «Виды занятий». Строка без часов — название раздела или темы.',
  ]);
  ws.addRow([]);
  styleHeader(ws.addRow(PLAN_HEADERS));
  const lines = plan?.lines ?? [
    {
      position: 1,
      section: 'Раздел 1. Введение',
      topic: 'Цели и задачи дисциплины. Основные понятия',
      hours: 2,
      lessonType: 'theory' as const,
      selfStudyTask: 'Конспект по теме',
      selfStudyHours: 1,
    },
    {
      position: 2,
      section: 'Раздел 1. Введение',
      topic: 'Практическое занятие № 1. Изучение нормативных документов',
      hours: 2,
      lessonType: 'practical' as const,
      selfStudyTask: null,
      selfStudyHours: 0,
    },
    {
      position: 3,
      section: 'Раздел 1. Введение',
      topic: 'Контрольная работа № 1',
      hours: 2,
      lessonType: 'control' as const,
      selfStudyTask: null,
      selfStudyHours: 0,
    },
  ];
  let section: string | null = null;
  let n = 0;
  for (const l of lines) {
    if (l.section && l.section !== section) {
      const r = ws.addRow(['', l.section]);
      r.font = { bold: true };
      section = l.section;
    }
    const r = ws.addRow([++n, l.topic, l.hours, LESSON_TYPE_TITLES[l.lessonType], l.selfStudyTask ?? '', l.selfStudyHours || '']);
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  const total = ws.addRow([
    '',
    'Итого',
    lines.reduce((s, l) => s + l.hours, 0),
    '',
    '',
    lines.reduce((s, l) => s + (l.selfStudyHours ?? 0), 0) || '',
  ]);
  total.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 7 }];
  addTypeList(wb);
  return xlsxBuffer(wb);
}

type Column = 'position' | 'topic' | 'hours' | 'type' | 'task' | 'taskHours';

function planColumns(row: string[]): Partial<Record<Column, number>> | null {
  const cols: Partial<Record<Column, number>> = {};
  row.forEach((raw, i) => {
    const h = raw.toLowerCase().replace(/ё/g, 'е');
    if (!h) return;
    const selfStudy = /самост|срс|(^|[\s(])ср($|[\s.,)])|домашн|задани/.test(h);
    if (selfStudy && /час/.test(h)) cols.taskHours ??= i;
    else if (selfStudy) cols.task ??= i;
    else if (/^№|номер/.test(h)) cols.position ??= i;
    else if (/вид/.test(h)) cols.type ??= i;
    else if (/час/.test(h)) cols.hours ??= i;
    else if (/наименование|тема|содержание/.test(h)) cols.topic ??= i;
  });
  return cols.topic !== undefined && cols.hours !== undefined ? cols : null;
}

/** Reads a КТП from a teacher's workbook: finds the table header, then sections and lessons. */
export async function parsePlanWorkbook(buf: Buffer): Promise<{ lines: PlanLine[]; warnings: string[]; errors: string[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { lines: [], warnings: [], errors: ['это не файл Excel (.xlsx)'] };
  }
  const lines: PlanLine[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const ws of wb.worksheets) {
    let cols: Partial<Record<Column, number>> | null = null;
    let headerRow = 0;
    const rowsText: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      rowsText[n] = values;
    });
    for (let n = 1; n < Math.min(rowsText.length, 40); n++) {
      const c = rowsText[n] ? planColumns(rowsText[n]) : null;
      if (c) {
        cols = c;
        headerRow = n;
        break;
      }
    }
    if (!cols) continue;
    let section: string | null = null;
    for (let n = headerRow + 1; n < rowsText.length; n++) {
      const r = rowsText[n];
      if (!r) continue;
      const at = (c: Column) => (cols![c] !== undefined ? (r[cols![c]!] ?? '') : '');
      const topic = at('topic');
      if (!topic) continue;
      if (/^(итого|всего)(\s|:|$)/i.test(topic)) continue;
      // Column numbers under the header ("1 2 3 4") are skipped.
      if (/^\d+$/.test(topic) && /^\d*$/.test(at('position'))) continue;
      const hours = toInt(at('hours'));
      // A section row: no hours, or its total hours with neither a lesson number nor a type.
      const sectionLike =
        !at('type') && ((cols.position !== undefined && !at('position')) || /^(раздел|тема\s*\d|модуль|мдк)/i.test(topic));
      if (hours === null || hours === 0 || sectionLike) {
        section = topic;
        continue;
      }
      if (Number.isNaN(hours) || !Number.isInteger(hours) || hours < 0 || hours > 100) {
        errors.push(`строка ${n}: часы «${at('hours')}» — нужно целое число от 1 до 100`);
        continue;
      }
      const typeText = at('type');
      let lessonType = parseLessonType(typeText);
      if (!lessonType) {
        if (typeText) {
          errors.push(
            `строка ${n}: вид занятия «${typeText}» не распознан (например: теория, практическое занятие, лабораторная работа, контрольная работа)`,
          );
          continue;
        }
        lessonType = 'theory';
        warnings.push(`Строка ${n}: вид занятия не указан — записано «теория».`);
      }
      const ssHours = toInt(at('taskHours'));
      if (ssHours !== null && (Number.isNaN(ssHours) || !Number.isInteger(ssHours) || ssHours < 0)) {
        errors.push(`строка ${n}: часы самостоятельной работы «${at('taskHours')}» — нужно целое число, не меньше 0`);
        continue;
      }
      lines.push({
        section,
        topic: topic.slice(0, 1000),
        hours,
        lessonType,
        selfStudyTask: at('task') || null,
        selfStudyHours: ssHours ?? 0,
      });
    }
    break;
  }
  if (!lines.length && !errors.length) errors.push('не найдена таблица с колонками «Наименование тем» и «Кол-во часов»');
  return { lines, warnings, errors };
}

const CURRICULUM_HEADERS = ['Индекс', 'Наименование', 'ПЦК', 'Семестр', ...HOUR_KINDS.map((k) => HOUR_KIND_TITLES[k]), 'Форма аттестации'];

/** A curriculum as one row per item and term (the template when no curriculum is given). */
export async function curriculumWorkbook(
  c: Pick<Curriculum, 'name' | 'items'> | null,
  commissions: { id: number; name: string }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Учебный план');
  ws.columns = [{ width: 12 }, { width: 60 }, { width: 34 }, { width: 9 }, ...HOUR_KINDS.map(() => ({ width: 13 })), { width: 12 }];
  ws.addRow([c ? `Учебный план: ${c.name}` : 'Учебный план (шаблон): одна строка на дисциплину и семестр']).font = { bold: true };
  ws.addRow(['Строку модуля (ПМ.01) без часов ставьте перед его МДК, УП и ПП. Форма аттестации: Э, ДЗ, З, КР, КП, Эк, ДЭ или пусто.']);
  styleHeader(ws.addRow(CURRICULUM_HEADERS));
  const comm = new Map(commissions.map((x) => [x.id, x.name]));
  const items = c?.items ?? [
    {
      code: 'ОП.01',
      name: 'Микробиология, физиология питания, санитария и гигиена',
      commissionId: commissions[0]?.id ?? null,
      terms: [
        { termNo: 3, hours: { ...zeroHours(), theory: 36, laboratory: 12, self_study: 2, consultation: 2, exam: 6 }, form: 'Э' as const },
      ],
    },
    {
      code: 'ПМ.01',
      name: 'Организация и ведение процессов приготовления и подготовки к реализации полуфабрикатов',
      commissionId: commissions[0]?.id ?? null,
      terms: [{ termNo: 4, hours: zeroHours(), form: 'Эк' as const }],
    },
    {
      code: 'МДК.01.01',
      name: 'Организация приготовления, подготовки к реализации и хранения кулинарных полуфабрикатов',
      commissionId: commissions[0]?.id ?? null,
      terms: [{ termNo: 3, hours: { ...zeroHours(), theory: 30, practical: 20, self_study: 4 }, form: 'ДЗ' as const }],
    },
    {
      code: 'УП.01',
      name: 'Учебная практика',
      commissionId: commissions[0]?.id ?? null,
      terms: [{ termNo: 4, hours: { ...zeroHours(), practice: 72 }, form: 'ДЗ' as const }],
    },
  ];
  for (const it of items) {
    const commission = it.commissionId ? (comm.get(it.commissionId) ?? '') : '';
    if (!it.terms.length) ws.addRow([it.code, it.name, commission]);
    for (const t of it.terms) ws.addRow([it.code, it.name, commission, t.termNo, ...HOUR_KINDS.map((k) => t.hours[k] || ''), t.form ?? '']);
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const ref = wb.addWorksheet('Справочник');
  ref.addRow(['ПЦК']).font = { bold: true };
  for (const x of commissions) ref.addRow([x.name]);
  ref.addRow([]);
  ref.addRow(['Формы аттестации']).font = { bold: true };
  for (const f of ATTESTATION_FORMS) ref.addRow([f]);
  return xlsxBuffer(wb);
}

export interface ParsedItem {
  row: number;
  code: string;
  name: string;
  commission: string;
  terms: TermHours[];
}

/** Reads a curriculum: rows grouped by index; errors name the row and what to fix. */
export async function parseCurriculumWorkbook(
  buf: Buffer,
): Promise<{ items: ParsedItem[]; errors: { row: number; message: string }[]; rows: number }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { items: [], errors: [{ row: 0, message: 'Это не файл Excel (.xlsx). Скачайте шаблон и заполните его.' }], rows: 0 };
  }
  const ws = wb.worksheets[0];
  const errors: { row: number; message: string }[] = [];
  const rows: string[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
  });
  const headerAt = rows.findIndex((r) => r && r.some((x) => /^индекс$/i.test(x)) && r.some((x) => /^семестр$/i.test(x)));
  if (headerAt < 0)
    return {
      items: [],
      errors: [{ row: 0, message: 'Не найдена строка заголовка с колонками «Индекс» и «Семестр». Скачайте шаблон учебного плана.' }],
      rows: 0,
    };
  const dataRows = rows.slice(headerAt + 1).filter((r) => r && r.some(Boolean)).length;
  const header = rows[headerAt].map((h) => h.toLowerCase().replace(/ё/g, 'е'));
  const col = (title: string) => header.indexOf(title.toLowerCase().replace(/ё/g, 'е'));
  const ci = {
    code: col('Индекс'),
    name: col('Наименование'),
    commission: col('ПЦК'),
    term: col('Семестр'),
    form: col('Форма аттестации'),
  };
  const kindCols = HOUR_KINDS.map((k) => [k, col(HOUR_KIND_TITLES[k])] as const);
  const byCode = new Map<string, ParsedItem>();
  for (let n = headerAt + 1; n < rows.length; n++) {
    const r = rows[n];
    if (!r || !r.some(Boolean)) continue;
    const code = (r[ci.code] ?? '').replace(/\s+/g, '');
    if (!code) {
      errors.push({ row: n, message: 'не указан индекс (например, ОП.03)' });
      continue;
    }
    let item = byCode.get(code);
    if (!item) {
      item = { row: n, code, name: r[ci.name] ?? '', commission: ci.commission >= 0 ? (r[ci.commission] ?? '') : '', terms: [] };
      byCode.set(code, item);
    }
    if (!item.name && r[ci.name]) item.name = r[ci.name];
    const termText = r[ci.term] ?? '';
    if (!termText) continue;
    const termNo = Number(termText);
    if (!Number.isInteger(termNo) || termNo < 1 || termNo > 8) {
      errors.push({ row: n, message: `семестр «${termText}» — нужно число от 1 до 8` });
      continue;
    }
    if (item.terms.some((t) => t.termNo === termNo)) {
      errors.push({ row: n, message: `${code}: семестр ${termNo} указан дважды` });
      continue;
    }
    const hours: Hours = zeroHours();
    let bad = false;
    for (const [k, i] of kindCols) {
      if (i < 0) continue;
      const v = toInt(r[i] ?? '');
      if (v === null) continue;
      if (Number.isNaN(v) || !Number.isInteger(v) || v < 0 || v > 3000) {
        errors.push({ row: n, message: `${HOUR_KIND_TITLES[k]}: «${r[i]}» — нужно целое число часов от 0 до 3000` });
        bad = true;
      } else hours[k] = v;
    }
    const form = parseAttestationForm(ci.form >= 0 ? r[ci.form] : '');
    if (form === undefined) {
      errors.push({ row: n, message: `форма аттестации «${r[ci.form]}» не распознана (Э, ДЗ, З, КР, КП, Эк, ДЭ)` });
      bad = true;
    }
    if (!bad) item.terms.push({ termNo, hours, form: form ?? null });
  }
  for (const it of byCode.values()) if (!it.name) errors.push({ row: it.row, message: `${it.code}: не указано наименование` });
  return { items: [...byCode.values()], errors, rows: dataRows };
}
