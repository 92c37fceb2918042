import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildSubject, buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { fromSpreadsheetText, spreadsheetText, xlsxBuffer } from './documents.js';

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells: { value: ExcelJS.CellValue; formula: boolean }[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) => row.eachCell((c) => cells.push({ value: c.value, formula: c.type === ExcelJS.ValueType.Formula }))),
  );
  return cells;
}

const DANGEROUS = ['=1+1', '=HYPERLINK("http://evil.example","нажмите")', '+SUM(A1:A2)', "-2+3+cmd|' /C calc'!A0", '@SUM(1,1)', '\t=1+1'];
const HARMLESS = ['Иванов', '+7 900 111-22-33', '-', '-5', '— тире', "'уже с апострофом"];

describe('spreadsheet exports', () => {
  it('no text cell can be taken for a formula; ordinary text and phones stay as they are', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист');
    for (const t of [...DANGEROUS, ...HARMLESS]) ws.addRow([t]);
    const cells = await readBack(await xlsxBuffer(wb));
    expect(cells.filter((c) => c.formula)).toEqual([]);
    expect(cells.map((c) => c.value)).toEqual([...DANGEROUS.map((t) => `'${t}`), ...HARMLESS]);
    expect(cells.map((c) => fromSpreadsheetText(String(c.value)))).toEqual([...DANGEROUS, ...HARMLESS]);
    // A carriage return comes back from XML as a line feed; the text itself is escaped all the same.
    expect(spreadsheetText('\r=1+1')).toBe("'\r=1+1");
  });
});

describe('an export read back by its import', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('the curriculum export writes a formula-like name as text, and its import restores it', async () => {
    const org = await buildOrganization(s.db);
    const name = '=HYPERLINK("http://evil.example","Основы")';
    const { curriculumId } = await buildSubject(s.db, org.id, { code: 'ОП.01', name });
    await s.db.updateTable('curricula').set({ status: 'draft' }).where('id', '=', curriculumId).execute();
    const u = await buildUser(s.db, { orgId: org.id, roles: ['methodist'] });
    const c = await new ApiClient(s.url).login(u.login, TEST_PASSWORD);
    const res = await fetch(`${s.url}/api/v1/curricula/${curriculumId}/export.xlsx`, { headers: { cookie: c.cookie } });
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    const cells = await readBack(buf);
    expect(cells.filter((x) => x.formula)).toEqual([]);
    expect(cells.map((x) => x.value)).toContain(`'${name}`);
    expect(cells.map((x) => x.value)).not.toContain(name);
    const imported = await c.post<{ errors: unknown[] }>(`/curricula/${curriculumId}/import`, {
      fileName: 'plan.xlsx',
      contentBase64: buf.toString('base64'),
    });
    expect(imported.status).toBe(200);
    expect(imported.body.errors).toEqual([]);
    const item = await s.db
      .selectFrom('curriculum_items')
      .select('name')
      .where('curriculum_id', '=', curriculumId)
      .where('code', '=', 'ОП.01')
      .executeTakeFirstOrThrow();
    expect(item.name).toBe(name);
  });
});
