import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Curriculum, PlxImportResult } from '../../contracts/curriculum.js';
import type { RolloverPlan } from '../../contracts/structure.js';
import { HOUR_KINDS, zeroHours } from '../../domain/curriculum.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildOrganization,
  buildProgram,
  buildRoleUsers,
  buildUser,
} from '../../../test/factories.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { demoPlxSource } from './plx-demo.js';
import { writePlx, type PlxSource } from './plx-write.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const login = (u: { login: string; password: string }) => new ApiClient(s.url).login(u.login, u.password);
const b64 = (src: PlxSource) => writePlx(src).toString('base64');

async function college() {
  const org = await buildOrganization(s.db);
  const year = await buildAcademicYear(s.db, org.id, 2026);
  const users = await buildRoleUsers(s.db, org.id);
  const program = await buildProgram(s.db, org.id, { code: '43.02.15', name: 'Поварское и кондитерское дело' });
  const other = await buildProgram(s.db, org.id, { code: '43.02.14', name: 'Гостиничное дело' });
  const methodist = await login(users.methodist);
  return { org, year, users, program, other, methodist };
}

const curriculaOf = (orgId: number) => s.db.selectFrom('curricula').select('id').where('organization_id', '=', orgId).execute();

/** A small plan: one discipline and a module with its МДК and practice. */
function smallPlan(overrides: Partial<PlxSource['program']> = {}): PlxSource {
  const h = (x: Partial<ReturnType<typeof zeroHours>>) => ({ ...zeroHours(), ...x });
  return {
    program: {
      code: '43.02.15',
      name: 'Поварское и кондитерское дело',
      qualification: 'Специалист',
      studyForm: 'full_time',
      intakeYear: 2025,
      semesters: 8,
      ...overrides,
    },
    items: [
      {
        code: 'ОП.02',
        name: 'Организация хранения и контроль запасов и сырья',
        kind: 'discipline',
        cycle: 'ОП',
        parentCode: null,
        terms: [{ termNo: 3, hours: h({ theory: 30, practical: 18, self_study: 4 }), form: 'ДЗ' }],
      },
      {
        code: 'ПМ.01',
        name: 'Приготовление полуфабрикатов',
        kind: 'module',
        cycle: 'ПМ',
        parentCode: null,
        terms: [{ termNo: 4, hours: h({ consultation: 2, exam: 6 }), form: 'Эк' }],
      },
      {
        code: 'МДК.01.01',
        name: 'Организация приготовления полуфабрикатов',
        kind: 'mdk',
        cycle: 'ПМ',
        parentCode: 'ПМ.01',
        terms: [{ termNo: 4, hours: h({ theory: 20, laboratory: 24 }), form: 'ДЗ', extraForms: ['КР'] }],
      },
      {
        code: 'УП.01',
        name: 'Учебная практика',
        kind: 'educational_practice',
        cycle: 'ПМ',
        parentCode: 'ПМ.01',
        terms: [{ termNo: 4, hours: h({ practice: 72 }), form: 'ДЗ' }],
      },
    ],
  };
}

