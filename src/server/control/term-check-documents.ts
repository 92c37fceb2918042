import type { TermCheck } from '../../contracts/control-term-check.js';
import { formatRu, localDateTime } from '../../domain/dates.js';
import { numberRu } from '../../domain/russian.js';
import { createPdf, pdfBuffer } from '../platform/documents.js';
import { pdfGrid } from '../attestation/sheet-layout.js';

// The end-of-term check on paper: a справка to the director with the findings and the figures.

export const termCheckFileName = (c: TermCheck) => `Справка по итогам семестра ${c.termLabel}.pdf`.replace(/[\\/:*?"<>|]/g, '_');

const HEAD = [
  'Группа',
  'Дисциплина',
  'Преподаватель',
  'По плану, ч',
  'По распис., ч',
  'Записано, ч',
  'КР',
  'ЛР',
  'ПР',
  'Итог.',
  'Откл. от ср.',
  'Вопреки п. 4.2',
  'Пропуски, ч',
];
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
  doc.moveDown(0.3);
  pdfGrid(
    doc,
    HEAD,
    c.rows.map((r) => [
      r.subgroupName ? `${r.groupName} (${r.subgroupName})` : r.groupName,
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
    ]),
    { widths: [60, 150, 110, 45, 45, 45, 30, 30, 30, 30, 40, 45, 45], rowHeight: 22, fontSize: 7, pad: [2, 3], textColumn: 1 },
  );
  const noted = c.rows.filter((r) => r.findings.length);
  if (noted.length) {
    doc.moveDown().font('bold').fontSize(11).text('Замечания по журналам', doc.page.margins.left);
    doc.font('regular').fontSize(9);
    for (const r of noted) doc.text(`${r.groupName}, ${r.code} ${r.subjectName} (${r.teacherName}): ${r.findings.join('; ')}.`);
  }
  doc
    .moveDown(2)
    .fontSize(10)
    .text(`${c.madeBy ?? 'Заместитель директора'}  ____________________`, doc.page.margins.left);
  return pdfBuffer(doc);
}
