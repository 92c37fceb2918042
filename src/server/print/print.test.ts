import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlOf } from '../../contracts/route.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { buildPrintWorld } from '../../../test/factories-print.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { JournalData, JournalSection } from './journal-data.js';
import { renderJournal, sheetsText } from './journal-pdf.js';
import { batchRunner } from '../archive/batches.js';

// The printed journal (issue 13 items 1–2, decision 027) on a hand-built group (test/factories-print.ts),
// read back with poppler: the text of the title and certification pages, the page count, every
// student's number on every attendance page, every lesson date once across the spreads; pages render.

let s: TestServer;
let w: Awaited<ReturnType<typeof buildPrintWorld>>;
let roles: Awaited<ReturnType<typeof buildRoleUsers>>;
let other: Awaited<ReturnType<typeof buildPrintWorld>>;
const dir = mkdtempSync(join(tmpdir(), 'print-'));
const as = async (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);

async function download(c: ApiClient | null, path: string) {
  const res = await fetch(`${s.url}/api/v1${path}`, { headers: c ? { cookie: c.cookie } : {} });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** The text of each page (pdftotext -layout), and the number of pages pdftoppm renders. */
function readPdf(name: string, pdf: Buffer) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = text.split('\f').slice(0, -1);
  execFileSync('pdftoppm', ['-r', '30', '-png', file, join(dir, name)]);
  const images = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  return { pages, images };
}

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db, {
    name: 'Государственное бюджетное профессиональное образовательное учреждение «Колледж печати»',
  });
  w = await buildPrintWorld(s.db, org.id);
  roles = await buildRoleUsers(s.db, org.id);
  other = await buildPrintWorld(s.db, (await buildOrganization(s.db)).id);
}, 120_000);
afterAll(async () => {
  await batchRunner(s.db).idle();
  rmSync(dir, { recursive: true, force: true });
  await s.close();
});

const groupPath = (id: number, q: object = {}) => urlOf('GET /print/groups/:id/journal', { id }, q);
const subjectPath = (id: number, q: object = {}) => urlOf('GET /print/assignments/:id/journal', { id }, q);

