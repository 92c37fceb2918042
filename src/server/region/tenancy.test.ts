import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API } from '../../contracts/api.js';
import type { RouteSpec } from '../../contracts/route.js';
import { addDays, todayIn } from '../../domain/dates.js';
import { ROLE_PERMISSIONS } from '../../domain/permissions.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { buildOrganization, buildRoleUsers } from '../../../test/factories.js';
import { ApiClient, TEST_NOW, startTestServer, type TestServer } from '../../../test/server.js';
import { sql } from '../platform/db.js';
import { seedDemo } from '../demo/seed.js';
import { insertAccount } from '../integrations/queries.js';

// Tenancy proved (issue 15 item 4, decision 038). College B is the demo college (every kind of
// record a college has); college A is built by the factories with a user of every role. Every
// route of the OpenAPI document is called as each role of A with B's ids in its path, its query
// and its body (a body made from the route's schema, so that validation passes where it can and
// the reach is what answers). Nothing may succeed on B's records, nothing may answer 500, no answer
// may carry B's people or groups (their names are marked), and B's rows must be exactly as they
// were. Then the regional administrator: the colleges, never their pupils.

const PUPIL = 'ЖЖБ'; // marks B's students and guardians
const STAFF = 'ЖЖС'; // marks B's staff
let s: TestServer;
let orgA: number;
let orgB: number;
let users: Awaited<ReturnType<typeof buildRoleUsers>>;
const ids = new Map<string, number>();
const missing = new Set<string>();

const firstId = async (table: string, where = '') => {
  const r = await sql<{
    id: number;
  }>`select id from ${sql.table(table)} where organization_id = ${orgB} ${sql.raw(where)} order by id limit 1`.execute(s.db);
  return r.rows[0]?.id;
};

