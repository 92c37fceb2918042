import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { dateWordsRu, numberWordsRu, pluralForm } from '../../domain/russian.js';
import { formatRu } from '../../domain/dates.js';
import { pdfGrid } from '../attestation/sheet-layout.js';
import type { Db } from '../platform/db.js';
import { createPdf } from '../platform/documents.js';
import { groupJournalData, subjectJournalData, type JournalData, type JournalSection } from './journal-data.js';

// The printed journal (issue 13, decision 027): the paper «Журнал учебных занятий» as a PDF,
// landscape A4 or A3. It is laid out twice: the first pass finds the page of every part and the
// number of pages, the second draws the same pages with the contents and the certification filled
// in. Nothing is cut: lesson columns that do not fit go to the next spread (the names repeat), a
// row is never split, a student list too long for a page continues on a spread of its own.
// The document streams into `out` page by page.

export type Paper = 'A4' | 'A3';

export interface GroupJournalOptions {
  groupId: number;
  yearId: number;
  termId?: number;
  paper: Paper;
}

export interface SubjectJournalOptions {
  assignmentIds: number[];
  paper: Paper;
}

const MARGIN = 28;
const FOOT = 14;
const PAD = 2.5;
const NO_W = 18;
const COL_W = 21;
const GRADE_W = 26;
const HEAD_H = 14;
const MAX_ROW = 14;
const MIN_ROW = 8.5;
const RECORD_SIZE = 7;
const RECORD_LINES = 4;
const GRADE_HEAD = ['Сем.', 'Экз.', 'Итог.'] as const;
const GRADE_OF = ['term', 'exam', 'final'] as const;

interface Layout {
  toc: Map<string, number>;
  pages: number;
}

type Doc = PDFKit.PDFDocument;

interface Col {
  title: string;
  width: number;
  align?: 'left' | 'center';
}

const nullSink = () =>
  new Writable({
    write(_chunk, _enc, cb) {
      cb();
    },
  });

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Short text centred in a column without the line wrapper (a mark, a number, a day): the spreads draw thousands. */
function centered(d: Doc, text: string, x: number, width: number, y: number) {
  d.text(text, x + (width - d.widthOfString(text)) / 2, y, { lineBreak: false });
}

/** Text in a cell: one line drawn as it is when it fits, else wrapped within the cell and cut with «…». */
function inCell(d: Doc, text: string, x: number, y: number, width: number, height: number, align: 'left' | 'center' = 'left') {
  const w = d.widthOfString(text);
  if (w <= width && !text.includes('\n')) d.text(text, align === 'center' ? x + (width - w) / 2 : x, y, { lineBreak: false });
  else d.text(text, x, y, { width, height, align, ellipsis: true });
}

/** Sheets, pages and the certification's words: «77 (семьдесят семь) листов». */
export const sheetsOf = (pages: number) => Math.ceil(pages / 2);
export const sheetsText = (pages: number) => {
  const n = sheetsOf(pages);
  return `${n} (${numberWordsRu(n)}) ${pluralForm(n, ['лист', 'листа', 'листов'])}`;
};

class Printer {
  readonly doc: Doc;
  page = 0;
  readonly toc = new Map<string, number>();
  readonly width: number;
  readonly nameW: number;
  /** The spreads on A3 are drawn larger (fonts, rows, columns) as well as wider. */
  readonly k: number;

  constructor(
    readonly paper: Paper,
    title: string,
    /** The first pass: pages are counted, the spreads (fixed in size) are not drawn. */
    readonly draft: boolean,
    /** Row heights of each section's record of work, measured once for both passes. */
    readonly heights: Map<string, number[]>,
  ) {
    this.doc = createPdf({ size: paper, layout: 'landscape', margin: MARGIN, autoFirstPage: false, info: { Title: title } });
    this.doc.on('pageAdded', () => this.footer());
    this.width = (paper === 'A3' ? 1190.55 : 841.89) - 2 * MARGIN;
    this.k = paper === 'A3' ? 1.25 : 1;
    this.nameW = 128 * this.k;
  }