describe('printed journal of a group', () => {
  let pages: string[];

  it('is a PDF with the title page, the contents, the list, the spreads, the summary, corrections, remarks and the certification', async () => {
    const r = await download(await as(w.curator), groupPath(w.group.id, { year: w.year.id }));
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(decodeURIComponent(r.disposition!)).toContain('Журнал ИС-21 2026_2027 учебный год.pdf');
    const pdf = readPdf('group', r.body);
    pages = pdf.pages;
    expect(pdf.images).toHaveLength(pages.length);

    const title = pages[0].replace(/\s+/g, ' ');
    expect(title).toContain('Государственное бюджетное профессиональное образовательное учреждение «Колледж печати»');
    expect(title).toContain('ЖУРНАЛ');
    expect(title).toContain('учебных занятий');
    expect(title).toContain('группы ИС-21');
    expect(title).toContain('Специальность 09.02.07 Информационные системы и программирование');
    expect(title).toContain('Курс 2');
    expect(title).toContain('2026/2027 учебный год');
    expect(title).toContain('Куратор: Куратова Елена Павловна');
    expect(title).toContain('Начат: 1 сентября 2026 г.');

    const cert = pages.at(-1)!.replace(/\s+/g, ' ');
    expect(cert).toContain('ЗАВЕРИТЕЛЬНАЯ ЗАПИСЬ');
    expect(cert).toContain(`Всего пронумеровано и прошнуровано ${sheetsText(pages.length)} (${pages.length} страниц`);
    expect(cert).toMatch(/Директор _+ Склянчук В\. Н\./);
    expect(cert).toContain('М. П.');
    // Every page is numbered.
    pages.forEach((p, i) => expect(p.trimEnd().split('\n').at(-1)!.trim()).toBe(String(i + 1)));
  });

  it('lists every part in the contents with its page', () => {
    const contents = pages[1];
    const entry = (title: RegExp) => {
      const line = contents.split('\n').find((l) => title.test(l));
      expect(line, String(title)).toBeDefined();
      return Number(/(\d+)\s*$/.exec(line!)?.[1]);
    };
    const spread = entry(/^\s*ОП\.01 Основы алгоритмизации/);
    expect(pages[spread - 1]).toContain('Учёт посещаемости и успеваемости');
    expect(spread % 2).toBe(0);
    expect(pages[entry(/Сводная ведомость/) - 1]).toContain('СВОДНАЯ ВЕДОМОСТЬ');
    expect(pages[entry(/Исправления, внесённые/) - 1]).toContain('ИСПРАВЛЕНИЯ');
    expect(pages[entry(/Замечания по ведению/) - 1]).toContain('ЗАМЕЧАНИЯ');
    expect(entry(/Заверительная запись/)).toBe(pages.length);
  });

  it('numbers the students and shows who left and arrived with the date and the order', () => {
    const list = pages.filter((p) => /СПИСОК ОБУЧАЮЩИХСЯ|Список обучающихся \(продолжение\)|ДВИЖЕНИЕ КОНТИНГЕНТА/.test(p)).join('\n');
    expect(list).toMatch(/\b1\s+Абрамова Анна Сергеевна/);
    expect(list).toMatch(/Борисов Анна Сергеевна\s+весь период/);
    const moves = list.replace(/\s+/g, ' ');
    expect(moves).toMatch(/Егоров Анна Сергеевна Отчисление 16\.10\.2026 123-к/);
    expect(moves).toMatch(/Исаева Анна Сергеевна Перевод из группы ИС-22 01\.10\.2026 118-к/);
  });

  it('splits 122 lessons into spreads without cutting a row or a column', () => {
    const attendance = pages.filter((p) => p.includes('ОП.01') && p.includes('Учёт посещаемости и успеваемости'));
    const records = pages.filter((p) => p.includes('ОП.01') && p.includes('Учёт выполненной работы'));
    expect(attendance.length).toBeGreaterThan(1);
    expect(records).toHaveLength(attendance.length);
    const order = [...w.students].sort((a, b) => a.last.localeCompare(b.last, 'ru'));
    for (const p of attendance) {
      order.forEach((st, i) => expect(p, `${i + 1} ${st.last}`).toMatch(new RegExp(`^\\s*${i + 1}\\s+${st.last} А\\. С\\.`, 'm')));
    }
    // The head of the lesson columns: «дд.мм» each (poppler may glue neighbouring columns together).
    const days = attendance.flatMap(
      (p) =>
        p
          .split('\n')
          .find((l) => l.includes('Обучающийся'))!
          .match(/\d\d\.\d\d/g) ?? [],
    );
    const expected = w.lessons.map((l) => `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}`);
    expect(days.sort()).toEqual(expected.sort());
    const recorded = records.flatMap((p) => p.match(/\b\d\d\.\d\d\.\d{4}\b/g) ?? []);
    expect(recorded).toHaveLength(w.lessons.length);
    expect(records.join('\n')).toMatch(/Борисенко Б\. Б\.\s*\(замена\)/);
    // The term grades close the last spread.
    expect(attendance.at(-1)).toContain('Итог.');
    expect(attendance[0]).not.toContain('Итог.');
  });

  it('has the summary, the correction with its request number and approver, and the remark', () => {
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('СВОДНАЯ ВЕДОМОСТЬ ИТОГОВЫХ ОЦЕНОК');
    const corr = pages.find((p) => p.includes('ИСПРАВЛЕНИЯ, ВНЕСЁННЫЕ'))!.replace(/\s+/g, ' ');
    expect(corr).toContain(`${w.correctionId} 11.09.2026`);
    expect(corr).toMatch(/3\s*→\s*4/);
    expect(corr).toContain('Дьячкова О. И.');
    expect(all).toContain('Не записаны темы занятий за третью неделю октября');
  });

  it('prints one term, and on A3', async () => {
    const c = await as(roles.director);
    const r = await download(c, groupPath(w.group.id, { term: w.year.termIds[1], paper: 'A3' }));
    expect(r.status).toBe(200);
    const { pages: p } = readPdf('term2', r.body);
    expect(p[0].replace(/\s+/g, ' ')).toContain('2 семестр 2026/2027 учебного года');
    expect(p.join('\n')).toContain('ОП.02 Операционные системы и среды');
    expect(p.join('\n')).not.toContain('ОП.01 Основы');
    const bad = await download(c, groupPath(w.group.id, { year: w.year.id, term: other.year.termIds[0] }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.fields).toHaveProperty('term');
    expect((await download(c, groupPath(w.group.id, { paper: 'A5' }))).status).toBe(400);
  });
});

describe('the layout without the database', () => {
  it('puts a list too long for one page on spreads of its own, and long texts never push a row off the page', async () => {
    const students = Array.from({ length: 80 }, (_, i) => ({
      no: i + 1,
      studentId: i + 1,
      fullName: `Студент${i + 1} Иван Иванович`,
      shortName: `Студент${i + 1} И. И.`,
      from: '2026-09-01',
      to: null,
      inList: () => true,
    }));
    const long = 'Очень длинная тема занятия, которая не помещается в одну строку и даже в четыре строки таблицы. '.repeat(6);
    const lessons = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      day: `${String((i % 28) + 1).padStart(2, '0')}.${i < 28 ? '09' : '10'}`,
      record: { date: 'x', hours: '2', topic: i % 3 ? `Тема ${i + 1}` : long, work: '', homework: long, teacher: 'Арбузова А. А.' },
    }));
    const section: JournalSection = {
      key: 'a1',
      title: 'ОП.01 Дисциплина, 1 семестр',
      teachers: 'Арбузова А. А.',
      lessons,
      students,
      cells: new Map([['1:80', '5']]),
      dates: new Map(lessons.map((l) => [l.id, '2026-09-10'])),
      grades: new Map([[80, { term: '4' }]]),
    };
    const data: JournalData = {
      orgName: 'Колледж',
      kind: 'subject',
      titleLines: ['группы ИС-21', 'ОП.01 Дисциплина', '1 семестр', 'Преподаватель: Арбузова А. А.'],
      periodTitle: '1 семестр',
      from: '2026-09-01',
      to: '2026-12-31',
      students: [],
      movement: [],
      sections: [section],
      summary: null,
      corrections: [],
      remarks: [],
      director: null,
    };
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const { pages: count } = await renderJournal(data, 'A4', out);
    const { pages } = readPdf('layout', Buffer.concat(chunks));
    expect(pages).toHaveLength(count);
    const attendance = pages.filter((p) => p.includes('Учёт посещаемости и успеваемости'));
    // Every student on some attendance page of every spread, each once.
    const seen = attendance.flatMap((p) => [...p.matchAll(/^\s*(\d+)\s+Студент\1 И\. И\./gm)].map((m) => Number(m[1])));
    const times = new Map<number, number>();
    for (const n of seen) times.set(n, (times.get(n) ?? 0) + 1);
    expect(times.size).toBe(80);
    expect(new Set(times.values()).size).toBe(1);
    // No page holds all 80: the list went on to pages of its own.
    expect(attendance.every((p) => (p.match(/Студент\d+ И\. И\./g) ?? []).length < 80)).toBe(true);
    const records = pages.filter((p) => p.includes('Учёт выполненной работы'));
    expect(records).toHaveLength(attendance.length);
    // Each record page holds a row for every lesson column of the page it faces (the header names the teacher once more).
    attendance.forEach((p, i) => {
      const days = p
        .split('\n')
        .find((l) => l.includes('Обучающийся'))!
        .match(/\d\d\.\d\d/g)!.length;
      expect((records[i].match(/Арбузова А\. А\./g) ?? []).length - 1).toBe(days);
    });
    expect(pages.at(-1)).toContain('Директор');
  });
});

