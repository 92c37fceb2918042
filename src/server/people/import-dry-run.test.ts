import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import type { ImportReport } from '../../contracts/people.js';
import { STUDENT_COLUMNS } from './import.js';

let s: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  s = await startTestServer();
  const orgId = (await buildOrganization(s.db)).id;
  const u = await buildRoleUsers(s.db, orgId);
  admin = await new ApiClient(s.url).login(u.admin.login, u.admin.password);
  await buildGroup(s.db, { orgId, name: 'ПК-26' });
});
afterAll(() => s.close());

type Col = (typeof STUDENT_COLUMNS)[number];
const csv = (columns: readonly string[], rows: Partial<Record<Col, string>>[]) =>
  Buffer.from(
    `\uFEFF${[columns.join(';'), ...rows.map((r) => columns.map((c) => r[c as Col] ?? '').join(';'))].join('\r\n')}\r\n`,
  ).toString('base64');
const dryRun = (columns: readonly string[], rows: Partial<Record<Col, string>>[]) =>
  admin.post<ImportReport>('/import', { kind: 'students', fileName: 'список.csv', contentBase64: csv(columns, rows), dryRun: true });

const mother = { 'Родитель 1: ФИО': 'Иванова Анна Сергеевна', 'Родитель 1: телефон': '8 914 222 33 44' };
const father = { 'Родитель 2: ФИО': 'Иванов Олег Петрович' };

describe('the import dry run', () => {
  it('counts the guardians it will create even when some rows have errors', async () => {
    const r = await dryRun(STUDENT_COLUMNS, [
      { Фамилия: 'Иванов', Имя: 'Пётр', Группа: 'ПК-26', ...mother, ...father },
      { Фамилия: 'Иванова', Имя: 'Мария', Группа: 'ПК-26', ...mother },
      { Фамилия: 'Сидоров', Имя: 'Илья', Группа: 'НЕТ-1', 'Родитель 1: ФИО': 'Сидорова Ольга' },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.errors.map((e) => [e.row, e.column])).toEqual([[4, 'Группа']]);
    expect(r.body).toMatchObject({ create: 2, guardiansCreated: 2, applied: false });
  });
  it('names the optional columns it did not find', async () => {
    const columns = STUDENT_COLUMNS.filter((c) => c !== 'Номер приказа' && c !== '№ зачётной книжки');
    const r = await dryRun(columns, [{ Фамилия: 'Петров', Имя: 'Антон', Группа: 'ПК-26' }]);
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    expect(r.body.missingColumns).toEqual(['Номер приказа', '№ зачётной книжки']);
    const full = await dryRun(STUDENT_COLUMNS, [{ Фамилия: 'Петров', Имя: 'Антон', Группа: 'ПК-26' }]);
    expect(full.body.missingColumns).toEqual([]);
  });
});