  get bottom() {
    return this.doc.page.height - MARGIN - FOOT;
  }

  private footer() {
    this.page++;
    const d = this.doc;
    const keep = d.page.margins.bottom;
    d.page.margins.bottom = 0;
    d.font('regular').fontSize(8).fillColor('black');
    d.text(String(this.page), MARGIN, d.page.height - MARGIN + 2, { width: this.width, align: 'center', lineBreak: false });
    d.page.margins.bottom = keep;
    d.x = MARGIN;
    d.y = MARGIN;
  }

  newPage(key?: string) {
    this.doc.addPage();
    if (key) this.toc.set(key, this.page);
  }

  /** A new page that is a left one (even): a spread begins there. */
  newLeftPage(key?: string) {
    if ((this.page + 1) % 2 === 1) {
      this.doc.addPage();
      this.say('Страница не заполняется.', { size: 8, align: 'center', y: this.doc.page.height / 2 });
    }
    this.newPage(key);
  }

  /** A paragraph at doc.y (or y), on the next page when it does not fit. */
  say(
    s: string,
    o: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; x?: number; width?: number; y?: number; gap?: number } = {},
  ) {
    const d = this.doc;
    d.font(o.bold ? 'bold' : 'regular').fontSize(o.size ?? 9);
    const width = o.width ?? this.width;
    const h = d.heightOfString(s, { width });
    if (o.y === undefined && d.y + h > this.bottom) this.newPage();
    const y = o.y ?? d.y;
    d.fillColor('black').text(s, o.x ?? MARGIN, y, { width, height: h + 1, align: o.align ?? 'left' });
    d.x = MARGIN;
    d.y = y + h + (o.gap ?? 2);
  }

  cellHeight(s: string, width: number, size: number, lines: number, pad = PAD) {
    if (!s) return size * 1.2;
    this.doc.fontSize(size);
    return Math.min(this.doc.heightOfString(s, { width: width - 2 * pad }), lines * size * 1.2);
  }

  /** A ruled table whose rows wrap (up to `lines` lines); the head repeats on every page. */
  table(cols: Col[], rows: string[][], o: { size?: number; lines?: number; pad?: number; continued?: string } = {}) {
    const d = this.doc;
    const size = o.size ?? 7.5;
    const lines = o.lines ?? 8;
    const pad = o.pad ?? PAD;
    const draw = (cells: string[], bold: boolean) => {
      d.font(bold ? 'bold' : 'regular');
      const h = Math.max(...cells.map((c, i) => this.cellHeight(c, cols[i].width, size, lines, pad))) + 2 * pad;
      if (d.y + h > this.bottom) {
        this.newPage();
        if (o.continued) this.say(o.continued, { size: 8, gap: 4 });
        if (!bold)
          draw(
            cols.map((c) => c.title),
            true,
          );
        d.font(bold ? 'bold' : 'regular');
      }
      const y = d.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        d.rect(x, y, cols[i].width, h).lineWidth(0.5).stroke('#555');
        if (c)
          d.fillColor('black').text(c, x + pad, y + pad, {
            width: cols[i].width - 2 * pad,
            height: h - 2 * pad + 0.5,
            align: cols[i].align ?? 'left',
            ellipsis: true,
          });
        x += cols[i].width;
      });
      d.x = MARGIN;
      d.y = y + h;
    };
    d.fontSize(size);
    draw(
      cols.map((c) => c.title),
      true,
    );
    for (const r of rows) draw(r, false);
  }

  /** Widths from weights over the page's width; numbers ≥ 1 are absolute. */
  cols(spec: [string, number, ('left' | 'center')?][]): Col[] {
    const fixed = spec.filter(([, w]) => w >= 1).reduce((s, [, w]) => s + w, 0);
    const rest = this.width - fixed;
    return spec.map(([title, w, align]) => ({ title, width: w >= 1 ? w : rest * w, align }));
  }
}

