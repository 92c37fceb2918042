import type { CollegeFigures, Rates, RegionReport } from '../../contracts/region-reports.js';
import { numberRu, percentRu } from '../../domain/russian.js';
import { localDateTime } from '../../domain/dates.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { pdfGrid, pdfTitle, xlsxGrid } from '../attestation/sheet-layout.js';

// The regional reports in Excel and on paper (issue 15 item 3): each figure with «было» beside it.

const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : numberRu(x));
const HEAD = [
  'Наименование',
  'Групп',
  'Студ.',
  'Успев., %',
  'Было',
  'Кач., %',
  'Было',
  'Ср. балл',
  'Было',
  'Без долгов',
  'Проп. ув., ч',
  'Проп. неув., ч',
  'Ч на студ.',
  'Было',
  'Журнал в срок, %',
  'Было',
  'Родит., %',
  'Было',
];

function cells(name: string, now: Rates | null, before: Rates | null): string[] {
  return [
    name,
    String(now?.groups ?? '—'),
    String(now?.students ?? '—'),
    percentRu(now?.passRate),
    percentRu(before?.passRate),
    percentRu(now?.qualityRate),
    percentRu(before?.qualityRate),
    num(now?.average),
    num(before?.average),
    now?.attested ? String(now.noDebts) : '—',
    String(now?.excused ?? '—'),
    String(now?.unexcused ?? '—'),
    num(now?.absencePerStudent),
    num(before?.absencePerStudent),
    percentRu(now?.fillRate),
    percentRu(before?.fillRate),
    percentRu(now?.guardianRate),
    percentRu(before?.guardianRate),
  ];
}

/** «данные на 30.11 04:00» in the region's time zone (the caller's). */
export function computedNote(at: string | null | undefined, timeZone: string): string {
  if (!at) return 'Данные ещё не рассчитаны.';
  const l = localDateTime(timeZone, new Date(at));
  return `Данные на ${l.date.slice(8, 10)}.${l.date.slice(5, 7)}.${l.date.slice(0, 4)} ${l.time}.`;
}

interface Doc {
  title: string;
  subtitle: string;
  note: string;
  sections: { title: string; rows: string[][] }[];
}

function regionDoc(r: RegionReport, timeZone: string): Doc {
  return {
    title: `Отчёт региона: ${r.region}`,
    subtitle: `${r.period?.title ?? 'Нет данных'}${r.previous ? `; «было» — ${r.previous.title}` : ''}`,
    note: computedNote(r.computed?.oldest, timeZone),
    sections: [
      {
        title: 'Колледжи',
        rows: [...r.colleges.map((c) => cells(c.name, c.now, c.before)), cells('Всего по региону', r.total.now, r.total.before)],
      },
    ],
  };
}

function collegeDoc(r: CollegeFigures, timeZone: string): Doc {
  return {
    title: r.college.name,
    subtitle: `${r.period?.title ?? 'Нет данных'}${r.previous ? `; «было» — ${r.previous.title}` : ''}`,
    note: `${computedNote(r.computed?.oldest, timeZone)} Группы менее чем из 5 студентов показаны только в строке «Прочие группы».`,
    sections: [
      {
        title: 'Группы',
        rows: [...r.groups.map((g) => cells(g.name, g.now, g.before)), cells('Всего по колледжу', r.total.now, r.total.before)],
      },
      { title: 'Курсы', rows: r.courses.map((g) => cells(g.name, g.now, g.before)) },
    ],
  };
}

async function xlsxOf(d: Doc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of d.sections) {
    const ws = wb.addWorksheet(s.title);
    ws.addRow([d.title]).font = { bold: true };
    ws.addRow([d.subtitle]);
    ws.addRow([d.note]);
    ws.addRow([]);
    xlsxGrid(ws, HEAD, s.rows);
    ws.getColumn(1).width = 44;
    for (let c = 2; c <= HEAD.length; c++) ws.getColumn(c).width = 11;
  }
  return xlsxBuffer(wb);
}

async function pdfOf(d: Doc): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  pdfTitle(doc, d.title, 'ПОКАЗАТЕЛИ УСПЕВАЕМОСТИ, ПОСЕЩАЕМОСТИ И ВЕДЕНИЯ ЖУРНАЛА', [d.subtitle, d.note], 0.3);
  // 770 pt between the margins of a landscape A4.
  const widths = [124, 28, 38, ...Array<number>(15).fill(38)];
  for (const s of d.sections) {
    doc.moveDown().font('bold').fontSize(11).text(s.title, doc.page.margins.left);
    doc.moveDown(0.3);
    pdfGrid(doc, HEAD, s.rows, { widths, rowHeight: 16, headHeight: 34, fontSize: 7, pad: [2, 3], textColumn: 0 });
  }
  return pdfBuffer(doc);
}

export const regionXlsx = (r: RegionReport, tz: string) => xlsxOf(regionDoc(r, tz));
export const regionPdf = (r: RegionReport, tz: string) => pdfOf(regionDoc(r, tz));
export const collegeXlsx = (r: CollegeFigures, tz: string) => xlsxOf(collegeDoc(r, tz));
export const collegePdf = (r: CollegeFigures, tz: string) => pdfOf(collegeDoc(r, tz));

const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');
export const regionFileName = (r: RegionReport, ext: 'pdf' | 'xlsx') => safe(`Отчёт региона ${r.period?.title ?? ''}.${ext}`);
export const collegeFileName = (r: CollegeFigures, ext: 'pdf' | 'xlsx') =>
  safe(`Показатели ${r.college.shortName} ${r.period?.title ?? ''}.${ext}`);
