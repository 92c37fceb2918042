import type { WeeklyCheck } from '../../contracts/control-weekly.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { formatRu } from '../../domain/dates.js';
import { pdfGrid, pdfTitle, xlsxGrid } from '../attestation/sheet-layout.js';

// The weekly check (п. 5.2) in Excel and on paper.

const HEAD = ['В день занятия', 'С опозданием', 'Не записано', 'Запросы исправлений', 'Одобрено', 'Замены', 'Открытые замечания'];
type Counts = WeeklyCheck['data']['teachers'][number];
const counts = (c: Omit<Counts, 'personId' | 'name'>) =>
  [c.onDay, c.late, c.missing, c.correctionsRequested, c.correctionsApproved, c.substitutions, c.openRemarks].map(String);

function tables(w: WeeklyCheck) {
  const d = w.data;
  return {
    teachers: { head: ['Преподаватель', ...HEAD], body: d.teachers.map((t) => [t.name, ...counts(t)]) },
    groups: { head: ['Группа', ...HEAD, 'Оценок'], body: d.groups.map((g) => [g.name, ...counts(g), String(g.grades)]) },
    accumulation: d.groups.map((g) => ({
      title: `Накопляемость оценок: ${g.name}`,
      head: ['Обучающийся', ...g.subjects.map((s) => s.code), 'Всего'],
      body: g.students.map((s) => [s.name, ...g.subjects.map((x) => String(s.grades[x.key] ?? 0)), String(s.total)]),
      legend: g.subjects.map((s) => `${s.code} — ${s.name}`),
    })),
  };
}

const signLine = (w: WeeklyCheck) =>
  w.signed ? `Подписано: ${w.signed.by}, ${formatRu(w.signed.at.slice(0, 10))}` : 'Не подписано заместителем директора';

export const weeklyFileName = (w: WeeklyCheck, ext: 'pdf' | 'xlsx') =>
  `Еженедельный контроль ${w.data.from} — ${w.data.to}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

export async function weeklyXlsx(w: WeeklyCheck, orgName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const t = tables(w);
  const sheet = (name: string, title: string, head: string[], body: string[][]) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow([orgName]);
    ws.addRow([title]).font = { bold: true };
    ws.addRow([signLine(w)]);
    ws.addRow([]);
    xlsxGrid(ws, head, body);
    ws.getColumn(1).width = 36;
    for (let c = 2; c <= head.length; c++) ws.getColumn(c).width = 14;
    return ws;
  };
  sheet('Преподаватели', w.title, t.teachers.head, t.teachers.body);
  sheet('Группы', w.title, t.groups.head, t.groups.body);
  for (const a of t.accumulation) {
    const ws = sheet(a.title.replace(/^Накопляемость оценок: /, 'Оценки '), a.title, a.head, a.body);
    ws.addRow([]);
    for (const l of a.legend) ws.addRow([l]);
  }
  return xlsxBuffer(wb);
}

export async function weeklyPdf(w: WeeklyCheck, orgName: string): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  pdfTitle(
    doc,
    orgName,
    'ЕЖЕНЕДЕЛЬНЫЙ КОНТРОЛЬ ВЕДЕНИЯ ЖУРНАЛОВ',
    [w.title.replace(/^Еженедельный контроль журналов: /, ''), signLine(w)],
    0.3,
  );
  const t = tables(w);
  const grid = (title: string, head: string[], body: string[][], first = 200) => {
    doc.moveDown().font('bold').fontSize(11).text(title, doc.page.margins.left);
    doc.moveDown(0.3);
    const rest = (762 - first) / Math.max(1, head.length - 1);
    pdfGrid(doc, head, body, {
      widths: [first, ...head.slice(1).map(() => rest)],
      rowHeight: 16,
      headHeight: 24,
      fontSize: 7.5,
      pad: [2, 4],
      textColumn: 0,
    });
  };
  grid('Преподаватели', t.teachers.head, t.teachers.body);
  grid('Группы', t.groups.head, t.groups.body);
  for (const a of t.accumulation) {
    grid(a.title, a.head, a.body);
    for (const l of a.legend) doc.font('regular').fontSize(8).text(l, doc.page.margins.left);
  }
  return pdfBuffer(doc);
}