function titlePage(p: Printer, data: JournalData) {
  p.newPage('title');
  const d = p.doc;
  d.y = MARGIN + 30;
  p.say(data.orgName, { size: 13, align: 'center', gap: 50 });
  p.say('ЖУРНАЛ', { size: 30, bold: true, align: 'center', gap: 4 });
  p.say(data.kind === 'group' ? 'учебных занятий' : 'учебных занятий (часть преподавателя)', { size: 18, align: 'center', gap: 24 });
  for (const l of data.titleLines) p.say(l, { size: 14, align: 'center', gap: 8 });
  d.y = d.page.height - MARGIN - FOOT - 60;
  p.say(`Начат: ${dateWordsRu(data.from)}`, { size: 11, align: 'right', gap: 6 });
  p.say(`Окончен: ${dateWordsRu(data.to)}`, { size: 11, align: 'right' });
}

interface Entry {
  key: string;
  title: string;
}

function entriesOf(data: JournalData): Entry[] {
  return [
    ...(data.kind === 'group' ? [{ key: 'students', title: 'Список обучающихся, движение контингента' }] : []),
    ...data.sections.map((s) => ({ key: s.key, title: `${s.title}. Преподаватель: ${s.teachers}` })),
    ...(data.kind === 'group' ? [{ key: 'summary', title: 'Сводная ведомость итоговых оценок' }] : []),
    { key: 'corrections', title: 'Исправления, внесённые после срока заполнения' },
    { key: 'remarks', title: 'Замечания по ведению журнала' },
    { key: 'cert', title: 'Заверительная запись' },
  ];
}

function contents(p: Printer, data: JournalData, known: Layout | null) {
  p.newPage('contents');
  p.say('СОДЕРЖАНИЕ', { size: 13, bold: true, align: 'center', gap: 10 });
  const d = p.doc;
  const pageW = 50;
  for (const e of entriesOf(data)) {
    d.font('regular').fontSize(10);
    const h = d.heightOfString(e.title, { width: p.width - pageW - 10 });
    if (d.y + h > p.bottom) {
      p.newPage();
      p.say('СОДЕРЖАНИЕ (продолжение)', { size: 10, bold: true, gap: 6 });
    }
    const y = d.y;
    p.say(e.title, { size: 10, width: p.width - pageW - 10, y });
    const page = known?.toc.get(e.key);
    p.say(page === undefined ? '' : String(page), { size: 10, align: 'right', x: MARGIN + p.width - pageW, width: pageW, y });
    d.y = y + h + 5;
  }
}

function studentList(p: Printer, data: JournalData) {
  p.newPage('students');
  p.say('СПИСОК ОБУЧАЮЩИХСЯ', { size: 12, bold: true, align: 'center', gap: 2 });
  p.say(data.periodTitle, { size: 9, align: 'center', gap: 8 });
  const inList = (s: JournalData['students'][number]) =>
    `${s.from > data.from ? `с ${formatRu(s.from)}` : ''}${s.to && s.to < data.to ? `${s.from > data.from ? ' ' : ''}по ${formatRu(s.to)}` : ''}`;
  p.table(
    p.cols([
      ['№', 24, 'center'],
      ['Фамилия, имя, отчество', 0.6],
      ['В списке группы', 0.4],
    ]),
    data.students.map((s) => [String(s.no), s.fullName, inList(s) || 'весь период']),
    { size: 7.5, pad: 1.8, continued: 'Список обучающихся (продолжение)' },
  );
  p.doc.y += 12;
  // The heading stays with the head of its table and a row or two.
  if (p.doc.y + 70 > p.bottom) p.newPage();
  p.say('ДВИЖЕНИЕ КОНТИНГЕНТА', { size: 12, bold: true, align: 'center', gap: 8 });
  if (!data.movement.length) return p.say('За период обучающиеся не прибывали и не выбывали.', { size: 9 });
  p.table(
    p.cols([
      ['№', 24, 'center'],
      ['Фамилия, имя, отчество', 0.3],
      ['Движение', 0.25],
      ['Дата', 64, 'center'],
      ['Приказ', 80, 'center'],
      ['Основание', 0.45],
    ]),
    data.movement,
    { size: 8.5, continued: 'Движение контингента (продолжение)' },
  );
}

