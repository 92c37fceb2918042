import { inferSex, type Sex } from '../../domain/name-cases.js';
import type { ImportReport } from '../../contracts/people.js';
import { academicYearStart, notInFuture, todayIn } from '../../domain/dates.js';
import { isEmail, normalizePhone, normalizeSnils, parseDateCell } from '../../domain/people.js';
import { NOT_GRANTED_BY_COLLEGE, NOT_GRANTED_MESSAGE, STAFF_ROLES, type StaffRole } from '../../domain/roles.js';
import { searchKey } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Tx } from '../platform/db.js';
import { ExcelJS, fromSpreadsheetText, xlsxBuffer } from '../platform/documents.js';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { assertRowLimit, badRequest, HttpError } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { who } from './persons.js';
import { insertChunked, setRecordBook, staffForImport, studentsImportState } from './queries/import.js';
import { insertPerson, updatePersonRow } from './queries/persons.js';
import { insertStaffRoles } from './queries/staff.js';

// Import of students with their guardians, and of staff (п. 3.2): one template with Russian
// headings, a dry run listing every problem by row and column, then all or nothing.

const GUARDIAN_COLS = (n: number) => [
  `Родитель ${n}: ФИО`,
  `Родитель ${n}: кем приходится`,
  `Родитель ${n}: телефон`,
  `Родитель ${n}: эл. почта`,
];
export const STUDENT_COLUMNS = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Пол',
  'Дата рождения',
  'СНИЛС',
  'Телефон',
  'Эл. почта',
  'Группа',
  'Подгруппа',
  'Дата зачисления',
  'Номер приказа',
  '№ зачётной книжки',
  ...GUARDIAN_COLS(1),
  ...GUARDIAN_COLS(2),
];
export const STAFF_COLUMNS = ['Фамилия', 'Имя', 'Отчество', 'Пол', 'Дата рождения', 'СНИЛС', 'Телефон', 'Эл. почта', 'Должность', 'Роли'];
const REQUIRED = { students: ['Фамилия', 'Имя', 'Группа'], staff: ['Фамилия', 'Имя', 'Роли'] };

const ROLE_WORDS: [string, StaffRole][] = [
  ['администратор', 'admin'],
  ['директор', 'director'],
  ['заместитель', 'deputy'],
  ['замдиректора', 'deputy'],
  ['методист', 'methodist'],
  ['заведующ', 'methodist'],
  ['специалист', 'specialist'],
  ['педагог', 'specialist'],
  ['психолог', 'specialist'],
  ['преподаватель', 'teacher'],
  ['наблюдатель', 'observer'],
];
// The chair of a ПЦК is appointed with the commission, not by import.
const ROLE_HINT = STAFF_ROLES.filter((r) => !NOT_GRANTED_BY_COLLEGE.includes(r))
  .flatMap((r) => ROLE_WORDS.find(([, x]) => x === r)?.[0] ?? [])
  .join(', ');
const RELATION_WORDS: [string, string][] = [
  ['мать', 'mother'],
  ['мама', 'mother'],
  ['отец', 'father'],
  ['папа', 'father'],
  ['опекун', 'guardian'],
  ['попечитель', 'guardian'],
];

type Row = { n: number; get(col: string): string; raw(col: string): unknown };
type Problem = ImportReport['errors'][number];

