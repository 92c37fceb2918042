import type { GradeSheet } from '../../contracts/attestation.js';
import { TERM_GRADE_KIND_TITLES } from '../../domain/attestation.js';
import { formatRu } from '../../domain/dates.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { averageRu, numberRu, percentRu } from '../../domain/russian.js';

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
  doc.font('regular').fontSize(9).text(org, { align: 'center' });
  doc.moveDown(0.5).font('bold').fontSize(13).text(title, { align: 'center' });
  doc.font('regular').fontSize(10);
  for (const l of rest) doc.text(l, { align: 'center' });
  doc.moveDown();

  const headers = ['№', 'Фамилия, имя, отчество', 'Ср. балл', ...s.kinds.map((k) => TERM_GRADE_KIND_TITLES[k])];
  const widths = [24, 250, 55, ...s.kinds.map(() => (523 - 24 - 250 - 55) / s.kinds.length)];
  const left = doc.page.margins.left;
  const drawRow = (cells: string[], bold: boolean) => {
    const h = 18;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], h).stroke('#666');
      doc.text(c, x + 3, y + 5, { width: widths[i] - 6, height: h - 6, align: i === 1 ? 'left' : 'center', ellipsis: true, lineBreak: false });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(headers, true);
  for (const r of rows(s)) drawRow(r, false);
  doc.moveDown().font('regular').fontSize(10).text(summaryLine(s), left, doc.y, { width: 523 });
  doc.moveDown(2);
  doc.text(`Преподаватель ____________________ / ${s.assignment.teacherName} /`);
  doc.moveDown();
  doc.text('Дата «____» ________________ 20___ г.');
  return pdfBuffer(doc);
}

export async function sheetXlsx(s: GradeSheet, orgName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ведомость', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const lastCol = 3 + s.kinds.length;
  titleLines(s, orgName).forEach((line, i) => {
    const r = ws.addRow([line]);
    ws.mergeCells(r.number, 1, r.number, lastCol);
    r.getCell(1).alignment = { horizontal: 'center', wrapText: true };
    if (i === 1) r.font = { bold: true, size: 13 };
  });
  ws.addRow([]);
  const head = ws.addRow(['№', 'Фамилия, имя, отчество', 'Средний балл', ...s.kinds.map((k) => TERM_GRADE_KIND_TITLES[k])]);
  head.font = { bold: true };
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  const body = rows(s).map((r) => ws.addRow([Number(r[0]), r[1], s.students[Number(r[0]) - 1].weightedAverage, ...r.slice(3).map((v) => (/^[2-5]$/.test(v) ? Number(v) : v))]));
  for (const r of [head, ...body]) {
    for (let c = 1; c <= lastCol; c++) {
      r.getCell(c).border = border;
      if (c !== 2) r.getCell(c).alignment = { horizontal: 'center' };
    }
  }
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
