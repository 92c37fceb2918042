import type { z } from 'zod';
import type { ImportBody, ImportResult } from '../../contracts/timetable.js';
import { formatRu } from '../../domain/dates.js';
import { compareRu, searchKey } from '../../domain/text.js';
import { PARITY_TITLES, WEEKDAY_TITLES, type Parity } from '../../domain/timetable.js';
import { audit } from '../platform/audit.js';
import { createPdf, ExcelJS, fromSpreadsheetText, pdfBuffer, xlsxBuffer } from '../platform/documents.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { assertRowLimit, fieldError, HttpError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { loadDirectory, loadEntries, loadTerms, termOn } from './queries.js';
import { periodIn, replaceGroupWeek } from './week-editor.js';
import { getWeek } from './week-views.js';
import { countRu, NOUNS } from '../../domain/russian.js';

// The printable week sheet of a group (PDF) and the timetable as a spreadsheet, both ways.

export async function groupWeekPdf(ctx: Ctx, groupId: number, date: string): Promise<{ buf: Buffer; name: string }> {
  const week = await getWeek(ctx, { view: 'group', id: groupId, date });
  const doc = createPdf({ layout: 'landscape', margin: 28 });
  const days = week.days.slice(0, 6);
  const pairs = [
    ...new Set([...days.flatMap((d) => d.periods.map((p) => p.pairNo)), ...days.flatMap((d) => d.lessons.map((l) => l.pairNo ?? 0))]),
  ]
    .filter(Boolean)
    .sort((a, b) => a - b);
  doc.font('bold').fontSize(14).text(`Расписание занятий: ${week.title}`);
  doc
    .font('regular')
    .fontSize(10)
    .text(`Неделя ${formatRu(week.weekStart)} – ${formatRu(week.weekEnd)}${week.parity ? ` (${week.parity})` : ''}`);
  doc.moveDown(0.5);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const firstCol = 58;
  const colW = (width - firstCol) / days.length;
  let y = doc.y;
  const header = 18;
  doc.font('bold').fontSize(8);
  days.forEach((d, i) => {
    doc.rect(left + firstCol + i * colW, y, colW, header).stroke();
    doc.text(d.title, left + firstCol + i * colW + 3, y + 5, { width: colW - 6 });
  });
  doc.rect(left, y, firstCol, header).stroke();
  doc.text('Пара', left + 3, y + 5);
  y += header;
  const rowH = Math.min(72, (doc.page.height - doc.page.margins.bottom - y - 20) / Math.max(pairs.length, 1));
  for (const pairNo of pairs) {
    const p = days[0]?.periods.find((x) => x.pairNo === pairNo);
    doc.rect(left, y, firstCol, rowH).stroke();
    doc
      .font('bold')
      .fontSize(9)
      .text(`${pairNo}`, left + 3, y + 4);
    if (p)
      doc
        .font('regular')
        .fontSize(7)
        .text(`${p.startsAt}–${p.endsAt}`, left + 3, y + 16);
    days.forEach((d, i) => {
      const x = left + firstCol + i * colW;
      doc.rect(x, y, colW, rowH).stroke();
      const items = d.lessons.filter((l) => l.pairNo === pairNo);
      const text = items
        .map((l) => {
          const mark =
            l.status === 'cancelled'
              ? '[ОТМЕНЕНО] '
              : l.change
                ? `[${l.change.title.toUpperCase()}] `
                : l.source === 'manual'
                  ? '[ВНЕ РАСПИСАНИЯ] '
                  : '';
          const who = l.plannedTeacherName ? `${l.teacherName} (вместо ${l.plannedTeacherNameGen})` : l.teacherName;
          return `${mark}${l.subgroupName ? `${l.subgroupName}: ` : ''}${l.subjectCode} ${l.subjectName}\n${who}${l.room ? `, ауд. ${l.room}` : ''}`;
        })
        .join('\n');
      doc
        .font('regular')
        .fontSize(items.length > 1 ? 6 : 7)
        .text(text, x + 3, y + 3, { width: colW - 6, height: rowH - 6, ellipsis: true });
    });
    y += rowH;
  }
  doc
    .font('regular')
    .fontSize(7)
    .text(`Сформировано ${formatRu(week.today)}. Изменения на дату отмечены в квадратных скобках.`, left, y + 6);
  const group = week.title.replace(/^Группа /, '');
  return { buf: await pdfBuffer(doc), name: `Расписание ${group} ${formatRu(week.weekStart)}.pdf` };
}