const headKey = (s: string) => searchKey(s).replace(/[«»"]/g, '');

/** Rows of an XLSX or CSV file with their spreadsheet row numbers (the heading is row 1). */
export async function readTable(fileName: string, content: Buffer): Promise<{ headers: string[]; rows: Row[] }> {
  let matrix: unknown[][] = [];
  if (content.subarray(0, 2).toString('latin1') === 'PK') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw badRequest(`Файл «${fileName}» не читается как XLSX. Сохраните его в Excel как «Книга Excel (*.xlsx)» или CSV.`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw badRequest('В файле нет листов.');
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = typeof cell.value === 'string' ? fromSpreadsheetText(cell.value) : (cell.value as unknown);
        values[col - 1] =
          v && typeof v === 'object' && !(v instanceof Date)
            ? ((v as { text?: string; result?: unknown }).text ?? (v as { result?: unknown }).result ?? '')
            : v;
      });
      matrix[rowNumber - 1] = values;
    });
  } else {
    let text = new TextDecoder('utf-8').decode(content);
    if (text.includes('\uFFFD')) text = new TextDecoder('windows-1251').decode(content);
    matrix = parseCsv(text.replace(/^\uFEFF/, ''));
  }
  const headers = (matrix[0] ?? []).map((h) => String(h ?? '').trim());
  const index = new Map(headers.map((h, i) => [headKey(h), i]));
  const rows: Row[] = [];
  for (let i = 1; i < matrix.length; i++) {
    const cells = matrix[i] ?? [];
    if (!cells.some((c) => String(c ?? '').trim() !== '')) continue;
    const raw = (col: string) => {
      const k = index.get(headKey(col));
      return k === undefined ? undefined : cells[k];
    };
    rows.push({
      n: i + 1,
      raw,
      get: (col) => {
        const v = raw(col);
        return v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').trim();
      },
    });
  }
  return { headers, rows };
}

/** CSV as Excel writes it in Russia: `;` (or `,` / tab) separated, quotes doubled. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = [';', '\t', ','].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

/** Checks the headings; returns the optional columns the file does not have. */
function checkHeaders(kind: 'students' | 'staff', headers: string[], errors: Problem[], warnings: Problem[]): string[] {
  const columns: readonly string[] = kind === 'students' ? STUDENT_COLUMNS : STAFF_COLUMNS;
  const known = new Set(columns.map(headKey));
  const have = new Set(headers.map(headKey));
  for (const c of REQUIRED[kind])
    if (!have.has(headKey(c)))
      errors.push({ row: 1, column: c, message: `Нет столбца «${c}». Скачайте шаблон и перенесите данные в него.` });
  for (const h of headers)
    if (h && !known.has(headKey(h))) warnings.push({ row: 1, column: h, message: 'Неизвестный столбец: его данные не загружаются.' });
  return columns.filter((c) => !REQUIRED[kind].includes(c) && !have.has(headKey(c)));
}

interface PersonIn {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  gender: Sex | null;
  birth_date: string | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  sort_key: string;
}

/** The person fields of a row, each problem recorded against its column. */
function personOfRow(r: Row, errors: Problem[]): PersonIn {
  const err = (column: string, message: string) => errors.push({ row: r.n, column, message });
  const last = r.get('Фамилия');
  const first = r.get('Имя');
  const middle = r.get('Отчество') || null;
  if (!last) err('Фамилия', 'Не заполнена фамилия.');
  if (!first) err('Имя', 'Не заполнено имя.');
  const sex = sexOfCell(r.get('Пол'));
  if (sex === undefined) err('Пол', `«${r.get('Пол')}» — не пол. Пишите «м» или «ж» либо оставьте пустым: пол определится по отчеству.`);
  let birth: string | null = null;
  const rawBirth = r.raw('Дата рождения');
  if (String(rawBirth ?? '').trim()) {
    birth = parseDateCell(rawBirth);
    if (!birth) err('Дата рождения', `«${r.get('Дата рождения')}» — не дата. Пишите ДД.ММ.ГГГГ, например 03.05.2009.`);
    else if (!notInFuture(birth)) err('Дата рождения', `${r.get('Дата рождения')} — дата рождения не может быть позже сегодняшнего дня.`);
  }
  let snils: string | null = null;
  if (r.get('СНИЛС')) {
    const s = normalizeSnils(r.get('СНИЛС'));
    if ('error' in s) err('СНИЛС', s.error);
    else snils = s.value;
  }
  let phone: string | null = null;
  if (r.get('Телефон')) {
    const p = normalizePhone(r.get('Телефон'));
    if ('error' in p) err('Телефон', p.error);
    else phone = p.value;
  }
  const email = r.get('Эл. почта') ? r.get('Эл. почта').toLowerCase() : null;
  if (email && !isEmail(email)) err('Эл. почта', `«${email}» — не адрес эл. почты.`);
  const gender = sex ?? inferSex({ last_name: last, first_name: first, middle_name: middle });
  return {
    last_name: last,
    first_name: first,
    middle_name: middle,
    gender,
    birth_date: birth,
    snils,
    phone,
    email,
    sort_key: searchKey(last, first, middle),
  };
}