/** Splits the lessons of a section into spreads: as many columns as the page is wide and their records fit on the facing page. */
function spreadsOf(p: Printer, s: JournalSection, headerH: number, recCols: Col[]) {
  const colCap = Math.floor((p.width - p.k * NO_W - p.nameW) / (p.k * COL_W));
  const lastCap = Math.floor((p.width - p.k * NO_W - p.nameW - GRADE_HEAD.length * (p.k * GRADE_W)) / (p.k * COL_W));
  const avail = p.bottom - MARGIN - headerH - p.k * HEAD_H - 4;
  p.doc.font('regular');
  let rh = p.heights.get(s.key);
  if (!rh) {
    rh = s.lessons.map((l) => {
      const r = l.record;
      const cells = [r.date, r.hours, r.topic, r.work, r.homework, r.teacher];
      return Math.max(...cells.map((c, i) => p.cellHeight(c, recCols[i].width, p.k * RECORD_SIZE, RECORD_LINES))) + 2 * PAD;
    });
    p.heights.set(s.key, rh);
  }
  const out: { from: number; to: number; heights: number[] }[] = [];
  const n = s.lessons.length;
  let i = 0;
  do {
    let k = 0;
    let h = 0;
    while (i + k < n && k < colCap && h + rh[i + k] <= avail) h += rh[i + k++];
    if (k === 0 && i < n) k = 1;
    if (i + k === n && k > lastCap) k = Math.max(1, lastCap);
    out.push({ from: i, to: i + k, heights: rh.slice(i, i + k) });
    i += k;
  } while (i < n);
  return out;
}

function sectionHeader(p: Printer, s: JournalSection, what: string) {
  p.doc.y = MARGIN;
  p.say(s.title, { size: p.k * 10, bold: true, gap: 1 });
  p.say(`${what}. Преподаватель: ${s.teachers}`, { size: p.k * 8, gap: 4 });
}

function headerHeight(p: Printer, s: JournalSection) {
  const d = p.doc;
  d.font('bold').fontSize(p.k * 10);
  const a = d.heightOfString(s.title, { width: p.width });
  d.font('regular').fontSize(p.k * 8);
  const b = d.heightOfString(`Учёт посещаемости и успеваемости (часть 99 из 99). Преподаватель: ${s.teachers}`, { width: p.width });
  return a + b + 7;
}