const HEADER = [
  'Группа',
  'Подгруппа',
  'День недели',
  'Пара',
  'Неделя',
  'Индекс',
  'Предмет',
  'Преподаватель',
  'Аудитория',
  'Действует с',
  'Действует по',
];

export async function exportXlsx(ctx: Ctx, date: string): Promise<{ buf: Buffer; name: string }> {
  const orgId = ctx.principal.organizationId;
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const term = termOn(terms, date) ?? terms.find((t) => t.startDate > date);
  if (!term) throw fieldError('date', 'Нет семестра на эту дату.');
  const entries = await loadEntries(ctx.db, orgId, { from: term.startDate, to: term.endDate, termId: term.id });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Расписание');
  ws.addRow(HEADER).font = { bold: true };
  const rows = entries
    .map((e) => {
      const a = dir.assignments.get(e.assignmentId);
      return [
        dir.groups.get(e.groupId)?.name ?? '',
        e.subgroupId ? (dir.subgroups.get(e.subgroupId)?.name ?? '') : '',
        WEEKDAY_TITLES[e.weekday],
        e.pairNo,
        PARITY_TITLES[e.parity],
        a?.code ?? '',
        a?.name ?? '',
        dir.persons.get(e.teacherPersonId)?.full ?? '',
        e.room ?? '',
        formatRu(e.validFrom),
        formatRu(e.validTo),
      ] as (string | number)[];
    })
    .sort(
      (a, b) =>
        compareRu(String(a[0]), String(b[0])) ||
        WEEKDAY_TITLES.indexOf(String(a[2])) - WEEKDAY_TITLES.indexOf(String(b[2])) ||
        Number(a[3]) - Number(b[3]),
    );
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = [10, 28, 14, 6, 16, 12, 40, 32, 10, 12, 12][i]));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { buf: await xlsxBuffer(wb), name: `Расписание ${term.number}-й семестр ${formatRu(term.startDate).slice(-4)}.xlsx` };
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return fromSpreadsheetText(String(v).trim());
};

function parseWeekday(s: string): number | null {
  const k = searchKey(s).replace(/\.$/, '');
  if (/^[1-6]$/.test(k)) return Number(k);
  const i = WEEKDAY_TITLES.findIndex((t, n) => n > 0 && n < 7 && (searchKey(t) === k || searchKey(t).slice(0, 2) === k));
  return i > 0 ? i : null;
}

function parseParity(s: string): Parity | null {
  const k = searchKey(s);
  if (!k || k.startsWith('кажд') || k === 'все' || k === 'еженедельно') return 'all';
  if (k.startsWith('числ')) return 'odd';
  if (k.startsWith('знам')) return 'even';
  return null;
}

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Imports a timetable in the export's format: each group in the file gets exactly its rows from
 * `from` to the end of that term. A dry run checks everything (clashes included) and writes nothing.
 */
