import type { GroupSheet, PerformanceReport, PerformanceRow, PerformanceSection } from '../../contracts/performance.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { numberRu, percentRu } from '../../domain/russian.js';
import { pdfGrid, pdfTitle, xlsxGrid } from '../attestation/sheet-layout.js';

// The performance report and the group's сводная ведомость in Excel and on paper (п. 2.8, 6.2).

export const SECTION_TITLES: Record<PerformanceSection, string> = {
  college: 'Колледж',
  departments: 'Отделения',
  commissions: 'ПЦК',
  groups: 'Группы',
  subjects: 'Дисциплины',
  teachers: 'Преподаватели',
  students: 'Обучающиеся',
};

const pct = percentRu;
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : numberRu(x));
const HEAD = [
  'Наименование',
  'N',
  'Успев.',
  'Было',
  'Качество',
  'Было',
  'Ср. балл',
  'Было',
  'СОУ',
  'Было',
  'Проп. уваж., ч',
  'Проп. неуваж., ч',
  'Долги',
];

/** On paper the note (a subject's code and groups, a student's group) comes first: a long name is cut at the column's end. */
function cells(r: PerformanceRow, paper: boolean): string[] {
  const prev = r.previous;
  return [
    r.note ? (paper ? `${r.note} · ${r.name}` : `${r.name} (${r.note})`) : r.name,
    String(r.stats.n),
    pct(r.stats.passRate),
    pct(prev?.passRate),
    pct(r.stats.qualityRate),
    pct(prev?.qualityRate),
    num(r.stats.average),
    num(prev?.average),
    pct(r.stats.learningDegree),
    pct(prev?.learningDegree),
    String(r.absences.excused),
    String(r.absences.unexcused),
    r.debts.join(', '),
  ];
}

export const reportFileName = (r: PerformanceReport, ext: 'pdf' | 'xlsx') =>
  `Успеваемость ${r.period.title}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

function table(ws: ExcelJS.Worksheet, head: string[], body: string[][]) {
  xlsxGrid(ws, head, body);
  ws.getColumn(1).width = 40;
  for (let c = 2; c <= head.length; c++) ws.getColumn(c).width = 11;
}

export async function reportXlsx(r: PerformanceReport, orgName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of Object.keys(SECTION_TITLES) as PerformanceSection[]) {
    if (!r.sections[s].length) continue;
    const ws = wb.addWorksheet(SECTION_TITLES[s]);
    ws.addRow([orgName]);
    ws.addRow([`Успеваемость: ${r.period.title}${r.previous ? `; «было» — ${r.previous.title}` : ''}`]).font = { bold: true };
    ws.addRow([]);
    table(
      ws,
      HEAD,
      r.sections[s].map((x) => cells(x, false)),
    );
  }
  if (!wb.worksheets.length) wb.addWorksheet('Нет данных').addRow(['За период нет итоговых оценок.']);
  return xlsxBuffer(wb);
}

const pdfTable = (doc: PDFKit.PDFDocument, head: string[], body: string[][], widths: number[]) =>
  pdfGrid(doc, head, body, { widths, rowHeight: 16, headHeight: 24, fontSize: 7.5, pad: [2, 4], textColumn: 0 });

export async function reportPdf(r: PerformanceReport, orgName: string): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  pdfTitle(
    doc,
    orgName,
    'ОТЧЁТ ОБ УСПЕВАЕМОСТИ И КАЧЕСТВЕ ЗНАНИЙ',
    [`${r.period.title}${r.previous ? `; «было» — ${r.previous.title}` : ''}`],
    0.3,
  );
  const widths = [190, 30, ...Array<number>(8).fill(45), 52, 52, 85];
  for (const s of Object.keys(SECTION_TITLES) as PerformanceSection[]) {
    if (!r.sections[s].length) continue;
    doc.moveDown().font('bold').fontSize(11).text(SECTION_TITLES[s], doc.page.margins.left);
    doc.moveDown(0.3);
    pdfTable(
      doc,
      HEAD,
      r.sections[s].map((x) => cells(x, true)),
      widths,
    );
  }
  return pdfBuffer(doc);
}

export const sheetFileName = (s: GroupSheet, ext: 'pdf' | 'xlsx') =>
  `Сводная ведомость ${s.group.name} ${s.period.title}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

function sheetRows(s: GroupSheet) {
  const head = ['ФИО', ...s.subjects.map((x) => x.code), 'Уваж., ч', 'Неуваж., ч', 'Долги'];
  const body = s.students.map((st) => [
    st.fullName,
    ...s.subjects.map((x) => st.results[x.key] ?? ''),
    String(st.absences.excused),
    String(st.absences.unexcused),
    st.debts.join(', '),
  ]);
  return { head, body };
}
const sheetSummary = (s: GroupSheet) =>
  !s.stats.n
    ? 'Итоговые оценки за этот период ещё не выставлены.'
    : `Успеваемость ${pct(s.stats.passRate)}, качество знаний ${pct(s.stats.qualityRate)}, средний балл ${num(s.stats.average)}, СОУ ${pct(s.stats.learningDegree)}.`;

export async function groupSheetXlsx(s: GroupSheet, orgName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Сводная ведомость');
  ws.addRow([orgName]);
  ws.addRow([`Сводная ведомость группы ${s.group.name}: ${s.period.title}`]).font = { bold: true };
  ws.addRow([]);
  const { head, body } = sheetRows(s);
  table(ws, head, body);
  ws.addRow([]);
  ws.addRow([sheetSummary(s)]);
  for (const x of s.subjects) ws.addRow([`${x.code} — ${x.name} (${x.teacherName})`]);
  return xlsxBuffer(wb);
}

export async function groupSheetPdf(s: GroupSheet, orgName: string): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  pdfTitle(doc, orgName, `СВОДНАЯ ВЕДОМОСТЬ ГРУППЫ ${s.group.name}`, [s.period.title], 0.3);
  doc.moveDown();
  const { head, body } = sheetRows(s);
  const rest = 762 - 170 - 3 * 50;
  pdfTable(doc, head, body, [170, ...s.subjects.map(() => rest / Math.max(1, s.subjects.length)), 50, 50, 50]);
  doc.moveDown().font('regular').fontSize(10).text(sheetSummary(s), doc.page.margins.left);
  for (const x of s.subjects) doc.fontSize(8).text(`${x.code} — ${x.name} (${x.teacherName})`);
  return pdfBuffer(doc);
}