function attendancePage(
  p: Printer,
  s: JournalSection,
  lessons: JournalSection['lessons'],
  students: JournalSection['students'],
  o: { grades: boolean; part: string; rowH: number },
) {
  const d = p.doc;
  sectionHeader(p, s, `Учёт посещаемости и успеваемости${o.part}`);
  const top = d.y;
  const xs: number[] = [MARGIN, MARGIN + p.k * NO_W, MARGIN + p.k * NO_W + p.nameW];
  for (let i = 0; i < lessons.length; i++) xs.push(xs[xs.length - 1] + p.k * COL_W);
  if (o.grades) for (let i = 0; i < GRADE_HEAD.length; i++) xs.push(xs[xs.length - 1] + p.k * GRADE_W);
  const right = xs[xs.length - 1];
  const bottom = top + p.k * HEAD_H + students.length * o.rowH;
  // Days a student was not in the list are shaded.
  d.fillColor('#dddddd');
  students.forEach((st, r) => {
    lessons.forEach((l, c) => {
      if (!st.inList(s.dates.get(l.id)!)) d.rect(xs[2 + c], top + p.k * HEAD_H + r * o.rowH, p.k * COL_W, o.rowH).fill();
    });
  });
  d.lineWidth(0.5).strokeColor('#555');
  for (let r = 0; r <= students.length; r++) {
    const y = top + p.k * HEAD_H + r * o.rowH;
    d.moveTo(MARGIN, y).lineTo(right, y);
  }
  d.moveTo(MARGIN, top).lineTo(right, top);
  for (const x of xs) d.moveTo(x, top).lineTo(x, bottom);
  d.stroke();
  d.fillColor('black')
    .font('bold')
    .fontSize(p.k * 6.5);
  const headY = top + (p.k * HEAD_H - p.k * 6.5) / 2 - 0.5;
  centered(d, '№', xs[0], p.k * NO_W, headY);
  d.text('Обучающийся', xs[1] + PAD, headY, { lineBreak: false });
  d.fontSize(p.k * 6);
  lessons.forEach((l, c) => centered(d, l.day, xs[2 + c], p.k * COL_W, headY + 0.5));
  d.fontSize(p.k * 6.5);
  if (o.grades) GRADE_HEAD.forEach((t, g) => centered(d, t, xs[2 + lessons.length + g], p.k * GRADE_W, headY));
  const size = Math.min(p.k * 7.5, o.rowH - 2);
  d.font('regular').fontSize(size);
  students.forEach((st, r) => {
    const y = top + p.k * HEAD_H + r * o.rowH + (o.rowH - size) / 2 - 0.5;
    centered(d, String(st.no), xs[0], p.k * NO_W, y);
    inCell(d, st.shortName, xs[1] + PAD, y, p.nameW - 2 * PAD, size * 1.3);
    lessons.forEach((l, c) => {
      const v = s.cells.get(`${l.id}:${st.studentId}`);
      if (v) centered(d, v, xs[2 + c], p.k * COL_W, y);
    });
    if (o.grades) {
      const g = s.grades.get(st.studentId) ?? {};
      GRADE_OF.forEach((k, i) => {
        const v = g[k];
        if (v) centered(d, v, xs[2 + lessons.length + i], p.k * GRADE_W, y);
      });
    }
  });
  d.x = MARGIN;
  d.y = bottom;
}

function recordPage(p: Printer, s: JournalSection, lessons: JournalSection['lessons'], heights: number[], cols: Col[], part: string) {
  const d = p.doc;
  sectionHeader(p, s, `Учёт выполненной работы${part}`);
  const top = d.y;
  d.lineWidth(0.5).strokeColor('#555');
  let x = MARGIN;
  d.font('bold')
    .fontSize(p.k * 6.5)
    .fillColor('black');
  for (const c of cols) {
    d.rect(x, top, c.width, p.k * HEAD_H).stroke();
    d.text(c.title, x + PAD, top + (p.k * HEAD_H - p.k * 6.5) / 2 - 0.5, { width: c.width - 2 * PAD, align: 'center', lineBreak: false });
    x += c.width;
  }
  d.font('regular').fontSize(p.k * RECORD_SIZE);
  let y = top + p.k * HEAD_H;
  lessons.forEach((l, i) => {
    const r = l.record;
    const h = heights[i];
    let cx = MARGIN;
    [r.date, r.hours, r.topic, r.work, r.homework, r.teacher].forEach((v, j) => {
      d.rect(cx, y, cols[j].width, h).stroke();
      if (v) inCell(d, v, cx + PAD, y + PAD, cols[j].width - 2 * PAD, h - 2 * PAD + 0.5, cols[j].align);
      cx += cols[j].width;
    });
    y += h;
  });
  d.x = MARGIN;
  d.y = y;
}