export async function importXlsx(ctx: Ctx, body: z.infer<typeof ImportBody>): Promise<ImportResult> {
  const orgId = ctx.principal.organizationId;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(body.contentBase64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw fieldError('contentBase64', 'Файл не читается как XLSX. Сохраните таблицу в формате Excel (.xlsx) и повторите.');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fieldError('contentBase64', 'В файле нет листов.');
  const head = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => searchKey(cellText(v)));
  const col = (name: string) => head.indexOf(searchKey(name)) + 1;
  const need = ['Группа', 'День недели', 'Пара', 'Индекс'];
  const missing = need.filter((n) => col(n) === 0);
  if (missing.length)
    throw fieldError('contentBase64', `В первой строке нет столбцов: ${missing.join(', ')}. Выгрузите образец кнопкой «Экспорт в Excel».`);
  const [terms, dir] = await Promise.all([loadTerms(ctx.db, orgId), loadDirectory(ctx.db, orgId)]);
  const { term, from, to } = periodIn(terms, body.from, undefined);
  const groupByKey = new Map([...dir.groups.values()].map((g) => [searchKey(g.name), g]));
  const errors: { row: number; message: string }[] = [];
  const cellsByGroup = new Map<
    number,
    { weekday: number; pairNo: number; assignmentId: number; teacherPersonId: number; room: string | null; parity: Parity }[]
  >();
  let rows = 0;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const get = (name: string) => (col(name) ? cellText(row.getCell(col(name)).value) : '');
    if (!get('Группа') && !get('Индекс')) return;
    rows++;
    // A row that ended before the import's start date is history: skip it.
    const until = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(get('Действует по'));
    if (until && `${until[3]}-${until[2]}-${until[1]}` < from) return;
    const g = groupByKey.get(searchKey(get('Группа')));
    if (!g) return void errors.push({ row: n, message: `Нет группы «${get('Группа')}».` });
    const wd = parseWeekday(get('День недели'));
    if (!wd) return void errors.push({ row: n, message: `Не понят день недели «${get('День недели')}» (нужно: Понедельник … Суббота).` });
    const pairNo = Number(get('Пара'));
    if (!Number.isInteger(pairNo) || pairNo < 1 || pairNo > 12)
      return void errors.push({ row: n, message: `Номер пары «${get('Пара')}» — не число от 1 до 12.` });
    const parity = parseParity(get('Неделя'));
    if (!parity)
      return void errors.push({ row: n, message: `Неделя «${get('Неделя')}»: укажите «каждую неделю», «числитель» или «знаменатель».` });
    const code = searchKey(get('Индекс'));
    const sub = searchKey(get('Подгруппа'));
    const teacher = searchKey(get('Преподаватель'));
    let found = [...dir.assignments.values()].filter((a) => a.groupId === g.id && a.termId === term.id && searchKey(a.code) === code);
    if (sub) found = found.filter((a) => a.subgroupId && searchKey(dir.subgroups.get(a.subgroupId)?.name) === sub);
    if (found.length > 1 && teacher)
      found = found.filter((a) =>
        [dir.persons.get(a.teacherPersonId)?.full, dir.persons.get(a.teacherPersonId)?.short].some((x) => searchKey(x) === teacher),
      );
    if (!found.length)
      return void errors.push({
        row: n,
        message: `В нагрузке группы ${g.name} на ${term.number}-й семестр нет предмета ${get('Индекс')}${sub ? ` для подгруппы «${get('Подгруппа')}»` : ''}.`,
      });
    if (found.length > 1)
      return void errors.push({
        row: n,
        message: `Предмет ${get('Индекс')} в группе ${g.name} ведут несколько преподавателей — укажите подгруппу или преподавателя.`,
      });
    const list = cellsByGroup.get(g.id) ?? [];
    list.push({
      weekday: wd,
      pairNo,
      assignmentId: found[0].id,
      teacherPersonId: found[0].teacherPersonId,
      room: get('Аудитория') || null,
      parity,
    });
    cellsByGroup.set(g.id, list);
  });
  assertRowLimit(UPLOAD_LIMITS.timetable, rows);
  const result: ImportResult = {
    dryRun: body.dryRun,
    rows,
    groups: cellsByGroup.size,
    entries: [...cellsByGroup.values()].reduce((s, l) => s + l.length, 0),
    errors,
    clashes: [],
    message: '',
  };
  if (errors.length) {
    result.message = `Найдено ошибок: ${errors.length}. Исправьте строки файла и загрузите его снова; ничего не записано.`;
    return result;
  }
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      for (const [groupId, cells] of cellsByGroup) {
        try {
          await replaceGroupWeek(tx, orgId, dir, groupId, term, from, to, cells);
        } catch (e) {
          if (!(e instanceof HttpError) || e.status !== 409) throw e;
          const details = e.details as { clashes?: { message: string }[] } | undefined;
          result.clashes.push(
            ...(details?.clashes ?? [{ message: e.message }]).map((c) => `${dir.groups.get(groupId)?.name}: ${c.message}`),
          );
          if (!body.dryRun) break;
        }
      }
      if (result.clashes.length) {
        result.message = `Конфликтов: ${result.clashes.length}. Исправьте файл и загрузите его снова; ничего не записано.`;
        throw new DryRun(result);
      }
      if (body.dryRun) {
        result.message = `Проверка пройдена: ${countRu(result.entries, NOUNS.lesson)}, ${countRu(result.groups, NOUNS.group)} с ${formatRu(from)} по ${formatRu(to)}. Нажмите «Загрузить», чтобы записать.`;
        throw new DryRun(result);
      }
      await audit(tx, {
        organizationId: orgId,
        actorUserId: ctx.principal.userId,
        action: 'timetable.import',
        entity: 'timetable',
        entityId: null,
        after: { fileName: body.fileName, from, to, groups: result.groups, entries: result.entries },
        ip: ctx.ip,
      });
      result.message = `Расписание загружено: ${countRu(result.entries, NOUNS.lesson)}, ${countRu(result.groups, NOUNS.group)} с ${formatRu(from)} по ${formatRu(to)}.`;
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
}
