import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS } from '../../contracts/limits.js';
import { buildOrganization, buildSubject, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { buildLessonPlan } from '../../../test/factories-curriculum.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// One set of upload limits: what the OpenAPI document says is what the server takes and refuses.
const MB = 1024 * 1024;
const junk = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

let s: TestServer;
let methodist: ApiClient;
let admin: ApiClient;
let curriculumId: number;
let planId: number;

beforeAll(async () => {
  s = await startTestServer();
  const org = await buildOrganization(s.db);
  const subject = await buildSubject(s.db, org.id);
  curriculumId = subject.curriculumId;
  await s.db.updateTable('curricula').set({ status: 'draft' }).where('id', '=', curriculumId).execute();
  planId = (await buildLessonPlan(s.db, org.id, subject.id)).id;
  const m = await buildUser(s.db, { orgId: org.id, roles: ['methodist'] });
  methodist = await new ApiClient(s.url).login(m.login, TEST_PASSWORD);
  const a = await buildUser(s.db, { orgId: org.id, roles: ['admin'] });
  admin = await new ApiClient(s.url).login(a.login, TEST_PASSWORD);
});
afterAll(() => s.close());

const uploads = () => [
  {
    path: `/curricula/${curriculumId}/import`,
    limit: UPLOAD_LIMITS.curriculum,
    body: (c: string) => ({ fileName: 'план.xlsx', contentBase64: c, dryRun: true }),
    client: methodist,
  },
  {
    path: `/lesson-plans/${planId}/import`,
    limit: UPLOAD_LIMITS.lessonPlan,
    body: (c: string) => ({ fileName: 'КТП.xlsx', contentBase64: c }),
    client: methodist,
  },
  {
    path: '/timetable/import',
    limit: UPLOAD_LIMITS.timetable,
    body: (c: string) => ({ fileName: 'расписание.xlsx', contentBase64: c, from: '2026-11-30', dryRun: true }),
    client: methodist,
  },
  {
    path: '/import',
    limit: UPLOAD_LIMITS.people,
    body: (c: string) => ({ kind: 'students', fileName: 'список.xlsx', contentBase64: c, dryRun: true }),
    client: admin,
  },
  {
    path: '/curricula/import-plx',
    limit: UPLOAD_LIMITS.plx,
    body: (c: string) => ({ fileName: 'план.plx', contentBase64: c, dryRun: true }),
    client: methodist,
  },
];

describe('upload limits', () => {
  it('the OpenAPI document states each limit', async () => {
    const doc = (await new ApiClient(s.url).get<{ paths: Record<string, Record<string, { description?: string }>> }>('/openapi.json')).body;
    for (const [path, text] of [
      ['/api/v1/curricula/{id}/import', 'до 6 МБ, не больше 2\u00a0000 строк'],
      ['/api/v1/lesson-plans/{id}/import', 'до 6 МБ, не больше 800 занятий'],
      ['/api/v1/timetable/import', 'до 6 МБ, не больше 10\u00a0000 строк'],
      ['/api/v1/import', 'до 10 МБ, не больше 20\u00a0000 строк'],
      ['/api/v1/journal/lessons/{id}/files', 'до 5 МБ'],
      ['/api/v1/curricula/import-plx', 'до 8 МБ'],
    ])
      expect(doc.paths[path].post.description, path).toContain(text);
  });

  it('a file over 1 MB but under the limit is read, not refused for its size', async () => {
    for (const u of uploads()) {
      const r = await u.client.post<{ error: { code: string } }>(u.path, u.body(junk(2 * MB)));
      expect({ path: u.path, status: r.status }).toEqual({ path: u.path, status: r.status === 200 ? 200 : 400 });
    }
  });

  it('a file over the limit gets 413 with a Russian message naming the limit', async () => {
    for (const u of uploads()) {
      const r = await u.client.post<{ error: { code: string; message: string } }>(u.path, u.body(junk(u.limit.bytes + 256 * 1024)));
      expect({ path: u.path, status: r.status, code: r.body.error.code }).toEqual({ path: u.path, status: 413, code: 'too_large' });
      expect(r.body.error.message).toContain(`Файл больше ${u.limit.bytes / MB} МБ`);
    }
  });

  it("a КТП file past the editor's cap of 800 lessons is refused, naming the cap", async () => {
    const header = ['№', 'Наименование разделов и тем', 'Кол-во часов', 'Вид занятия'];
    const file = await xlsx([header, ...Array.from({ length: 801 }, (_, i) => [i + 1, `Тема ${i + 1}`, 2, 'Теория'])]);
    const r = await methodist.post<{ error: { message: string; fields: Record<string, string> } }>(`/lesson-plans/${planId}/import`, {
      fileName: 'КТП.xlsx',
      contentBase64: file,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.contentBase64).toContain('800 занятий');
    const lines = await s.db.selectFrom('lesson_plan_items').select('id').where('lesson_plan_id', '=', planId).execute();
    expect(lines).toHaveLength(1);
  });

  it('a curriculum file has a row limit', async () => {
    const rows = Array.from({ length: 2001 }, (_, i) => [`ОП.${i + 1}`, `Дисциплина ${i + 1}`, 1, 10]);
    const file = await xlsx([['Индекс', 'Наименование', 'Семестр', 'Теоретическое обучение'], ...rows]);
    const r = await methodist.post<{ error: { fields: Record<string, string> } }>(`/curricula/${curriculumId}/import`, {
      fileName: 'план.xlsx',
      contentBase64: file,
      dryRun: true,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.contentBase64).toContain('2\u00a0001 строка');
    expect(r.body.error.fields.contentBase64).toContain('2\u00a0000 строк');
  });
});
