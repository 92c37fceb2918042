import { FEW_GRADES_RU, type TermCheck, type TermCheckRow } from '../../contracts/control-term-check.js';
import { formatRu, localDateTime } from '../../domain/dates.js';
import { numberRu } from '../../domain/russian.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { pdfGrid, xlsxGrid } from '../attestation/sheet-layout.js';

// The end-of-term check on paper: a справка to the director with the findings and the figures.

export const termCheckFileName = (c: TermCheck, ext: 'pdf' | 'xlsx') =>
  `Справка по итогам семестра ${c.termLabel}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

const HEAD = [
  'Группа',
  'Дисциплина',
  'Преподаватель',
  'По плану, ч',
  'По расписанию, ч',
  'Записано, ч',
  'КР',
  'ЛР',
  'ПР',
  'Итог.',
  'Откл. от ср.',
  'Вопреки п. 4.2',
  'Пропуски, ч',
  'Оценок / мало',
];
const accumulation = (r: TermCheckRow) => (r.accumulation ? `${r.accumulation.grades}/${r.accumulation.few.length}` : '—');
const groupOf = (r: TermCheckRow) => (r.subgroupName ? `${r.groupName} (${r.subgroupName})` : r.groupName);
const works = (w: { planned: number | null; held: number; graded: number }) =>
  w.held || w.planned ? `${w.graded}/${w.held}/${w.planned ?? '—'}` : '—';

export async function termCheckPdf(c: TermCheck, timeZone: string): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  const right = { align: 'right' as const };
  doc.font('regular').fontSize(10).text('Директору', right);
  doc.text(c.organizationName, right);
  doc.moveDown().font('bold').fontSize(13).text('СПРАВКА', { align: 'center' });
  doc.font('regular').fontSize(10).text(`по итогам проверки учебных журналов: ${c.termLabel}`, { align: 'center' });
  const by = c.madeBy ? `Составил: ${c.madeBy}` : 'Сделана автоматически по окончании семестра';
  doc.text(`Дата составления: ${formatRu(localDateTime(timeZone, new Date(c.createdAt)).date)}. ${by}`, {
    align: 'center',
  });
  doc.moveDown().font('bold').fontSize(11).text('Выводы', doc.page.margins.left);
  doc.font('regular').fontSize(10);
  for (const f of c.findings) doc.text(`• ${f}`);
  doc.moveDown().font('bold').fontSize(11).text('Показатели по журналам');
  doc.font('regular').fontSize(8).text('КР, ЛР, ПР — контрольные, лабораторные и практические работы: с оценками / проведено / по КТП.');
  doc.text(`Оценок / мало — оценок за семестр в журнале / обучающихся, у которых ${FEW_GRADES_RU}.`);
  doc.moveDown(0.3);
  pdfGrid(
    doc,
    HEAD,
    c.rows.map((r) => [
      groupOf(r),
      `${r.code} ${r.subjectName}`,
      r.teacherName,
      r.curriculumHours === null ? '—' : numberRu(r.curriculumHours),
      numberRu(r.timetableHours),
      numberRu(r.deliveredHours),
      works(r.works.control),
      works(r.works.laboratory),
      works(r.works.practical),
      String(r.termGrades),
      String(r.farFromAverage),
      String(r.overrides),
      numberRu(r.absenceHours),
      accumulation(r),
    ]),
    // The heads wrap (a cut «По распис.…» or «Пропуск|и» is no head); the page's width, 770 pt, is used whole.
    {
      widths: [72, 135, 100, 42, 60, 48, 30, 30, 30, 30, 40, 45, 50, 45],
      rowHeight: 22,
      headHeight: 30,
      fontSize: 7,
      pad: [2, 3],
      textColumn: 1,
    },
  );
  const noted = c.rows.filter((r) => r.findings.length);
  if (noted.length) {
    doc.moveDown().font('bold').fontSize(11).text('Замечания по журналам', doc.page.margins.left);
    doc.font('regular').fontSize(9);
    for (const r of noted) doc.text(`${r.groupName}, ${r.code} ${r.subjectName} (${r.teacherName}): ${r.findings.join('; ')}.`);
  }
  const few = c.rows.filter((r) => r.accumulation?.few.length);
  if (few.length) {
    doc.moveDown().font('bold').fontSize(11).text(`Накопляемость: ${FEW_GRADES_RU} за семестр`, doc.page.margins.left);
    doc.font('regular').fontSize(9);
    for (const r of few)
      doc.text(`${groupOf(r)}, ${r.code} ${r.subjectName}: ${r.accumulation!.few.map((x) => `${x.name} (${x.grades})`).join(', ')}.`);
  }
  doc
    .moveDown(2)
    .fontSize(10)
    .text(`${c.madeBy ?? 'Заместитель директора'}  ____________________`, doc.page.margins.left);
  return pdfBuffer(doc);
}

/** The check in Excel: the findings, the figures per journal, and the students with too few grades. */
export async function termCheckXlsx(c: TermCheck, timeZone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const made = `${formatRu(localDateTime(timeZone, new Date(c.createdAt)).date)}, ${c.madeBy ?? 'сделана автоматически по окончании семестра'}`;
  const head = (ws: ExcelJS.Worksheet) => {
    ws.addRow([c.organizationName]);
    ws.addRow([c.title]).font = { bold: true };
    ws.addRow([made]);
    ws.addRow([]);
  };
  const summary = wb.addWorksheet('Выводы');
  head(summary);
  for (const f of c.findings) summary.addRow([f]);
  summary.getColumn(1).width = 120;

  const rows = wb.addWorksheet('Журналы');
  head(rows);
  const w = (x: { planned: number | null; held: number; graded: number }) => [x.planned, x.held, x.graded];
  xlsxGrid(
    rows,
    [
      'Группа',
      'Дисциплина',
      'Преподаватель',
      'По плану, ч',
      'По расписанию, ч',
      'Записано, ч',
      'КР по КТП',
      'КР проведено',
      'КР с оценками',
      'ЛР по КТП',
      'ЛР проведено',
      'ЛР с оценками',
      'ПР по КТП',
      'ПР проведено',
      'ПР с оценками',
      'Итоговых оценок',
      'Расходятся с текущим средним',
      'Вопреки п. 4.2',
      'Пропущено, ч',
      'Обучающихся',
      'Оценок в журнале',
      `Обучающихся, у которых ${FEW_GRADES_RU}`,
      'Замечания',
    ],
    c.rows.map((r) => [
      groupOf(r),
      `${r.code} ${r.subjectName}`,
      r.teacherName,
      r.curriculumHours,
      r.timetableHours,
      r.deliveredHours,
      ...w(r.works.control),
      ...w(r.works.laboratory),
      ...w(r.works.practical),
      r.termGrades,
      r.farFromAverage,
      r.overrides,
      r.absenceHours,
      r.accumulation?.students ?? null,
      r.accumulation?.grades ?? null,
      r.accumulation?.few.length ?? null,
      r.findings.join('; '),
    ]),
    { textColumn: 2 },
  );
  rows.getColumn(1).width = 14;
  rows.getColumn(2).width = 40;
  rows.getColumn(3).width = 30;
  rows.getColumn(23).width = 80;

  const acc = wb.addWorksheet('Накопляемость');
  head(acc);
  xlsxGrid(
    acc,
    ['Группа', 'Дисциплина', 'Обучающийся', 'Оценок за семестр'],
    c.rows.flatMap((r) => (r.accumulation?.few ?? []).map((x) => [groupOf(r), `${r.code} ${r.subjectName}`, x.name, x.grades])),
    { textColumn: 3 },
  );
  acc.getColumn(1).width = 14;
  acc.getColumn(2).width = 40;
  acc.getColumn(3).width = 36;
  return xlsxBuffer(wb);
}
