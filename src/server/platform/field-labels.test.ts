import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../../contracts/labels.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';

// Field errors name the field as the form labels it and say what to do (issue 10, item 5).
type Err = { error: { code: string; message: string; fields: Record<string, string> } };
type JsonSchema = {
  $ref?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: { name: string; schema?: JsonSchema }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

let s: TestServer;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;
beforeAll(async () => {
  s = await startTestServer();
  users = await buildRoleUsers(s.db, (await buildOrganization(s.db)).id);
});
afterAll(() => s.close());
const as = (role: keyof typeof users) => new ApiClient(s.url).login(users[role].login, users[role].password);

describe('every input field has a Russian label', () => {
  it('in every operation of the OpenAPI document: body, query and path', async () => {
    const doc = (await new ApiClient(s.url).get<Doc>('/openapi.json')).body;
    const missing = new Set<string>();
    const walk = (schema: JsonSchema | undefined, where: string) => {
      if (!schema) return;
      if (schema.$ref) return walk(doc.components?.schemas?.[schema.$ref.split('/').pop()!], where);
      for (const x of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(x, where);
      for (const [name, p] of Object.entries(schema.properties ?? {})) {
        if (!FIELD_LABELS[name] && !p.title) missing.add(`${where}: ${name}`);
        walk(p, where);
      }
      walk(schema.items, where);
    };
    let fields = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) {
          fields++;
          if (!FIELD_LABELS[p.name] && !p.schema?.title) missing.add(`${where}: ${p.name}`);
        }
        walk(op.requestBody?.content?.['application/json']?.schema, where);
      }
    }
    expect(fields).toBeGreaterThan(20);
    expect([...missing]).toEqual([]);
  });
});

describe('a field error in words a user knows', () => {
  it('names the date fields of a справка as the form does and says how to fill them', async () => {
    const c = await as('curator');
    const r = await c.post<Err>('/journal/excuses', { studentId: 1, fromDate: '28.11.2026', toDate: '2026-11-28', reason: 'Болезнь' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.fromDate).toBe('Укажите дату, например 28.11.2026.');
    expect(r.body.error.message).toBe('С даты: укажите дату, например 28.11.2026.');
    expect(r.body.error.message).not.toMatch(/fromDate|ГГГГ/);
  });

  it('a missing, too long or wrong-typed value says what to do; every field is listed', async () => {
    const a = await as('admin');
    const r = await a.post<Err>('/students', {
      lastName: '',
      firstName: 'Анна',
      middleName: 'x'.repeat(101),
      gender: 'x',
      groupId: 'пять',
      enrolDate: '2026-09-01',
      orderNo: '1-к',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toMatchObject({
      lastName: 'Укажите фамилию',
      middleName: 'Сократите текст до 100 символов.',
      gender: 'Выберите значение из списка.',
      groupId: 'Введите число, например 12.',
    });
    expect(r.body.error.message).toBe(
      'Фамилия: укажите фамилию. Отчество: сократите текст до 100 символов. Пол: выберите значение из списка. Группа: введите число, например 12.',
    );
  });

  it('a field in a list names its row; a query parameter is labelled too', async () => {
    const m = await as('methodist');
    const grid = await m.put<Err>('/timetable/groups/1/grid', {
      from: '2026-09-01',
      cells: [
        { weekday: 1, pairNo: 1, assignmentId: 1 },
        { weekday: 9, pairNo: 1, assignmentId: 1 },
      ],
    });
    expect(grid.status).toBe(400);
    expect(grid.body.error.message).toMatch(/^День недели \(строка 2\): выберите день недели/);
    const week = await m.get<Err>('/timetable/week?view=group&date=вчера');
    expect(week.status).toBe(400);
    expect(week.body.error.message).toBe('Дата: укажите дату, например 28.11.2026.');
  });
});