describe('the teacher’s part', () => {
  it('is the subject’s spreads with its corrections and remark, for its teacher', async () => {
    const r = await download(await as(w.teacherA), subjectPath(w.a1.id));
    expect(r.status).toBe(200);
    const { pages } = readPdf('subject', r.body);
    const title = pages[0].replace(/\s+/g, ' ');
    expect(title).toContain('учебных занятий (часть преподавателя)');
    expect(title).toContain('Преподаватель: Арбузова А. А.');
    expect(pages.join('\n')).not.toContain('СПИСОК ОБУЧАЮЩИХСЯ');
    expect(pages.at(-1)).toContain('ЗАВЕРИТЕЛЬНАЯ ЗАПИСЬ');
  });
});

describe('who may print', () => {
  it('401 without a session', async () => {
    expect((await download(null, groupPath(w.group.id))).status).toBe(401);
    expect((await download(null, subjectPath(w.a1.id))).status).toBe(401);
  });

  it('403 for a role without journal:print', async () => {
    for (const role of ['student', 'guardian', 'chair', 'specialist', 'observer'] as const) {
      const c = await as(roles[role]);
      expect((await download(c, groupPath(w.group.id))).status, role).toBe(403);
      expect((await download(c, subjectPath(w.a1.id))).status, role).toBe(403);
    }
  });

  it('a curator prints their group only, a teacher their own subject only', async () => {
    const otherCurator = await as(roles.curator);
    expect((await download(otherCurator, groupPath(w.group.id))).status).toBe(404);
    expect((await download(otherCurator, subjectPath(w.a1.id))).status).toBe(404);
    const b = await as(w.teacherB);
    expect((await download(b, subjectPath(w.a1.id))).status).toBe(404);
    expect((await download(b, subjectPath(w.a2.id))).status).toBe(200);
    expect((await download(b, groupPath(w.group.id))).status).toBe(404);
    expect((await download(await as(w.curator), subjectPath(w.a2.id))).status).toBe(200);
    expect((await download(await as(roles.methodist), groupPath(w.group.id, { term: w.year.termIds[1] }))).status).toBe(200);
  });

  it('another college’s group, assignment, year and term are refused', async () => {
    const c = await as(w.deputy);
    expect((await download(c, groupPath(other.group.id))).status).toBe(404);
    expect((await download(c, subjectPath(other.a1.id))).status).toBe(404);
    expect((await download(c, groupPath(w.group.id, { year: other.year.id }))).status).toBe(404);
    expect((await download(c, groupPath(w.group.id, { term: other.year.termIds[0] }))).status).toBe(400);
  });
});

