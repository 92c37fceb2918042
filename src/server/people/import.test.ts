import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildOrganization, buildRoleUsers, buildSubgroup } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { ExcelJS } from '../platform/documents.js';
import { STUDENT_COLUMNS } from './import.js';

let s: TestServer;
let orgId: number;
let admin: ApiClient;
let curator: ApiClient;
let otherAdmin: ApiClient;

beforeAll(async () => {
  s = await startTestServer();
  orgId = (await buildOrganization(s.db)).id;
  const u = await buildRoleUsers(s.db, orgId);
  admin = await new ApiClient(s.url).login(u.admin.login, u.admin.password);
  curator = await new ApiClient(s.url).login(u.curator.login, u.curator.password);
  const g = await buildGroup(s.db, { orgId, name: 'ПК-26' });
  await buildSubgroup(s.db, g, 'Английский язык');
  await buildGroup(s.db, { orgId, name: 'ТГ-26' });
  const o2 = await buildOrganization(s.db);
  const u2 = await buildRoleUsers(s.db, o2.id);
  otherAdmin = await new ApiClient(s.url).login(u2.admin.login, u2.admin.password);
});
afterAll(() => s.close());

const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${[STUDENT_COLUMNS, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`).toString('base64');
const row = (o: Partial<Record<(typeof STUDENT_COLUMNS)[number], string>>) => STUDENT_COLUMNS.map((c) => o[c] ?? '');

const good = [
  row({
    Фамилия: 'Ёлкина',
    Имя: 'Дарья',
    Отчество: 'Игоревна',
    'Дата рождения': '03.05.2009',
    СНИЛС: '112-233-445 95',
    Группа: 'пк-26',
    Подгруппа: 'Английский язык',
    'Номер приказа': '12-к',
    'Родитель 1: ФИО': 'Ёлкина Ирина Петровна',
    'Родитель 1: кем приходится': 'мать',
    'Родитель 1: телефон': '8 914 111 22 33',
  }),
  row({
    Фамилия: 'Ёлкин',
    Имя: 'Пётр',
    Отчество: 'Игоревич',
    'Дата рождения': '10.10.2010',
    Группа: 'ТГ-26',
    'Родитель 1: ФИО': 'Ёлкина Ирина Петровна',
    'Родитель 1: кем приходится': 'мать',
    'Родитель 1: телефон': '+7 914 111-22-33',
  }),
];

describe('import of students with guardians', () => {
  it('a dry run lists every problem by row and column, and writes nothing', async () => {
    const bad = [
      ...good,
      row({ Фамилия: 'Без', Имя: 'Группы', 'Дата рождения': '31.02.2009', Группа: 'НЕТ-1', СНИЛС: '123' }),
      row({ Фамилия: 'Из', Имя: 'Будущего', 'Дата рождения': '01.02.2099', Группа: 'НЕТ-1' }),
    ];
    const r = await admin.post<{ errors: { row: number; column: string; message: string }[]; applied: boolean }>('/import', {
      kind: 'students',
      fileName: 'список.csv',
      contentBase64: csv(bad),
      dryRun: true,
    });
    expect(r.status).toBe(200);
    expect(r.body.applied).toBe(false);
    expect(r.body.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'Дата рождения'],
      [4, 'СНИЛС'],
      [4, 'Группа'],
      [5, 'Дата рождения'],
      [5, 'Группа'],
    ]);
    expect(r.body.errors[2].message).toContain('НЕТ-1');
    expect(r.body.errors[3].message).toContain('не может быть позже сегодняшнего дня');
    const applied = await admin.post<{ error: { code: string; details: { errors: unknown[] } } }>('/import', {
      kind: 'students',
      fileName: 'список.csv',
      contentBase64: csv(bad),
      dryRun: false,
    });
    expect(applied.status).toBe(400);
    expect(applied.body.error.details.errors).toHaveLength(5);
    const n = await s.db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1); // only the factory's student
  });

  it('applies a clean file whole; siblings share one guardian; importing again creates no duplicates', async () => {
    const dry = await admin.post<{ create: number; guardiansCreated: number; errors: unknown[] }>('/import', {
      kind: 'students',
      fileName: 'список.csv',
      contentBase64: csv(good),
      dryRun: true,
    });
    expect(dry.body).toMatchObject({ create: 2, guardiansCreated: 1, errors: [] });
    expect(await s.db.selectFrom('persons').select('id').where('last_name', '=', 'Ёлкин').executeTakeFirst()).toBeUndefined();
    const r = await admin.post<{ applied: boolean; create: number }>('/import', {
      kind: 'students',
      fileName: 'список.csv',
      contentBase64: csv(good),
      dryRun: false,
    });
    expect(r.body).toMatchObject({ applied: true, create: 2 });
    const mother = await s.db
      .selectFrom('persons')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('last_name', '=', 'Ёлкина')
      .where('first_name', '=', 'Ирина')
      .execute();
    expect(mother).toHaveLength(1);
    const links = await s.db.selectFrom('guardian_links').select('student_id').where('guardian_person_id', '=', mother[0].id).execute();
    expect(links).toHaveLength(2);
    const list = await admin.get<{ items: { fullName: string; groupName: string }[] }>(`/students?q=${encodeURIComponent('елкин')}`);
    expect(list.body.items.map((x) => x.groupName).sort()).toEqual(['ПК-26', 'ТГ-26']);
    const sub = await s.db.selectFrom('subgroup_memberships').select('id').where('organization_id', '=', orgId).execute();
    expect(sub).toHaveLength(1);
    const again = await admin.post<{ create: number; update: number; unchanged: number }>('/import', {
      kind: 'students',
      fileName: 'список.csv',
      contentBase64: csv(good),
      dryRun: false,
    });
    expect(again.body).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    const events = await s.db.selectFrom('enrollment_events').select('kind').where('organization_id', '=', orgId).execute();
    expect(events.map((e) => e.kind)).toEqual(['enrol', 'enrol']);
  });

  it('reads XLSX, including the downloadable template', async () => {
    const t = await fetch(`${s.url}/api/v1/import/template?kind=students`, { headers: { cookie: admin.cookie } });
    expect(t.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await t.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('Фамилия');
    expect(ws.getRow(1).getCell(4).value).toBe('Пол');
    ws.getRow(2).getCell(9).value = 'ТГ-26';
    ws.getRow(2).getCell(6).value = ''; // the example's СНИЛС is taken by an earlier import
    ws.getRow(2).getCell(5).value = new Date(Date.UTC(2009, 4, 3));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await admin.post<{ create: number; errors: unknown[] }>('/import', {
      kind: 'students',
      fileName: 'шаблон.xlsx',
      contentBase64: buf.toString('base64'),
      dryRun: true,
    });
    expect(r.body.errors).toEqual([]);
    expect(r.body.create).toBe(1);
    const garbage = await admin.post<{ error: { message: string } }>('/import', {
      kind: 'students',
      fileName: 'x.xlsx',
      contentBase64: Buffer.from('PK not a zip').toString('base64'),
      dryRun: true,
    });
    expect(garbage.status).toBe(400);
  });

  it('imports staff with roles; only the administrator imports', async () => {
    const body = Buffer.from(
      'Фамилия;Имя;Отчество;Должность;Роли\r\nСидорова;Анна;Павловна;Преподаватель;преподаватель, методист\r\nКлюев;Олег;;Психолог;волшебник\r\nЗорина;Ольга;;;наблюдатель\r\n',
    ).toString('base64');
    const dry = await admin.post<{ errors: { row: number; column: string; message: string }[] }>('/import', {
      kind: 'staff',
      fileName: 'staff.csv',
      contentBase64: body,
      dryRun: true,
    });
    expect(dry.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Роли'],
      [4, 'Роли'],
    ]);
    expect(dry.body.errors[0].message).not.toContain('наблюдатель');
    expect(dry.body.errors[1].message).toContain('показатели всех колледжей региона');
    const ok = Buffer.from(
      'Фамилия;Имя;Отчество;Должность;Роли\r\nСидорова;Анна;Павловна;Преподаватель;преподаватель, методист\r\n',
    ).toString('base64');
    const r = await admin.post<{ create: number }>('/import', { kind: 'staff', fileName: 'staff.csv', contentBase64: ok, dryRun: false });
    expect(r.body.create).toBe(1);
    const again = await admin.post<{ unchanged: number }>('/import', {
      kind: 'staff',
      fileName: 'staff.csv',
      contentBase64: ok,
      dryRun: false,
    });
    expect(again.body.unchanged).toBe(1);
    expect((await curator.post('/import', { kind: 'staff', fileName: 'staff.csv', contentBase64: ok })).status).toBe(403);
    expect((await new ApiClient(s.url).post('/import', { kind: 'staff', fileName: 'staff.csv', contentBase64: ok })).status).toBe(401);
    // Another college's import never sees this college's groups.
    const other = await otherAdmin.post<{ errors: { column: string }[] }>('/import', {
      kind: 'students',
      fileName: 'список.csv',
      contentBase64: csv(good),
      dryRun: true,
    });
    expect(other.body.errors.every((e) => e.column === 'Группа')).toBe(true);
  });
});
