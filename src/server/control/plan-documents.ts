import type { ControlPlan, OccurrenceState, PlanLine, PlanOccurrence } from '../../contracts/control-plan.js';
import { formatRu } from '../../domain/dates.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { pdfGrid, pdfTitle, xlsxGrid } from '../attestation/sheet-layout.js';

// The plan of intra-college control (п. 2.12) with its state, in Excel and on paper.

export const STATE_WORDS: Record<OccurrenceState, string> = {
  done: 'выполнено',
  overdue: 'просрочено',
  due: 'к выполнению',
  planned: 'запланировано',
};

const period = (o: PlanOccurrence) => (o.from === o.to ? formatRu(o.from) : `${formatRu(o.from)} — ${formatRu(o.to)}`);
const doneText = (o: PlanOccurrence) =>
  o.done ? [o.done.what, o.done.comment].filter(Boolean).join('. ') + ` (${o.done.by}, ${formatRu(o.done.at.slice(0, 10))})` : '';

const LINE_HEAD = ['№', 'Что проверяется', 'Где', 'Когда', 'Кто проверяет', 'Выполнено', 'Просрочено', 'К выполнению', 'Запланировано'];
const lineRow = (l: PlanLine, i: number) => [
  String(i + 1),
  l.note ? `${l.what} (${l.note})` : l.what,
  l.where,
  l.when,
  l.person.name,
  String(l.counts.done),
  String(l.counts.overdue),
  String(l.counts.due),
  String(l.counts.planned),
];
const MONTH_HEAD = ['Месяц', 'Выполнено', 'Просрочено', 'К выполнению', 'Запланировано'];
const monthRows = (p: ControlPlan) => p.months.map((m) => [m.label, String(m.done), String(m.overdue), String(m.due), String(m.planned)]);
/** Occurrences worth reading on paper: those done, overdue or due now (not the planned ones). */
const OCC_HEAD = ['№', 'Что проверяется', 'Период', 'Срок', 'Состояние', 'Чем выполнено'];
const occurrenceRows = (p: ControlPlan, all: boolean) =>
  p.lines.flatMap((l, i) =>
    l.occurrences
      .filter((o) => all || o.state !== 'planned')
      .map((o) => [String(i + 1), l.what, period(o), formatRu(o.due), STATE_WORDS[o.state], doneText(o)]),
  );

const titleOf = (p: ControlPlan) => `План внутриколледжного контроля на ${p.year?.name ?? ''} учебный год`;
const stateLine = (p: ControlPlan) =>
  `На ${formatRu(p.today)}: выполнено ${p.totals.done}, просрочено ${p.totals.overdue}, к выполнению ${p.totals.due}, запланировано ${p.totals.planned}`;

export const planFileName = (p: ControlPlan, ext: 'pdf' | 'xlsx') => `${titleOf(p)}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

export async function planXlsx(p: ControlPlan, orgName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, head: string[], body: string[][], widths: number[], textColumn = 2) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([orgName]);
    ws.addRow([titleOf(p)]).font = { bold: true };
    ws.addRow([stateLine(p)]);
    ws.addRow([]);
    xlsxGrid(ws, head, body, { textColumn });
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  };
  sheet('План', LINE_HEAD, p.lines.map(lineRow), [5, 50, 36, 28, 22, 12, 12, 14, 14]);
  sheet('Сроки', OCC_HEAD, occurrenceRows(p, true), [5, 50, 26, 12, 16, 60]);
  sheet('По месяцам', MONTH_HEAD, monthRows(p), [18, 12, 12, 14, 14], 1);
  return xlsxBuffer(wb);
}

export async function planPdf(p: ControlPlan, orgName: string): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  pdfTitle(doc, orgName, titleOf(p).toUpperCase(), [stateLine(p)], 0.3);
  const grid = (title: string, head: string[], body: string[][], widths: number[], rowHeight = 26, textColumn = 1) => {
    doc.moveDown().font('bold').fontSize(11).text(title, doc.page.margins.left);
    doc.moveDown(0.3);
    pdfGrid(doc, head, body, { widths, rowHeight, fontSize: 7.5, pad: [2, 3], textColumn });
  };
  grid('Строки плана', LINE_HEAD, p.lines.map(lineRow), [22, 176, 130, 96, 82, 60, 60, 60, 74]);
  grid('Проверки к сроку и выполненные', OCC_HEAD, occurrenceRows(p, false), [22, 200, 110, 60, 70, 300]);
  grid('По месяцам (по сроку выполнения)', MONTH_HEAD, monthRows(p), [150, 80, 80, 80, 80], 16, 0);
  return pdfBuffer(doc);
}