describe('import of a curriculum from «Планы» (.plx)', () => {
  it('the dry run writes nothing; applying creates the curriculum, its calendar and term weeks; the demo plan comes back with the same hours and forms', async () => {
    const c = await college();
    const src = demoPlxSource('43.02.15', 2025);
    const body = { programId: c.program.id, fileName: '43.02.15_2025.plx', contentBase64: b64(src) };
    const dry = await c.methodist.post<PlxImportResult>('/curricula/import-plx', { ...body, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.curriculum.exists).toBe(false);
    expect(dry.body.counts.add).toBe(src.items.length);
    expect(dry.body.skipped).toEqual([]);
    expect(dry.body.notes.join(' ')).toMatch(/Латинские буквы/);
    expect(dry.body.notes.join(' ')).toMatch(/Часы практической подготовки/);
    expect(dry.body.calendarSemesters.map((x) => x.theory + x.practice)).toEqual([17, 22, 17, 22, 17, 22, 17, 16]);
    expect(await curriculaOf(c.org.id)).toHaveLength(0);

    const applied = await c.methodist.post<PlxImportResult>('/curricula/import-plx', body);
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    const cur = await c.methodist.get<Curriculum>(`/curricula/${applied.body.curriculumId}`);
    expect(cur.status).toBe(200);
    expect(cur.body.intakeYear).toBe(2025);
    expect(cur.body.sourceFile).toBe('43.02.15_2025.plx');
    expect(cur.body.calendar).toHaveLength(4);
    expect(cur.body.termWeeks).toEqual([17, 22, 17, 22, 17, 22, 17, 16]);
    // Round trip: every item with the same hours by kind and the same forms per semester.
    for (const it of src.items) {
      const got = cur.body.items.find((i) => i.code === it.code);
      expect(got, it.code).toBeDefined();
      expect(got!.kind).toBe(it.kind);
      const expected = it.terms
        .filter((t) => t.form || HOUR_KINDS.some((k) => (t.hours[k] ?? 0) > 0))
        .map((t) => ({ termNo: t.termNo, hours: { ...zeroHours(), ...t.hours }, form: t.form }));
      expect(
        got!.terms.map((t) => ({ termNo: t.termNo, hours: t.hours, form: t.form })),
        it.code,
      ).toEqual(expected);
    }
    const mdk = cur.body.items.find((i) => i.code === 'МДК.01.01')!;
    expect(cur.body.items.find((i) => i.id === mdk.parentId)?.code).toBe('ПМ.01');
    // The file's totals by cycle and semester match the journal's.
    for (const row of cur.body.cycleTotals) for (const t of row.terms) expect(t.file, `${row.cycle} ${t.termNo}`).toBe(t.hours);

    // The same file again: it matches, nothing to change.
    const again = await c.methodist.post<PlxImportResult>('/curricula/import-plx', { ...body, dryRun: true });
    expect(again.body.curriculum.exists).toBe(true);
    expect(again.body.changes).toEqual([]);
    expect(again.body.needsConfirmation).toBe(false);
  });

  it('updates a curriculum with load only after confirmation, listing the changes; items with load are kept', async () => {
    const c = await college();
    const first = await c.methodist.post<PlxImportResult>('/curricula/import-plx', {
      programId: c.program.id,
      fileName: 'plan.plx',
      contentBase64: b64(smallPlan()),
    });
    expect(first.status).toBe(200);
    const cur = await c.methodist.get<Curriculum>(`/curricula/${first.body.curriculumId}`);
    expect(cur.body.items.find((i) => i.code === 'МДК.01.01')!.terms[0]).toMatchObject({ form: 'ДЗ', extraForms: ['КР'] });
    const op02 = cur.body.items.find((i) => i.code === 'ОП.02')!;
    const group = await buildGroup(s.db, { orgId: c.org.id, programId: c.program.id, course: 2 });
    const a = await buildAssignment(s.db, {
      group: { id: group.id, orgId: c.org.id, programId: c.program.id },
      subjectId: op02.id,
      termId: c.year.termIds[0],
      hours: 48,
    });
    await buildLesson(
      s.db,
      { id: a.id, orgId: c.org.id, teacherPersonId: a.teacherPersonId },
      { date: '2026-09-07', topic: 'Товароведная характеристика сырья' },
    );

    const changed = smallPlan();
    changed.items = changed.items.filter((i) => i.code !== 'ОП.02' && i.code !== 'УП.01');
    changed.items[1].terms[0].hours.laboratory = 30;
    changed.items.push({
      code: 'ОП.03',
      name: 'Техническое оснащение',
      kind: 'discipline',
      cycle: 'ОП',
      parentCode: null,
      terms: [{ termNo: 3, hours: { theory: 24, practical: 12 }, form: 'ДЗ' }],
    });
    const body = { programId: c.program.id, fileName: 'plan-2.plx', contentBase64: b64(changed) };
    const dry = await c.methodist.post<PlxImportResult>('/curricula/import-plx', { ...body, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.needsConfirmation).toBe(true);
    expect(dry.body.curriculum).toMatchObject({ exists: true, assignments: 1, lessons: 1 });
    const by = (code: string) => dry.body.changes.find((x) => x.code === code);
    expect(by('МДК.01.01')).toMatchObject({ change: 'update', details: ['4-й семестр: лаб. 24 → 30'] });
    expect(by('ОП.03')?.change).toBe('add');
    expect(by('УП.01')?.change).toBe('remove');
    expect(by('ОП.02')).toMatchObject({ change: 'keep', assignments: 1, lessons: 1 });

    const refused = await c.methodist.post('/curricula/import-plx', body);
    expect(refused.status).toBe(409);
    expect(
      (await c.methodist.get<Curriculum>(`/curricula/${cur.body.id}`)).body.items.find((i) => i.code === 'МДК.01.01')!.terms[0].hours
        .laboratory,
    ).toBe(24);

    const ok = await c.methodist.post<PlxImportResult>('/curricula/import-plx', { ...body, confirm: true });
    expect(ok.status).toBe(200);
    const after = await c.methodist.get<Curriculum>(`/curricula/${cur.body.id}`);
    expect(after.body.items.map((i) => i.code).sort()).toEqual(['ОП.02', 'ОП.03', 'МДК.01.01', 'ПМ.01'].sort());
    expect(after.body.items.find((i) => i.code === 'МДК.01.01')!.terms[0].hours.laboratory).toBe(30);
    const log = await s.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('organization_id', '=', c.org.id)
      .where('action', '=', 'curriculum.import_plx')
      .execute();
    expect(log).toHaveLength(2);
    expect(log[1].reason).toContain('plan-2.plx');
  });

  it('refuses bad files with a clear message and writes nothing', async () => {
    const c = await college();
    const good = writePlx(smallPlan());
    const post = (fileName: string, content: Buffer | string, programId: number | null = c.program.id) =>
      c.methodist.post<{ error: { code: string; message: string; fields?: Record<string, string> } }>('/curricula/import-plx', {
        programId,
        fileName,
        contentBase64: typeof content === 'string' ? content : content.toString('base64'),
      });

    const xlsx = await post('plan.xlsx', good);
    expect(xlsx.status).toBe(400);
    expect(xlsx.body.error.code).toBe('plx_not_plx');
    expect(xlsx.body.error.message).toContain('.plx');

    const notXml = await post('plan.plx', Buffer.from('PK\u0003\u0004 это архив, а не план'));
    expect(notXml.body.error.code).toBe('plx_not_plx');

    const truncated = await post('plan.plx', good.subarray(0, Math.floor(good.length / 2) & ~1));
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('plx_corrupt');
    expect(truncated.body.error.message).toMatch(/повреждён или загружен не полностью/);

    const other = await post('plan.plx', good, c.other.id);
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('plx_other_program');
    expect(other.body.error.fields?.programId).toContain('43.02.15');

    const empty = smallPlan();
    for (const it of empty.items) it.terms = [];
    const noTerms = await post('plan.plx', writePlx(empty));
    expect(noTerms.body.error.code).toBe('plx_no_semesters');

    const huge = await post('plan.plx', 'A'.repeat(Math.ceil((8 * 1024 * 1024) / 3) * 4 + 4));
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toContain('8 МБ');

    const otherOrg = await buildOrganization(s.db);
    const foreign = await buildProgram(s.db, otherOrg.id, { code: '43.02.15' });
    expect((await post('plan.plx', good, foreign.id)).status).toBe(400);

    expect(await curriculaOf(c.org.id)).toHaveLength(0);
  });

  it('creates the program from the file only for whoever may change the structure; a teacher may not import', async () => {
    const c = await college();
    const src = smallPlan({ code: '09.02.07', name: 'Информационные системы и программирование' });
    const refused = await c.methodist.post<{ error: { code: string; message: string } }>('/curricula/import-plx', {
      fileName: 'isp.plx',
      contentBase64: b64(src),
      dryRun: true,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('plx_no_program');
    expect(refused.body.error.message).toContain('в разделе «Структура»');
    const both = await buildUser(s.db, { orgId: c.org.id, roles: ['admin', 'methodist'] });
    const head = await login(both);
    const r = await head.post<PlxImportResult>('/curricula/import-plx', { fileName: 'isp.plx', contentBase64: b64(src), dryRun: true });
    expect(r.status).toBe(200);
    expect(r.body.program.id).toBeNull();
    expect(r.body.message).toContain('специальность 09.02.07');
    const applied = await head.post<PlxImportResult>('/curricula/import-plx', { fileName: 'isp.plx', contentBase64: b64(src) });
    expect(applied.status).toBe(200);
    const program = await s.db
      .selectFrom('programs')
      .selectAll()
      .where('organization_id', '=', c.org.id)
      .where('code', '=', '09.02.07')
      .executeTakeFirst();
    expect(program?.name).toBe('Информационные системы и программирование');

    const teacher = await login(c.users.teacher);
    expect((await teacher.post('/curricula/import-plx', { fileName: 'isp.plx', contentBase64: b64(src), dryRun: true })).status).toBe(403);
  });

  it("the academic calendar of the groups' curricula gives the term dates when the next year is set up", async () => {
    const c = await college();
    await buildGroup(s.db, { orgId: c.org.id, programId: c.program.id, course: 1, name: 'ПК-26' });
    const admin = await login(c.users.admin);
    const before = await admin.get<RolloverPlan>('/rollover/preview');
    expect(before.status).toBe(200);
    expect(before.body.terms).toEqual([
      { number: 1, startDate: '2027-09-01', endDate: '2027-12-31' },
      { number: 2, startDate: '2028-01-12', endDate: '2028-06-30' },
    ]);
    expect(before.body.termsSource).toMatch(/нет графика/);
    // The group (intake 2026) goes to its 2nd course: weeks 1–18 of study and attestation, then from week 21 to 43.
    const r = await c.methodist.post<PlxImportResult>('/curricula/import-plx', {
      programId: c.program.id,
      fileName: 'pk-2026.plx',
      contentBase64: b64(demoPlxSource('43.02.15', 2026)),
    });
    expect(r.status).toBe(200);
    const after = await admin.get<RolloverPlan>('/rollover/preview');
    expect(after.body.terms).toEqual([
      { number: 1, startDate: '2027-09-01', endDate: '2028-01-02' },
      { number: 2, startDate: '2028-01-17', endDate: '2028-06-25' },
    ]);
    expect(after.body.termsSource).toBe('по графику учебного процесса учебных планов: 43.02.15 (2026)');
  });
});