/** Every table of B with its rows, hashed: what A's calls must leave as it was. */
async function fingerprint(): Promise<Record<string, string>> {
  const skip = new Set(['sessions', 'login_attempts', 'audit_log', 'pd_views', 'pd_view_persons', 'scheduled_jobs']);
  const tables = (await s.db.introspection.getTables()).filter(
    (t) => t.columns.some((c) => c.name === 'organization_id') && !skip.has(t.name),
  );
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t.name)} where organization_id = ${orgB} order by 1`.execute(s.db);
    out[t.name] = `${rows.rows.length}:${createHash('sha256').update(JSON.stringify(rows.rows)).digest('hex')}`;
  }
  const org = await s.db.selectFrom('organizations').selectAll().where('id', '=', orgB).executeTakeFirstOrThrow();
  out.organizations = createHash('sha256').update(JSON.stringify(org)).digest('hex');
  return out;
}

beforeAll(async () => {
  s = await startTestServer();
  orgA = (await buildOrganization(s.db, { name: 'Колледж А' })).id;
  users = await buildRoleUsers(s.db, orgA);
  orgB = (await seedDemo(s.db, { students: 60, seed: 5, college: 2, today: TEST_NOW.slice(0, 10) })).orgId;
  // B's service account (decision 039): its person is marked as B's staff below.
  const bAdmin = await s.db.selectFrom('users').select('id').where('organization_id', '=', orgB).executeTakeFirstOrThrow();
  await insertAccount(s.db, orgB, {
    name: 'Портал Б',
    scope: 'college',
    permissions: JSON.stringify(['structure:read']),
    readOnly: true,
    login: 'api-tenancy-b',
    passwordHash: 'unused',
    tokenHash: 'tenancy-b',
    tokenHint: 'ej_tenanc…',
    createdBy: bAdmin.id,
    expiresOn: null,
    at: TEST_NOW,
  });
  // B's people and groups carry a mark no answer to A may contain.
  const pupils = s.db
    .selectFrom('students')
    .select('person_id')
    .where('organization_id', '=', orgB)
    .union(s.db.selectFrom('guardian_links').select('guardian_person_id as person_id').where('organization_id', '=', orgB));
  await s.db
    .updateTable('persons')
    .set({ last_name: sql`last_name || ${PUPIL}` })
    .where('organization_id', '=', orgB)
    .where('id', 'in', pupils)
    .execute();
  await s.db
    .updateTable('persons')
    .set({ last_name: sql`last_name || ${STAFF}` })
    .where('organization_id', '=', orgB)
    .where('id', 'not in', pupils)
    .execute();
  await s.db
    .updateTable('groups')
    .set({ name: sql`name || ${PUPIL}` })
    .where('organization_id', '=', orgB)
    .execute();
  // Records the demo does not make, made by B's own staff through the API (B's logins: deputy2 …).
  const bUser = (login: string) => new ApiClient(s.url).login(`${login}2`, 'demo');
  const deputy = await bUser('deputy');
  const lessonB = await s.db
    .selectFrom('lessons')
    .select(['id', 'date'])
    .where('organization_id', '=', orgB)
    .where('date', '<', DATE)
    .orderBy('date', 'desc')
    .executeTakeFirstOrThrow();
  const due = addDays(todayIn('Asia/Vladivostok'), 2);
  await deputy.post('/control/remarks', { target: { kind: 'lesson', lessonId: lessonB.id }, text: 'Не записана тема', dueDate: due });
  // A contact change waiting for approval: B asks for approval, B's curator changes a student's phone.
  await s.db
    .updateTable('organizations')
    .set({ settings: JSON.stringify({ contactChangesNeedApproval: true }) })
    .where('id', '=', orgB)
    .execute();
  const curator = await s.db.selectFrom('users').select('person_id').where('login', '=', 'curator2').executeTakeFirstOrThrow();
  const pupil = await s.db
    .selectFrom('groups as g')
    .innerJoin('group_memberships as gm', 'gm.group_id', 'g.id')
    .innerJoin('students as st', 'st.id', 'gm.student_id')
    .select('st.person_id')
    .where('g.organization_id', '=', orgB)
    .where('g.curator_person_id', '=', curator.person_id)
    .where('gm.end_date', 'is', null)
    .executeTakeFirstOrThrow();
  await (await bUser('curator')).patch(`/persons/${pupil.person_id}/contacts`, { phone: '+7 914 555 66 77' });
  await deputy.post('/control/fill/reports', { date: lessonB.date });
  const termB = await s.db
    .selectFrom('terms')
    .select('id')
    .where('organization_id', '=', orgB)
    .where('start_date', '<=', DATE)
    .orderBy('start_date', 'desc')
    .executeTakeFirstOrThrow();
  await deputy.post('/control/term-checks', { termId: termB.id });
  const put = async (kind: string, id: number | undefined) => (id ? ids.set(kind, id) : missing.add(kind));
  for (const [kind, table] of Object.entries({
    year: 'academic_years',
    term: 'terms',
    department: 'departments',
    program: 'programs',
    commission: 'subject_commissions',
    group: 'groups',
    subgroup: 'subgroups',
    rollover: 'year_rollovers',
    student: 'students',
    guardianLink: 'guardian_links',
    contactChange: 'contact_changes',
    curriculum: 'curricula',
    item: 'curriculum_items',
    assignment: 'assignments',
    lessonPlan: 'lesson_plans',
    bells: 'bell_schedules',
    entry: 'timetable_entries',
    change: 'timetable_changes',
    lesson: 'lessons',
    file: 'lesson_files',
    mark: 'marks',
    correction: 'correction_requests',
    excuse: 'absence_excuses',
    report: 'generated_reports',
    remark: 'remarks',
    termCheck: 'term_checks',
    termCheckPart: 'term_check_parts',
    planLine: 'control_plan_lines',
    planMark: 'control_plan_marks',
    batch: 'batches',
    batchFile: 'batch_files',
    outboxMessage: 'outbox',
    thread: 'message_threads',
    message: 'messages',
    messageFile: 'message_files',
    event: 'events',
    reportOrder: 'period_report_orders',
    periodReport: 'period_reports',
    alert: 'absence_episodes',
    ssoProvider: 'sso_providers',
    ssoLink: 'sso_links',
    serviceAccount: 'service_accounts',
  }))
    await put(kind, await firstId(table));
  await put(
    'staff',
    await firstId('persons', `and id in (select person_id from staff_roles where organization_id = ${orgB} and role = 'admin')`),
  );
  await put('teacher', await firstId('persons', `and id in (select teacher_person_id from assignments where organization_id = ${orgB})`));
  await put(
    'guardian',
    await firstId('persons', `and id in (select guardian_person_id from guardian_links where organization_id = ${orgB})`),
  );
  await put('studentPerson', await firstId('persons', `and id in (select person_id from students where organization_id = ${orgB})`));
  ids.set('college', orgB);
}, 180_000);
afterAll(() => s.close());

/** B's id for a path parameter, by the segment before it. */
function idFor(path: string, param: string): number {
  if (param === 'studentId') return ids.get('student')!;
  if (param === 'itemId') return ids.get('item') ?? 999_999;
  if (param === 'fileId') return ids.get('batchFile') ?? 999_999;
  if (path.startsWith('/notify/reports/:id')) return ids.get('periodReport') ?? 999_999;
  const seg = path.split('/').filter(Boolean);
  const prev = seg[seg.indexOf(`:${param}`) - 1];
  const kind =
    (
      {
        'academic-years': 'year',
        years: 'year',
        departments: 'department',
        programs: 'program',
        commissions: 'commission',
        groups: 'group',
        subgroups: 'subgroup',
        rollover: 'rollover',
        students: 'student',
        'guardian-links': 'guardianLink',
        guardians: 'guardian',
        persons: 'studentPerson',
        'contact-changes': 'contactChange',
        staff: 'staff',
        curricula: 'curriculum',
        assignments: 'assignment',
        'lesson-plans': 'lessonPlan',
        bells: 'bells',
        changes: 'change',
        unscheduled: 'lesson',
        lessons: 'lesson',
        corrections: 'correction',
        excuses: 'excuse',
        reports: 'report',
        remarks: 'remark',
        weekly: 'report',
        'term-checks': 'termCheck',
        parts: 'termCheckPart',
        lines: 'planLine',
        journals: 'batch',
        batches: 'batch',
        colleges: 'college',
        accounts: 'serviceAccount',
        outbox: 'outboxMessage',
        threads: 'thread',
        events: 'event',
        secretaries: 'staff',
        orders: 'reportOrder',
        alerts: 'alert',
        sso: 'ssoProvider',
        providers: 'ssoProvider',
        links: 'ssoLink',
      } as Record<string, string>
    )[prev] ??
    (prev === 'files'
      ? path.startsWith('/journal')
        ? 'file'
        : path.startsWith('/messages')
          ? 'messageFile'
          : 'batchFile'
      : prev === 'marks'
        ? path.startsWith('/journal')
          ? 'mark'
          : 'planMark'
        : prev === 'messages'
          ? 'message'
          : '');
  if (!kind) throw new Error(`no kind for ${path} :${param}`);
  return ids.get(kind) ?? (missing.add(kind), 999_999);
}

/** B's id for a body or query field, by its name. */
function idForField(name: string): number | undefined {
  const n = name.replace(/Ids?$/, '').toLowerCase();
  const by: Record<string, string> = {
    group: 'group',
    togroup: 'group',
    student: 'student',
    lesson: 'lesson',
    assignment: 'assignment',
    term: 'term',
    year: 'year',
    academicyear: 'year',
    program: 'program',
    department: 'department',
    commission: 'commission',
    subgroup: 'subgroup',
    curriculum: 'curriculum',
    curriculumitem: 'item',
    item: 'item',
    lessonplan: 'lessonPlan',
    plan: 'lessonPlan',
    bellschedule: 'bells',
    entry: 'entry',
    mark: 'mark',
    person: 'studentPerson',
    teacherperson: 'teacher',
    curatorperson: 'teacher',
    chairperson: 'teacher',
    headperson: 'teacher',
    guardianperson: 'guardian',
    substituteperson: 'teacher',
    remark: 'remark',
    line: 'planLine',
  };
  return by[n] ? ids.get(by[n]) : undefined;
}

const DATE = TEST_NOW.slice(0, 10);
type J = {
  type?: string | string[];
  properties?: Record<string, J>;
  required?: string[];
  items?: J;
  anyOf?: J[];
  oneOf?: J[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  pattern?: string;
  minLength?: number;
  format?: string;
  default?: unknown;
};

/** A value for a JSON schema, with B's ids where a field names a kind of record. */
function sample(schema: J, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null') ?? alt[0], name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = sample(v, k);
    return out;
  }
  if (type === 'array') return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items ?? {}, name));
  if (type === 'integer' || type === 'number') return idForField(name) ?? schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1;
  if (type === 'boolean') return false;
  if (type === 'string') {
    if (/date/i.test(name) || schema.format === 'date') return DATE;
    const candidates = ['tenancy-op-0001', DATE, '10:00', '2026-11', 'Тест', '5', 'ПК-21'];
    if (schema.pattern) return candidates.find((c) => new RegExp(schema.pattern!).test(c)) ?? 'Тест';
    return name.toLowerCase().includes('email') ? 'test@example.ru' : 'Тест тенантности';
  }
  return null;
}

const bodyOf = (spec: RouteSpec) =>
  spec.body ? sample(z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) as J) : undefined;

function queryOf(spec: RouteSpec): string {
  const q: Record<string, string> = {
    groupId: String(ids.get('group')),
    studentId: String(ids.get('student')),
    lessonId: String(ids.get('lesson')),
    assignmentId: String(ids.get('assignment')),
    termId: String(ids.get('term')),
    yearId: String(ids.get('year')),
    personId: String(ids.get('studentPerson')),
    teacherPersonId: String(ids.get('teacher')),
    programId: String(ids.get('program')),
    id: String(ids.get('group')),
    view: 'group',
    date: DATE,
    from: DATE,
    to: DATE,
    month: DATE.slice(0, 7),
    status: 'all',
    pageSize: '500',
  };
  if (spec.query) {
    const shape = z.toJSONSchema(spec.query, { io: 'input', unrepresentable: 'any' }) as J;
    for (const [k, v] of Object.entries(shape.properties ?? {})) if (!(k in q)) q[k] = String(sample(v, k));
  }
  return new URLSearchParams(q).toString();
}

const SKIP = new Set(['POST /auth/login', 'POST /auth/logout', 'POST /auth/logout-all', 'POST /auth/password']);
const COLLEGE_ROLES = ROLES.filter((r) => r !== 'regional_admin');

describe('college A against college B', () => {
  it('every route, as every role of A, with B’s ids: refused, never 500, never B’s people; B unchanged', async () => {
    const before = await fingerprint();
    const problems: string[] = [];
    const tally = { withIds: 0, refused: 0, calls: 0 };
    for (const role of COLLEGE_ROLES) {
      const c = await new ApiClient(s.url).login(users[role as Role].login, users[role as Role].password);
      for (const [key, spec] of Object.entries(API) as [string, RouteSpec][]) {
        if (SKIP.has(key)) continue;
        const method = key.slice(0, key.indexOf(' '));
        const path = key.slice(key.indexOf(' ') + 1);
        const url = path.replace(/:(\w+)/g, (_, p: string) => (p === 'kind' ? 'term' : String(idFor(path, p))));
        const res = await c.request(method, `${url}?${queryOf(spec)}`, method === 'GET' ? undefined : (bodyOf(spec) ?? {}));
        tally.calls++;
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        if (res.status >= 500) problems.push(`${role} ${key}: ${res.status} ${text.slice(0, 200)}`);
        if (text.includes(PUPIL) || text.includes(STAFF)) problems.push(`${role} ${key}: B’s data in the answer`);
        if (path.includes(':')) {
          tally.withIds++;
          // The regional reports are the region's aggregates by design (decision 041): the observer
          // reads every college of the region, B's too, never a person of it (checked above).
          const regional = role === 'observer' && spec.access === 'region:reports';
          if (res.status < 400 && !regional) problems.push(`${role} ${key}: ${res.status} on B’s record`);
          else if (res.status === 403 || res.status === 404) tally.refused++;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprint()).toEqual(before);
    console.log(
      `Tenancy walk: ${tally.calls} calls (${COLLEGE_ROLES.length} roles × ${Object.keys(API).length - SKIP.size} routes); ` +
        `${tally.withIds} with B's ids in the path, ${tally.refused} of them 403/404, the rest 400/409 (validation or state). ` +
        `Kinds with no row in B: ${[...missing].join(', ') || 'none'}.`,
    );
    expect(tally.withIds).toBeGreaterThan(COLLEGE_ROLES.length * 90);
  }, 600_000);
});