async function subjectSection(p: Printer, s: JournalSection) {
  const recCols = p.cols([
    ['Дата', p.k * 50, 'center'],
    ['Часы', p.k * 26, 'center'],
    ['Тема занятия', 0.36],
    ['Выполненная работа (вид работы)', 0.34],
    ['Домашнее задание', 0.3],
    ['Преподаватель', p.k * 110],
  ]);
  const headerH = headerHeight(p, s);
  const spreads = spreadsOf(p, s, headerH, recCols);
  const avail = p.bottom - MARGIN - headerH - p.k * HEAD_H - 4;
  const perPage = Math.max(1, Math.floor(avail / (p.k * MIN_ROW)));
  const studentParts: JournalSection['students'][] = [];
  for (let i = 0; i < s.students.length || i === 0; i += perPage) studentParts.push(s.students.slice(i, i + perPage));
  const parts = spreads.length * studentParts.length;
  let n = 0;
  for (const [si, sp] of spreads.entries()) {
    const lessons = s.lessons.slice(sp.from, sp.to);
    for (const students of studentParts) {
      const part = parts > 1 ? ` (часть ${++n} из ${parts})` : '';
      p.newLeftPage(n <= 1 ? s.key : undefined);
      const rowH = Math.min(p.k * MAX_ROW, avail / Math.max(1, students.length));
      if (!p.draft) attendancePage(p, s, lessons, students, { grades: si === spreads.length - 1, part, rowH });
      p.newPage();
      if (!p.draft) recordPage(p, s, lessons, sp.heights, recCols, part);
      await tick();
    }
  }
}

function summary(p: Printer, data: JournalData) {
  p.newPage('summary');
  p.say('СВОДНАЯ ВЕДОМОСТЬ ИТОГОВЫХ ОЦЕНОК', { size: 12, bold: true, align: 'center', gap: 2 });
  p.say(`${data.titleLines[0]}, ${data.periodTitle}`, { size: 9, align: 'center', gap: 8 });
  const s = data.summary;
  if (!s) return p.say('Итоговых оценок за период нет.', { size: 9 });
  const nameW = 190;
  const colW = 52;
  const per = Math.max(1, Math.floor((p.width - NO_W - nameW) / colW));
  const subjects = s.head.length - 2;
  const d = p.doc;
  for (let c = 0; c < subjects || c === 0; c += per) {
    const take = (r: string[]) => [r[0], r[1], ...r.slice(2 + c, 2 + c + per)];
    const head = take(s.head);
    const rowH = Math.min(16, Math.max(MIN_ROW + 2, (p.bottom - d.y - 20) / (s.body.length + 1)));
    if (d.y + rowH * 2 > p.bottom) p.newPage();
    pdfGrid(d, head, s.body.map(take), {
      widths: [NO_W, nameW, ...head.slice(2).map(() => colW)],
      rowHeight: rowH,
      fontSize: Math.min(7.5, rowH - 4),
      pad: [2, (rowH - Math.min(7.5, rowH - 4)) / 2 - 1],
      textColumn: 1,
      reserve: FOOT,
    });
    d.y += 8;
  }
  for (const l of s.legend) p.say(l, { size: 7.5, gap: 1 });
}

function corrections(p: Printer, data: JournalData) {
  p.newPage('corrections');
  p.say('ИСПРАВЛЕНИЯ, ВНЕСЁННЫЕ ПОСЛЕ СРОКА ЗАПОЛНЕНИЯ', { size: 12, bold: true, align: 'center', gap: 4 });
  p.say(
    'Оценки и отметки о посещаемости после окончания срока заполнения журнала исправляются по запросу преподавателя, одобренному заместителем директора или методистом (п. 3.13).',
    { size: 8.5, gap: 8 },
  );
  if (!data.corrections.length) return p.say('Исправлений после срока заполнения не было.', { size: 9 });
  p.table(
    p.cols([
      ['Запрос №', 44, 'center'],
      ['Дата исправления', 62, 'center'],
      ['Дисциплина', 0.16],
      ['Занятие', 56, 'center'],
      ['Обучающийся', 0.17],
      ['Было → стало', 62, 'center'],
      ['Причина', 0.4],
      ['Запросил', 0.13],
      ['Одобрил', 0.14],
    ]),
    data.corrections,
    { continued: 'Исправления (продолжение)' },
  );
}

