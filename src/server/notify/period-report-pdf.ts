import { formatRu } from '../../domain/dates.js';
import type { PeriodSummary } from '../../domain/period-summary.js';
import { countRu, NOUNS, numberRu } from '../../domain/russian.js';
import { createPdf, pdfBuffer } from '../platform/documents.js';

// The report for a period (п. 3.12) as a one-column A4 PDF: per subject the grades with their
// dates, the average and the absences; then the totals.

export async function periodReportPdf(
  h: { college: string; student: string; group: string | null; from: string; to: string; madeOn: string },
  s: PeriodSummary,
): Promise<Buffer> {
  const doc = createPdf({ info: { Title: `Отчёт об успеваемости и посещаемости: ${h.student}` } });
  doc.font('bold').fontSize(10).text(h.college, { align: 'center' });
  doc.moveDown(0.5).fontSize(14).text('Отчёт об успеваемости и посещаемости', { align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text(`${h.student}${h.group ? `, группа ${h.group}` : ''}`, { align: 'center' })
    .text(`за период ${formatRu(h.from)} – ${formatRu(h.to)}`, { align: 'center' });
  doc.moveDown();
  if (!s.subjects.length) doc.text('Занятий и отметок за этот период нет.');
  for (const sub of s.subjects) {
    doc.font('bold').fontSize(11).text(sub.subject);
    doc.font('regular').fontSize(10);
    const grades = sub.grades.map((g) => `${g.value} (${formatRu(g.date).slice(0, 5)})`).join(', ');
    doc.text(`Оценки: ${grades || 'нет'}${sub.average === null ? '' : `; средний балл ${numberRu(sub.average)}`}`);
    if (sub.absences.length) doc.text(`Пропуски: ${sub.absences.map((a) => `${a.value} ${formatRu(a.date).slice(0, 5)}`).join(', ')}`);
    doc.moveDown(0.4);
  }
  doc.moveDown();
  doc.font('bold').fontSize(11).text('Итого');
  doc
    .font('regular')
    .fontSize(10)
    .text(`Средний балл: ${s.average === null ? 'оценок нет' : numberRu(s.average)}`)
    .text(`Пропущено: ${countRu(s.absentHours, NOUNS.hour)}, из них без уважительной причины ${countRu(s.unexcusedHours, NOUNS.hour)}`)
    .text(`Опозданий: ${numberRu(s.lates)}`);
  doc
    .moveDown()
    .fontSize(8)
    .text(`Сформирован ${formatRu(h.madeOn)} электронным журналом.`);
  return pdfBuffer(doc);
}