describe('a service account’s token of college A', () => {
  it('reads through every GET route with B’s ids as A’s administrator may give: never B’s records or people; writes refused', async () => {
    const admin = await new ApiClient(s.url).login(users.admin.login, users.admin.password);
    const list = await admin.call('GET /integrations/accounts');
    const permissions = list.body.grantable.college.map((g) => g.permission);
    const made = await admin.call('POST /integrations/accounts', { body: { name: 'Обход', permissions, readOnly: true } });
    expect(made.status).toBe(201);
    const token = (made.body as { token: string }).token;
    const before = await fingerprint();
    const problems: string[] = [];
    let withIds = 0;
    for (const [key, spec] of Object.entries(API) as [string, RouteSpec][]) {
      const method = key.slice(0, key.indexOf(' '));
      const path = key.slice(key.indexOf(' ') + 1);
      const url = path.replace(/:(\w+)/g, (_, p: string) => (p === 'kind' ? 'term' : String(idFor(path, p))));
      const body = method === 'GET' ? undefined : JSON.stringify(bodyOf(spec) ?? {});
      const res = await fetch(`${s.url}/api/v1${url}?${queryOf(spec)}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body,
      });
      const text = await res.text();
      if (res.status >= 500) problems.push(`${key}: ${res.status} ${text.slice(0, 200)}`);
      if (text.includes(PUPIL) || text.includes(STAFF)) problems.push(`${key}: B’s data in the answer`);
      if (method !== 'GET' && res.status !== 403 && spec.access !== 'public')
        problems.push(`${key}: ${res.status}, a read-only token wrote`);
      if (path.includes(':') && spec.access !== 'public') {
        withIds++;
        if (res.status < 400) problems.push(`${key}: ${res.status} on B’s record`);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprint()).toEqual(before);
    expect(withIds).toBeGreaterThan(90);
  }, 300_000);
});

describe('the regional administrator', () => {
  it('reaches the colleges of the region, never a college’s pupils or journals', async () => {
    const c = await new ApiClient(s.url).login(users.regional_admin.login, users.regional_admin.password);
    const problems: string[] = [];
    let allowed = 0;
    for (const [key, spec] of Object.entries(API) as [string, RouteSpec][]) {
      if (SKIP.has(key) || key.startsWith('POST /region/colleges') || key === 'POST /integrations/accounts') continue;
      const method = key.slice(0, key.indexOf(' '));
      const path = key.slice(key.indexOf(' ') + 1);
      const url = path.replace(/:(\w+)/g, (_, p: string) => (p === 'kind' ? 'term' : String(idFor(path, p))));
      const res = await c.request(method, `${url}?${queryOf(spec)}`, method === 'GET' ? undefined : (bodyOf(spec) ?? {}));
      const text = JSON.stringify(res.body ?? '');
      if (text.includes(PUPIL)) problems.push(`${key}: a pupil of B in the answer`);
      // Its own rights: the colleges, their reports, the installation's backups (decision 042), the
      // region's single sign-on providers (decision 040), its service accounts (decision 039). A route it holds may refuse the walk's
      // made-up input (400) or another region's college (404).
      const own = spec.access in ROLE_PERMISSIONS.regional_admin || spec.access === 'authenticated' || spec.access === 'public';
      if (res.status < 400) {
        allowed++;
        if (!own) problems.push(`${key}: ${res.status} without the right`);
      } else if (res.status !== 403 && !own) problems.push(`${key}: ${res.status}, not 403`);
    }
    expect(problems).toEqual([]);
    expect(allowed).toBeGreaterThanOrEqual(2); // its colleges, its own session
    const list = await c.get<{ colleges: { id: number; students: number; admins: { fullName: string }[] }[] }>('/region/colleges');
    const b = list.body.colleges.find((x) => x.id === orgB)!;
    const active = await s.db
      .selectFrom('students')
      .select('id')
      .where('organization_id', '=', orgB)
      .where('status', '=', 'active')
      .execute();
    expect(b.students).toBe(active.length);
    expect(b.admins[0].fullName).toContain(STAFF); // the college's administrator, whom it appoints
    expect(JSON.stringify(list.body)).not.toContain(PUPIL);
  }, 300_000);
});