function remarks(p: Printer, data: JournalData) {
  p.newPage('remarks');
  p.say('ЗАМЕЧАНИЯ ПО ВЕДЕНИЮ ЖУРНАЛА', { size: 12, bold: true, align: 'center', gap: 8 });
  if (!data.remarks.length) return p.say('Замечаний по ведению журнала не было.', { size: 9 });
  p.table(
    p.cols([
      ['Дата', 56, 'center'],
      ['Журнал, занятие', 0.2],
      ['Замечание', 0.5],
      ['Срок', 56, 'center'],
      ['Автор', 0.15],
      ['Состояние', 0.15],
    ]),
    data.remarks,
    { continued: 'Замечания (продолжение)' },
  );
}

function certification(p: Printer, data: JournalData, known: Layout | null) {
  p.newPage('cert');
  const d = p.doc;
  d.y = MARGIN + 60;
  p.say('ЗАВЕРИТЕЛЬНАЯ ЗАПИСЬ', { size: 14, bold: true, align: 'center', gap: 20 });
  const what =
    data.kind === 'group'
      ? `Журнал учебных занятий ${data.titleLines[0]}`
      : `Журнал учебных занятий (часть преподавателя) ${data.titleLines[0]}`;
  p.say(`${what}, ${data.periodTitle}.`, { size: 12, gap: 10 });
  // The first pass does not know the count yet; the line takes the same room.
  const pages = known?.pages ?? p.page;
  p.say(`Всего пронумеровано и прошнуровано ${sheetsText(pages)} (${pages} ${pluralForm(pages, ['страница', 'страницы', 'страниц'])}).`, {
    size: 12,
    gap: 40,
  });
  p.say(`Директор  ____________________  ${data.director ?? '____________________'}`, { size: 12, gap: 30 });
  p.say('М. П.', { size: 12, gap: 30 });
  p.say('«____» ____________________ 20____ г.', { size: 12 });
}

async function render(
  data: JournalData,
  paper: Paper,
  out: NodeJS.WritableStream,
  known: Layout | null,
  heights: Map<string, number[]>,
): Promise<Layout> {
  const p = new Printer(paper, `Журнал учебных занятий ${data.titleLines[0]}, ${data.periodTitle}`, known === null, heights);
  p.doc.pipe(out);
  const done = finished(out as Writable);
  titlePage(p, data);
  contents(p, data, known);
  if (data.kind === 'group') studentList(p, data);
  await tick();
  for (const s of data.sections) await subjectSection(p, s);
  if (data.kind === 'group') summary(p, data);
  corrections(p, data);
  remarks(p, data);
  certification(p, data, known);
  p.doc.end();
  await done;
  return { toc: p.toc, pages: p.page };
}

/** Lays the journal out, then streams it into `out`: the pages are numbered and the contents filled. */
export async function renderJournal(data: JournalData, paper: Paper, out: NodeJS.WritableStream): Promise<{ pages: number }> {
  const heights = new Map<string, number[]>();
  const first = await render(data, paper, nullSink(), null, heights);
  const second = await render(data, paper, out, first, heights);
  if (second.pages !== first.pages)
    throw new Error(`The printed journal's layout changed between passes: ${first.pages} → ${second.pages}`);
  return { pages: second.pages };
}

/** One group's journal of an academic year (or of one of its terms). */
export async function writeGroupJournal(db: Db, orgId: number, o: GroupJournalOptions, out: NodeJS.WritableStream) {
  return renderJournal(await groupJournalData(db, orgId, o), o.paper, out);
}

/** A teacher's part: the journal of some assignments (a subject of a group in one or more terms). */
export async function writeSubjectJournal(db: Db, orgId: number, o: SubjectJournalOptions, out: NodeJS.WritableStream) {
  return renderJournal(await subjectJournalData(db, orgId, o), o.paper, out);
}
