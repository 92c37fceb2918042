import type { GiaGroupPage } from '../../contracts/gia.js';
import { formatRu } from '../../domain/dates.js';
import { DEMO_EXAM_LEVEL_TITLES, masteredTitle, POINTS_NOUN, THESIS_ADMISSION_TITLES } from '../../domain/gia.js';
import { countRu, numberRu } from '../../domain/russian.js';
import { pdfGrid, pdfTitle, xlsxGrid } from '../attestation/sheet-layout.js';
import { createPdf, ExcelJS, pdfBuffer, xlsxBuffer } from '../platform/documents.js';

// The protocol of the state final attestation of a group (протокол ГИА), on paper and in Excel:
// the college's details, the demo exam, the thesis defence and the module exams of each student.

export interface College {
  name: string;
  shortName: string;
  region: string;
}

export function protocolFileName(p: GiaGroupPage, ext: 'pdf' | 'xlsx') {
  return `Протокол ГИА ${p.group.name} ${p.year.name}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}

function titleLines(p: GiaGroupPage, c: College) {
  return [
    `${c.region}. ${c.name}`,
    'ПРОТОКОЛ ГОСУДАРСТВЕННОЙ ИТОГОВОЙ АТТЕСТАЦИИ',
    `${p.group.programCode} ${p.group.programName}`,
    `Группа ${p.group.name} · ${p.year.name} учебный год · пороги оценки ДЭ: «3» от ${p.cutoffs[0]} %, «4» от ${p.cutoffs[1]} %, «5» от ${p.cutoffs[2]} % от ${countRu(p.maxPoints, POINTS_NOUN)}`,
  ];
}

const dash = (s: string | null | undefined) => (s ? s : '—');

const GIA_HEAD = [
  '№',
  'Фамилия, имя, отчество',
  'ДЭ: дата',
  'Компетенция, уровень',
  'Баллы',
  'Оценка ДЭ',
  'Тема ВКР',
  'Руководитель',
  'Отзыв руков.',
  'Рецензия',
  'Допуск',
  'Защита',
  'Оценка ВКР',
];

function giaRows(p: GiaGroupPage): string[][] {
  return p.students.map((s, i) => {
    const d = s.demoExam;
    const t = s.thesis;
    return [
      String(i + 1),
      s.fullName,
      d ? formatRu(d.examDate) : '—',
      d ? `${d.competence} (${DEMO_EXAM_LEVEL_TITLES[d.level]})` : '—',
      d ? numberRu(d.points) : '—',
      d?.grade ?? '—',
      dash(t?.topic),
      dash(t?.supervisor),
      t?.supervisorGrade ?? '—',
      t?.reviewerGrade ?? '—',
      t?.admission ? THESIS_ADMISSION_TITLES[t.admission] : '—',
      t?.defenseDate ? formatRu(t.defenseDate) : '—',
      t?.grade ?? '—',
    ];
  });
}

const moduleCell = (s: GiaGroupPage['students'][number], moduleId: number) => {
  const m = s.moduleExams.find((x) => x.moduleId === moduleId);
  return m ? `${masteredTitle(m.mastered)}, «${m.grade}»` : '—';
};

function summary(p: GiaGroupPage) {
  const count = (grades: (string | null | undefined)[]) => {
    const set = grades.filter((g): g is string => !!g);
    const by = (v: string) => set.filter((g) => g === v).length;
    return `«5» — ${by('5')}, «4» — ${by('4')}, «3» — ${by('3')}, «2» — ${by('2')}, всего ${set.length}`;
  };
  return [
    `Демонстрационный экзамен: ${count(p.students.map((s) => s.demoExam?.grade))}.`,
    `Защита ВКР: ${count(p.students.map((s) => s.thesis?.grade))}.`,
  ];
}

const signatures = (p: GiaGroupPage) => [
  'Председатель ГЭК ____________________ / ______________________ /',
  `Секретарь ГЭК ____________________ / ${p.secretaries.map((s) => s.name).join(', ') || '______________________'} /`,
  'Дата «____» ________________ 20___ г.',
];

export async function protocolPdf(p: GiaGroupPage, c: College): Promise<Buffer> {
  const doc = createPdf({ layout: 'landscape' });
  const [org, title, ...rest] = titleLines(p, c);
  pdfTitle(doc, org, title, rest);
  doc.moveDown();
  const widths = [20, 126, 48, 110, 36, 36, 116, 80, 36, 36, 50, 48, 0];
  widths[12] = 770 - widths.slice(0, 12).reduce((a, b) => a + b, 0);
  pdfGrid(doc, GIA_HEAD, giaRows(p), { widths, rowHeight: 26, fontSize: 7, pad: [3, 4], textColumn: 1, reserve: 20 });
  if (p.modules.length) {
    doc
      .moveDown()
      .font('bold')
      .fontSize(10)
      .text('Экзамены по профессиональным модулям (вид профессиональной деятельности, оценка)', doc.page.margins.left);
    doc.moveDown(0.3);
    const rest = 770 - 20 - 170;
    const mw = p.modules.map(() => rest / p.modules.length);
    pdfGrid(
      doc,
      ['№', 'Фамилия, имя, отчество', ...p.modules.map((m) => m.code)],
      p.students.map((s, i) => [String(i + 1), s.fullName, ...p.modules.map((m) => moduleCell(s, m.id))]),
      { widths: [20, 170, ...mw], rowHeight: 18, fontSize: 7, pad: [3, 5], textColumn: 1, reserve: 20 },
    );
    doc.font('regular').fontSize(8);
    for (const m of p.modules) doc.text(`${m.code} — ${m.name}`, doc.page.margins.left);
  }
  doc.moveDown().font('regular').fontSize(10);
  for (const l of summary(p)) doc.text(l, doc.page.margins.left);
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown();
  for (const l of signatures(p)) {
    doc.text(l, doc.page.margins.left);
    doc.moveDown(0.6);
  }
  return pdfBuffer(doc);
}

export async function protocolXlsx(p: GiaGroupPage, c: College): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Протокол ГИА', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const title = (lines: string[], cols: number) =>
    lines.forEach((line, i) => {
      const r = ws.addRow([line]);
      ws.mergeCells(r.number, 1, r.number, cols);
      r.getCell(1).alignment = { horizontal: 'center', wrapText: true };
      if (i === 1) r.font = { bold: true, size: 13 };
    });
  title(titleLines(p, c), GIA_HEAD.length);
  ws.addRow([]);
  xlsxGrid(
    ws,
    GIA_HEAD,
    giaRows(p).map((r, i) => {
      const d = p.students[i].demoExam;
      const t = p.students[i].thesis;
      return [
        Number(r[0]),
        ...r.slice(1, 4),
        d ? d.points : null,
        d ? Number(d.grade) : null,
        ...r.slice(6, 8),
        t?.supervisorGrade ? Number(t.supervisorGrade) : null,
        t?.reviewerGrade ? Number(t.reviewerGrade) : null,
        ...r.slice(10, 12),
        t?.grade ? Number(t.grade) : null,
      ];
    }),
    { textColumn: 2 },
  );
  [5, 36, 12, 34, 9, 10, 44, 26, 11, 11, 12, 12, 11].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (p.modules.length) {
    ws.addRow([]);
    const h = ws.addRow(['Экзамены по профессиональным модулям']);
    h.font = { bold: true };
    xlsxGrid(
      ws,
      ['№', 'Фамилия, имя, отчество', ...p.modules.map((m) => `${m.code} ${m.name}`)],
      p.students.map((s, i) => [i + 1, s.fullName, ...p.modules.map((m) => moduleCell(s, m.id))]),
      { textColumn: 2 },
    );
  }
  ws.addRow([]);
  for (const l of summary(p)) ws.addRow([l]);
  ws.addRow([]);
  for (const l of signatures(p)) ws.addRow([l]);
  return xlsxBuffer(wb);
}