describe('printed journals of the whole college (a background batch)', () => {
  async function finished(c: ApiClient, id: number) {
    for (let i = 0; i < 400; i++) {
      const r = await c.call('GET /print/journals/:id', { params: { id } });
      if (r.body.batch.status === 'done' || r.body.batch.status === 'failed') return r.body;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('the batch did not finish');
  }

  it('is made a group at a time with its progress; each group’s PDF and one zip download', async () => {
    const m = await as(roles.methodist);
    const r = await m.call('POST /print/journals', { body: { year: w.year.id, paper: 'A3' } });
    expect(r.status).toBe(200);
    expect(r.body.batch).toMatchObject({ kind: 'print-journals', title: 'Печатные журналы колледжа: 2026/2027 учебный год, A3' });
    const done = await finished(m, r.body.batch.id);
    expect(done.batch).toMatchObject({ status: 'done', error: null, doneSteps: done.batch.totalSteps });
    expect(done.batch.totalSteps).toBeGreaterThanOrEqual(1);
    const g = done.groups.find((x) => x.groupId === w.group.id)!;
    expect(g.files.map((f) => f.name)).toEqual(['journal.pdf']);
    const pdf = await download(m, urlOf('GET /print/journals/:id/files/:fileId', { id: r.body.batch.id, fileId: g.files[0].id }));
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const { pages } = readPdf('batch', pdf.body);
    expect(pages[0]).toContain(w.group.name);
    expect(pages[0]).toContain('2026/2027');
    expect((await m.call('GET /print/journals')).body.map((b) => b.id)).toContain(r.body.batch.id);
    const zip = await download(m, urlOf('GET /print/journals/:id/journals.zip', { id: r.body.batch.id }));
    expect(zip.status).toBe(200);
    writeFileSync(join(dir, 'batch.zip'), zip.body);
    const list = execFileSync('unzip', ['-Z1', join(dir, 'batch.zip')], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(list).toContain(`${w.group.name}/journal.pdf`);
    expect(list.at(-1)).toBe('SHA256SUMS');
    // A term of the year, for the deputy and the director too.
    const t = await (await as(roles.deputy)).call('POST /print/journals', { body: { term: w.year.termIds[1] } });
    expect(t.body.batch.title).toBe('Печатные журналы колледжа: 2 семестр 2026/2027, A4');
    await finished(await as(roles.director), t.body.batch.id);
  });

  it('401 without a session; 403 for a role without journal:print over the college (a curator, a teacher)', async () => {
    const anon = new ApiClient(s.url);
    expect((await anon.call('POST /print/journals', { body: { paper: 'A4' } })).status).toBe(401);
    expect((await anon.call('GET /print/journals')).status).toBe(401);
    expect((await anon.call('GET /print/journals/:id', { params: { id: 1 } })).status).toBe(401);
    for (const u of [roles.student, roles.guardian, roles.curator, w.teacherB, w.curator]) {
      const c = await as(u);
      expect((await c.call('POST /print/journals', { body: { paper: 'A4' } })).status).toBe(403);
      expect((await c.call('GET /print/journals')).status).toBe(403);
      expect((await c.call('GET /print/journals/:id', { params: { id: 1 } })).status).toBe(403);
    }
  });

  it('another college’s batch, year and term are refused', async () => {
    const mine = (await (await as(w.deputy)).call('POST /print/journals', { body: { year: w.year.id } })).body.batch.id;
    await finished(await as(w.deputy), mine);
    const theirs = await as(other.deputy);
    expect((await theirs.call('GET /print/journals/:id', { params: { id: mine } })).status).toBe(404);
    expect((await download(theirs, urlOf('GET /print/journals/:id/journals.zip', { id: mine }))).status).toBe(404);
    const fileId = (await (await as(w.deputy)).call('GET /print/journals/:id', { params: { id: mine } })).body.groups[0].files[0].id;
    expect((await download(theirs, urlOf('GET /print/journals/:id/files/:fileId', { id: mine, fileId }))).status).toBe(404);
    expect((await theirs.call('GET /print/journals')).body.map((b) => b.id)).not.toContain(mine);
    const c = await as(w.deputy);
    expect((await c.call('POST /print/journals', { body: { year: other.year.id } })).status).toBe(400);
    expect((await c.call('POST /print/journals', { body: { term: other.year.termIds[0] } })).status).toBe(400);
    expect((await c.call('POST /print/journals', { body: { paper: 'A5' as never } })).status).toBe(400);
  });
});