/** «м», «муж.», «мужской» → m; «ж», «жен.», «женский» → f; empty → null; anything else → undefined. */
function sexOfCell(v: string): Sex | null | undefined {
  const w = searchKey(v).replace(/\./g, '');
  if (!w) return null;
  if (['м', 'муж', 'мужской', 'm'].includes(w)) return 'm';
  if (['ж', 'жен', 'женский', 'f'].includes(w)) return 'f';
  return undefined;
}

const personKey = (p: { snils: string | null; sort_key: string; birth_date: string | null }) =>
  p.snils ? `s:${p.snils}` : `n:${p.sort_key}|${p.birth_date ?? ''}`;
const nameKey = (p: { sort_key: string; birth_date: string | null }) => `n:${p.sort_key}|${p.birth_date ?? ''}`;

const changed = (before: Record<string, unknown>, after: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (v !== null && v !== before[k]) out[k] = v;
  return out;
};

/** Checks a file and, unless it is a dry run and when nothing is wrong, applies it in one transaction. */
export async function importFile(
  ctx: Ctx,
  input: { kind: 'students' | 'staff'; fileName: string; contentBase64: string; dryRun: boolean },
): Promise<ImportReport> {
  const started = performance.now();
  const content = Buffer.from(input.contentBase64, 'base64');
  if (!content.length) throw badRequest('Файл пустой.');
  const { headers, rows } = await readTable(input.fileName, content);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const missingColumns = checkHeaders(input.kind, headers, errors, warnings);
  if (!rows.length) errors.push({ row: 2, column: '', message: 'В файле нет строк с данными.' });
  assertRowLimit(UPLOAD_LIMITS.people, rows.length);
  const report = {
    kind: input.kind,
    rows: rows.length,
    create: 0,
    update: 0,
    unchanged: 0,
    guardiansCreated: 0,
    errors,
    warnings,
    missingColumns,
    applied: false,
    ms: 0,
  };
  const run = async (tx: Tx) => (input.kind === 'students' ? importStudents(ctx, tx, rows, report) : importStaff(ctx, tx, rows, report));
  if (errors.length) {
    report.ms = Math.round(performance.now() - started);
    return report;
  }
  const Rollback = class extends Error {};
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await run(tx);
      // The dry run goes through the same writes and rolls them back: what it reports is what happens.
      if (input.dryRun || report.errors.length) throw new Rollback();
      await audit(tx, {
        ...who(ctx),
        action: `people.import_${input.kind}`,
        entity: 'import',
        entityId: input.fileName,
        after: { rows: report.rows, create: report.create, update: report.update, guardiansCreated: report.guardiansCreated },
      });
    });
    report.applied = true;
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  if (!input.dryRun && report.errors.length) {
    throw new HttpError(
      400,
      'import_errors',
      `В файле ошибок: ${report.errors.length}. Ничего не загружено: исправьте строки и загрузите файл снова.`,
      undefined,
      { ...report, ms: Math.round(performance.now() - started) },
    );
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

async function importStudents(ctx: Ctx, tx: Tx, rows: Row[], report: ImportReport) {
  const orgId = ctx.principal.organizationId;
  const now = nowIso();
  const today = todayIn(ctx.principal.timeZone);
  const defaultEnrol = `${academicYearStart(today)}-09-01`;
  const { groups, subgroups, students: existing, links } = await studentsImportState(tx, orgId);
  const groupByKey = new Map(groups.map((g) => [g.sort_key, g]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const byKey = new Map<string, (typeof existing)[number]>();
  for (const e of existing) {
    if (e.snils) byKey.set(`s:${e.snils}`, e);
    byKey.set(nameKey(e), e);
  }
  const linksOf = new Map<number, (typeof links)[number][]>();
  const guardianByNamePhone = new Map<string, number>();
  for (const l of links) {
    linksOf.set(l.student_id, [...(linksOf.get(l.student_id) ?? []), l]);
    if (l.phone) guardianByNamePhone.set(`${l.sort_key}|${l.phone}`, l.id);
  }

  type NewStudent = {
    row: Row;
    person: PersonIn;
    groupId: number;
    subgroupId: number | null;
    enrol: string;
    orderNo: string | null;
    recordBook: string | null;
    guardians: GuardianIn[];
  };
  type GuardianIn = PersonIn & { relation: string };
  const fresh: NewStudent[] = [];
  const seen = new Map<string, number>();
  const personUpdates: { id: number; values: Record<string, unknown> }[] = [];
  const newLinks: { guardian: GuardianIn | number; studentRef: number | NewStudent }[] = [];
  const enrolExisting: { studentId: number; groupId: number; subgroupId: number | null; enrol: string; orderNo: string | null }[] = [];

  for (const r of rows) {
    const before = report.errors.length;
    const person = personOfRow(r, report.errors);
    const err = (column: string, message: string) => report.errors.push({ row: r.n, column, message });
    const g = groupByKey.get(searchKey(r.get('Группа')));
    if (!r.get('Группа')) err('Группа', 'Не указана группа.');
    else if (!g) err('Группа', `Группы «${r.get('Группа')}» нет. Создайте её в разделе «Группы» или исправьте название.`);
    let subgroupId: number | null = null;
    if (g && r.get('Подгруппа')) {
      const sg = subgroups.find((s) => s.group_id === g.id && searchKey(s.name) === searchKey(r.get('Подгруппа')));
      if (!sg) err('Подгруппа', `В группе ${g.name} нет подгруппы «${r.get('Подгруппа')}».`);
      else subgroupId = sg.id;
    }
    let enrol = defaultEnrol;
    if (r.get('Дата зачисления')) {
      const d = parseDateCell(r.raw('Дата зачисления'));
      if (!d) err('Дата зачисления', `«${r.get('Дата зачисления')}» — не дата. Пишите ДД.ММ.ГГГГ.`);
      else enrol = d;
    }
    const guardians: GuardianIn[] = [];
    for (const n of [1, 2]) {
      const [cName, cRel, cPhone, cMail] = GUARDIAN_COLS(n);
      const fio = r.get(cName);
      if (!fio) {
        if (r.get(cPhone) || r.get(cMail)) err(cName, 'Указаны контакты родителя, но нет ФИО.');
        continue;
      }
      const parts = fio.split(/\s+/);
      if (parts.length < 2) {
        err(cName, `«${fio}»: нужны фамилия и имя (и отчество, если есть).`);
        continue;
      }
      let phone: string | null = null;
      if (r.get(cPhone)) {
        const p = normalizePhone(r.get(cPhone));
        if ('error' in p) err(cPhone, p.error);
        else phone = p.value;
      }
      const email = r.get(cMail) ? r.get(cMail).toLowerCase() : null;
      if (email && !isEmail(email)) err(cMail, `«${email}» — не адрес эл. почты.`);
      const relWord = searchKey(r.get(cRel));
      const relation = RELATION_WORDS.find(([w]) => relWord.startsWith(w))?.[1] ?? (relWord ? 'other' : 'parent');
      const middle = parts.slice(2).join(' ') || null;
      guardians.push({
        last_name: parts[0],
        first_name: parts[1],
        middle_name: middle,
        gender: inferSex({ last_name: parts[0], first_name: parts[1], middle_name: middle }),
        birth_date: null,
        snils: null,
        phone,
        email,
        sort_key: searchKey(parts[0], parts[1], middle),
        relation,
      });
    }
    if (report.errors.length > before || !g) continue;
    const key = personKey(person);
    const dupRow = seen.get(key) ?? seen.get(nameKey(person));
    if (dupRow) {
      err('Фамилия', `Этот обучающийся уже есть в строке ${dupRow}.`);
      continue;
    }
    seen.set(key, r.n);
    seen.set(nameKey(person), r.n);
    const found = byKey.get(key) ?? byKey.get(nameKey(person));
    const orderNo = r.get('Номер приказа') || null;
    const recordBook = r.get('№ зачётной книжки') || null;
    if (!found) {
      fresh.push({ row: r, person, groupId: g.id, subgroupId, enrol, orderNo, recordBook, guardians });
      report.create++;
      for (const gu of guardians) {
        const known = gu.phone ? guardianByNamePhone.get(`${gu.sort_key}|${gu.phone}`) : undefined;
        newLinks.push({ guardian: known ?? gu, studentRef: fresh[fresh.length - 1] });
      }
      continue;
    }
    // A student already known: contacts and documents are brought up to date; movement is not.
    let touched = false;
    const diff = changed(found, {
      birth_date: person.birth_date,
      snils: person.snils,
      phone: person.phone,
      email: person.email,
      ...(r.get('Пол') ? { gender: person.gender } : {}),
    });
    if (Object.keys(diff).length) {
      personUpdates.push({ id: found.person_id, values: diff });
      touched = true;
    }
    if (recordBook && recordBook !== found.record_book_no) {
      await setRecordBook(tx, orgId, found.id, recordBook);
      touched = true;
    }
    if (found.group_id && found.group_id !== g.id) {
      report.warnings.push({
        row: r.n,
        column: 'Группа',
        message: `Обучающийся сейчас в группе ${groupName.get(found.group_id) ?? '—'}; перевод оформляется приказом в его карточке, файл группу не меняет.`,
      });
    } else if (!found.group_id) {
      if (found.status === 'active') {
        enrolExisting.push({ studentId: found.id, groupId: g.id, subgroupId, enrol, orderNo });
        touched = true;
      } else
        report.warnings.push({
          row: r.n,
          column: 'Группа',
          message: 'Обучающийся отчислен, выпущен или в академическом отпуске: восстановление оформляется в его карточке.',
        });
    }
    const have = linksOf.get(found.id) ?? [];
    for (const gu of guardians) {
      const linked = have.find((l) => l.sort_key === gu.sort_key);
      if (linked) {
        const d = changed(linked, { phone: gu.phone, email: gu.email });
        if (Object.keys(d).length) {
          personUpdates.push({ id: linked.id, values: d });
          touched = true;
        }
        continue;
      }
      const known = gu.phone ? guardianByNamePhone.get(`${gu.sort_key}|${gu.phone}`) : undefined;
      newLinks.push({ guardian: known ?? gu, studentRef: found.id });
      touched = true;
    }
    if (touched) report.update++;
    else report.unchanged++;
  }
  // Guardians new to the college: siblings in the same file share one person (same name and
  // phone). Counted before the errors stop the run, so the dry run says how many it will create.
  const newGuardians = new Map<string, GuardianIn>();
  for (const l of newLinks)
    if (typeof l.guardian !== 'number')
      newGuardians.set(
        l.guardian.phone ? `${l.guardian.sort_key}|${l.guardian.phone}` : `${l.guardian.sort_key}|#${newGuardians.size}`,
        l.guardian,
      );
  report.guardiansCreated = newGuardians.size;
  if (report.errors.length) return;

  // Writes, in batches.
  const personIds = await insertChunked(
    tx,
    'persons',
    fresh.map((f) => ({ organization_id: orgId, ...f.person, created_at: now, updated_at: now })),
  );
  const studentIds = await insertChunked(
    tx,
    'students',
    fresh.map((f, i) => ({ organization_id: orgId, person_id: personIds[i], status: 'active', record_book_no: f.recordBook })),
  );
  const idOf = new Map(fresh.map((f, i) => [f, studentIds[i]]));
  const enrols = [
    ...fresh.map((f, i) => ({
      studentId: studentIds[i],
      groupId: f.groupId,
      subgroupId: f.subgroupId,
      enrol: f.enrol,
      orderNo: f.orderNo,
    })),
    ...enrolExisting,
  ];
  await insertChunked(
    tx,
    'group_memberships',
    enrols.map((e) => ({ organization_id: orgId, student_id: e.studentId, group_id: e.groupId, start_date: e.enrol, end_date: null })),
  );
  await insertChunked(
    tx,
    'subgroup_memberships',
    enrols
      .filter((e) => e.subgroupId)
      .map((e) => ({ organization_id: orgId, student_id: e.studentId, subgroup_id: e.subgroupId, start_date: e.enrol, end_date: null })),
  );
  await insertChunked(
    tx,
    'enrollment_events',
    enrols.map((e) => ({
      organization_id: orgId,
      student_id: e.studentId,
      kind: 'enrol',
      effective_date: e.enrol,
      from_group_id: null,
      to_group_id: e.groupId,
      to_subgroup_id: e.subgroupId,
      order_no: e.orderNo,
      reason: 'Зачисление (импорт из файла)',
      created_by_user_id: ctx.principal.userId,
      created_at: now,
    })),
  );
  for (const u of personUpdates) await updatePersonRow(tx, orgId, u.id, u.values, now);
  const gEntries = [...newGuardians.entries()];
  const gIds = await insertChunked(
    tx,
    'persons',
    gEntries.map(([, g]) => ({
      organization_id: orgId,
      last_name: g.last_name,
      first_name: g.first_name,
      middle_name: g.middle_name,
      birth_date: null,
      snils: null,
      phone: g.phone,
      email: g.email,
      sort_key: g.sort_key,
      gender: g.gender,
      created_at: now,
      updated_at: now,
    })),
  );
  const gIdOf = new Map(gEntries.map(([, g], i) => [g, gIds[i]]));
  const gByKey = new Map(gEntries.map(([k], i) => [k, gIds[i]]));
  const pairs = new Set<string>();
  const linkRows = [];
  for (const l of newLinks) {
    const gid =
      typeof l.guardian === 'number' ? l.guardian : (gIdOf.get(l.guardian) ?? gByKey.get(`${l.guardian.sort_key}|${l.guardian.phone}`))!;
    const sid = typeof l.studentRef === 'number' ? l.studentRef : idOf.get(l.studentRef)!;
    if (pairs.has(`${gid}|${sid}`)) continue;
    pairs.add(`${gid}|${sid}`);
    linkRows.push({
      organization_id: orgId,
      guardian_person_id: gid,
      student_id: sid,
      relation: typeof l.guardian === 'number' ? 'parent' : l.guardian.relation,
    });
  }
  await insertChunked(tx, 'guardian_links', linkRows);
}

async function importStaff(ctx: Ctx, tx: Tx, rows: Row[], report: ImportReport) {
  const orgId = ctx.principal.organizationId;
  const now = nowIso();
  const staff = await staffForImport(tx, orgId);
  const byKey = new Map<
    string,
    {
      id: number;
      roles: Set<string>;
      gender: string | null;
      phone: string | null;
      email: string | null;
      birth_date: string | null;
      snils: string | null;
    }
  >();
  for (const s of staff) {
    for (const k of [s.snils ? `s:${s.snils}` : null, nameKey(s), `o:${s.sort_key}`]) {
      if (!k) continue;
      const e = byKey.get(k) ?? {
        id: s.id,
        roles: new Set<string>(),
        gender: s.gender,
        phone: s.phone,
        email: s.email,
        birth_date: s.birth_date,
        snils: s.snils,
      };
      e.roles.add(s.role);
      byKey.set(k, e);
    }
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    const before = report.errors.length;
    const person = personOfRow(r, report.errors);
    const roles: StaffRole[] = [];
    for (const word of r
      .get('Роли')
      .split(/[,;]/)
      .map((w) => searchKey(w))
      .filter(Boolean)) {
      const role = ROLE_WORDS.find(([w]) => word.startsWith(w))?.[1];
      if (!role)
        report.errors.push({ row: r.n, column: 'Роли', message: `Неизвестная роль «${word}». Пишите через запятую: ${ROLE_HINT}.` });
      else if (NOT_GRANTED_BY_COLLEGE.includes(role)) report.errors.push({ row: r.n, column: 'Роли', message: NOT_GRANTED_MESSAGE });
      else if (!roles.includes(role)) roles.push(role);
    }
    if (!r.get('Роли')) report.errors.push({ row: r.n, column: 'Роли', message: 'Укажите хотя бы одну роль, например «преподаватель».' });
    if (report.errors.length > before) continue;
    const key = personKey(person);
    if (seen.has(key)) {
      report.errors.push({ row: r.n, column: 'Фамилия', message: `Этот сотрудник уже есть в строке ${seen.get(key)}.` });
      continue;
    }
    seen.set(key, r.n);
    const title = r.get('Должность') || null;
    const found = byKey.get(key) ?? byKey.get(nameKey(person)) ?? (person.birth_date ? undefined : byKey.get(`o:${person.sort_key}`));
    if (!found) {
      const personId = await insertPerson(tx, orgId, person, now);
      await insertStaffRoles(
        tx,
        orgId,
        personId,
        roles.map((role) => ({ role, title, commissionId: null })),
      );
      report.create++;
      continue;
    }
    const missing = roles.filter((x) => !found.roles.has(x));
    const diff = changed(found, {
      birth_date: person.birth_date,
      snils: person.snils,
      phone: person.phone,
      email: person.email,
      ...(r.get('Пол') ? { gender: person.gender } : {}),
    });
    await insertStaffRoles(
      tx,
      orgId,
      found.id,
      missing.map((role) => ({ role, title, commissionId: null })),
    );
    if (Object.keys(diff).length) await updatePersonRow(tx, orgId, found.id, diff, now);
    if (missing.length || Object.keys(diff).length) report.update++;
    else report.unchanged++;
  }
}

/** The template with Russian headings and one example row. */
export async function templateFile(kind: 'students' | 'staff', format: 'xlsx' | 'csv') {
  const cols = kind === 'students' ? STUDENT_COLUMNS : STAFF_COLUMNS;
  const example =
    kind === 'students'
      ? [
          'Иванова',
          'Анна',
          'Сергеевна',
          'ж',
          '03.05.2009',
          '112-233-445 95',
          '+7 (914) 123-45-67',
          'anna@example.ru',
          'ПК-26',
          '',
          '01.09.2026',
          '112-к',
          '26-0001',
          'Иванова Ольга Петровна',
          'мать',
          '+7 (914) 765-43-21',
          '',
          '',
          '',
          '',
          '',
        ]
      : ['Петров', 'Иван', 'Ильич', 'м', '', '', '+7 (914) 111-22-33', 'petrov@example.ru', 'Преподаватель', 'преподаватель'];
  const name = kind === 'students' ? 'Шаблон импорта обучающихся' : 'Шаблон импорта сотрудников';
  if (format === 'csv') {
    const line = (cells: string[]) => cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';');
    return {
      buf: Buffer.from(`\uFEFF${line(cols)}\r\n${line(example)}\r\n`, 'utf8'),
      name: `${name}.csv`,
      type: 'text/csv; charset=utf-8',
    };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === 'students' ? 'Обучающиеся' : 'Сотрудники');
  ws.addRow(cols).font = { bold: true };
  ws.addRow(example);
  ws.columns.forEach((c) => (c.width = 18));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { buf: await xlsxBuffer(wb), name: `${name}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
