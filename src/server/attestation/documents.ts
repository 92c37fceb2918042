import type { GradeSheet } from '../../contracts/attestation.js';
import { TERM_GRADE_KIND_TITLES } from '../../domain/attestation.js';
import { formatRu } from '../../domain/dates.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { averageRu, numberRu, percentRu } from '../../domain/russian.js';
import { pdfGrid, pdfTitle, xlsxGrid } from './sheet-layout.js';

// The grade sheet (ведомость) on paper and in Excel: group × subject × term (п. 2.2, 2.5).

const fmtAvg = (x: number | null) => (x === null ? '' : averageRu(x));
const fmtPct = percentRu;

export function sheetFileName(s: GradeSheet, ext: 'pdf' | 'xlsx') {
  const a = s.assignment;
  return `Ведомость ${a.groupName} ${a.subjectCode} ${a.termNumber} семестр.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}

function titleLines(s: GradeSheet, orgName: string) {
  const a = s.assignment;
  return [
    orgName,
    'ВЕДОМОСТЬ ПРОМЕЖУТОЧНОЙ АТТЕСТАЦИИ',
    `Группа ${a.groupName}${a.subgroupName ? ` (${a.subgroupName})` : ''} · ${a.yearName} учебный год, ${a.termNumber}-й семестр`,
    `${a.subjectCode} ${a.subjectName}`,
    `${a.formTitle ? `Форма аттестации: ${a.formTitle}. ` : ''}Часов: ${numberRu(a.hours)} (${numberRu(a.hoursPerWeek)} в неделю). Преподаватель: ${a.teacherName}`,
  ];
}

function rows(s: GradeSheet) {
  return s.students.map((st, i) => [
    String(i + 1),
    st.fullName + (st.leftOn ? ` (в группе до ${formatRu(st.leftOn)})` : ''),
    fmtAvg(st.weightedAverage),
    ...s.kinds.map((k) => st.grades[k]?.value ?? ''),
  ]);
}

const summaryLine = (s: GradeSheet) =>
  `Успеваемость: ${fmtPct(s.summary.term.passRate)}. Качество знаний: ${fmtPct(s.summary.term.qualityRate)}. Средний балл: ${s.summary.term.average === null ? '—' : fmtAvg(s.summary.term.average)}. Оценок за семестр: ${s.summary.set} из ${s.summary.total}.`;

export async function sheetPdf(s: GradeSheet, orgName: string): Promise<Buffer> {
  const doc = createPdf();
  const [org, title, ...rest] = titleLines(s, orgName);
  pdfTitle(doc, org, title, rest);
  doc.moveDown();
  const headers = ['№', 'Фамилия, имя, отчество', 'Ср. балл', ...s.kinds.map((k) => TERM_GRADE_KIND_TITLES[k])];
  const widths = [24, 250, 55, ...s.kinds.map(() => (523 - 24 - 250 - 55) / s.kinds.length)];
  const left = doc.page.margins.left;
  pdfGrid(doc, headers, rows(s), { widths, rowHeight: 18, fontSize: 9, pad: [3, 5], textColumn: 1, reserve: 60 });
  doc.moveDown().font('regular').fontSize(10).text(summaryLine(s), left, doc.y, { width: 523 });
  doc.moveDown(2);
  doc.text(`Преподаватель ____________________ / ${s.assignment.teacherName} /`);
  doc.moveDown();
  doc.text('Дата «____» ________________ 20___ г.');
  return pdfBuffer(doc);
}

export async function sheetXlsx(s: GradeSheet, orgName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ведомость', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const lastCol = 3 + s.kinds.length;
  titleLines(s, orgName).forEach((line, i) => {
    const r = ws.addRow([line]);
    ws.mergeCells(r.number, 1, r.number, lastCol);
    r.getCell(1).alignment = { horizontal: 'center', wrapText: true };
    if (i === 1) r.font = { bold: true, size: 13 };
  });
  ws.addRow([]);
  const body = xlsxGrid(
    ws,
    ['№', 'Фамилия, имя, отчество', 'Средний балл', ...s.kinds.map((k) => TERM_GRADE_KIND_TITLES[k])],
    rows(s).map((r) => [
      Number(r[0]),
      r[1],
      s.students[Number(r[0]) - 1].weightedAverage,
      ...r.slice(3).map((v) => (/^[2-5]$/.test(v) ? Number(v) : v)),
    ]),
    { textColumn: 2 },
  );
  for (const r of body) r.getCell(3).numFmt = '0.00';
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 42;
  ws.getColumn(3).width = 13;
  for (let c = 4; c <= lastCol; c++) ws.getColumn(c).width = 14;
  ws.addRow([]);
  const sum = ws.addRow([summaryLine(s)]);
  ws.mergeCells(sum.number, 1, sum.number, lastCol);
  ws.addRow([]);
  ws.addRow([`Преподаватель ____________________ / ${s.assignment.teacherName} /`]);
  return xlsxBuffer(wb);
}
