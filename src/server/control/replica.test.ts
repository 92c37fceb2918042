import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../contracts/activity.js';
import type { Health } from '../../contracts/backup.js';
import type { PerformanceReport } from '../../contracts/performance.js';
import {
  buildAcademicYear,
  buildAssignment,
  buildGroup,
  buildLesson,
  buildOrganization,
  buildProgram,
  buildStudent,
  buildSubject,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { buildTermGrade } from '../../../test/factories-attestation.js';
import { ApiClient, startTestServer, type TestServer } from '../../../test/server.js';
import { openDatabase, sql } from '../platform/db.js';

// Reports read a streaming replica when READ_DATABASE_URL names one (decision 053). Here the
// replica is a copy of the database taken at one moment (SQLite: VACUUM INTO; PostgreSQL: the
// schema's tables copied), as a replica that has not yet replayed what came after: the report
// shows the copy's figures, while everything else reads and writes the main database.

let s: TestServer;
let replica: { url: string; schema?: string };
let dropReplica = async () => {};
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await dropReplica();
  await s.close();
});

async function copyOfDatabase(): Promise<{ url: string; schema?: string }> {
  if (s.engine === 'sqlite') {
    const file = join(dirname(s.config.databaseUrl.slice('sqlite:'.length)), 'replica.db');
    await sql.raw(`vacuum into '${file}'`).execute(s.db);
    return { url: `sqlite:${file}` };
  }
  const from = (await sql<{ s: string }>`select current_schema() as s`.execute(s.db)).rows[0].s;
  const to = `${from}_replica`;
  await sql.raw(`create schema ${to}`).execute(s.db);
  dropReplica = async () => void (await sql.raw(`drop schema ${to} cascade`).execute(s.db));
  const tables = await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = ${from}`.execute(s.db);
  for (const { t } of tables.rows) await sql.raw(`create table ${to}."${t}" as table ${from}."${t}"`).execute(s.db);
  return { url: s.config.databaseUrl, schema: to };
}

describe('reports on a replica', () => {
  it('the performance report reads the replica; the rest of the app the main database', async () => {
    const orgId = (await buildOrganization(s.db)).id;
    const term = (await buildAcademicYear(s.db, orgId, 2026)).termIds[0];
    const program = await buildProgram(s.db, orgId);
    const group = await buildGroup(s.db, { orgId, name: 'РП-26', programId: program.id });
    const subject = await buildSubject(s.db, orgId, { programId: program.id, code: 'ОП.02', name: 'Химия' });
    const teacher = await buildUser(s.db, { orgId, roles: ['teacher'] });
    const deputy = await buildUser(s.db, { orgId, roles: ['deputy'] });
    const director = await buildUser(s.db, { orgId, roles: ['director'] });
    const assignment = await buildAssignment(s.db, { group, termId: term, subjectId: subject.id, teacherPersonId: teacher.personId });
    const graded = async (lastName: string, value: string) => {
      const st = await buildStudent(s.db, group, { lastName, since: '2025-09-01' });
      await buildTermGrade(s.db, { orgId, assignmentId: assignment.id, studentId: st.id, userId: teacher.id, value, kind: 'term' });
    };
    await graded('Алексеева', '5');
    await buildLesson(s.db, assignment, { date: '2026-10-05' });
    replica = await copyOfDatabase();
    // After the copy: what the replica has not received yet.
    await graded('Борисова', '2');
    await buildLesson(s.db, assignment, { date: '2026-10-06' });

    const peer = await s.peer({ reports: replica });
    try {
      const d = await new ApiClient(peer.url).login(deputy.login, TEST_PASSWORD);
      const fromReplica = await d.get<PerformanceReport>(`/performance?termId=${term}`);
      expect(fromReplica.status).toBe(200);
      expect(fromReplica.body.sections.students.map((r) => r.name)).toEqual([expect.stringMatching(/^Алексеева/)]);
      expect(fromReplica.body.sections.college[0].stats).toMatchObject({ n: 1, passRate: 100 });
      // The same deputy's sign-in and every other read are the main database's.
      const students = await d.get<{ items: unknown[] }>(`/students?groupId=${group.id}`);
      expect(students.status).toBe(200);
      expect(students.body.items).toHaveLength(2);
      const main = await (
        await new ApiClient(s.url).login(deputy.login, TEST_PASSWORD)
      ).get<PerformanceReport>(`/performance?termId=${term}`);
      expect(main.body.sections.college[0].stats).toMatchObject({ n: 2, passRate: 50 });
      // So does the monthly activity report (October's lessons); its view log is the main database's.
      const activity = async (url: string) =>
        (await (await new ApiClient(url).login(director.login, TEST_PASSWORD)).get<ActivityReport>('/activity?month=2026-10')).body;
      expect((await activity(peer.url)).summary.lessons.lessons).toBe(1);
      expect((await activity(s.url)).summary.lessons.lessons).toBe(2);
      // Monitoring tells which the reports read, and that the replica answers.
      expect((await new ApiClient(peer.url).get<Health>('/health')).body.reports).toEqual({ replica: true, ok: true, error: null });
      expect((await new ApiClient(s.url).get<Health>('/health')).body.reports).toEqual({ replica: false, ok: true, error: null });
    } finally {
      await peer.close();
    }
  });

  it('the replica is opened read-only: a write through it is refused', async () => {
    const r = openDatabase(replica.url, { schema: replica.schema, readOnly: true });
    try {
      await expect(
        r.db
          .insertInto('organizations')
          .values({ name: 'Чужой', short_name: 'Ч' } as never)
          .execute(),
      ).rejects.toThrow(/read-only|readonly/i);
    } finally {
      await r.close();
    }
  });
});
