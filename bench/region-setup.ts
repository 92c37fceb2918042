import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { addDays, todayIn } from '../src/domain/dates.js';
import { DEMO_PASSWORD, DEMO_TIME_ZONE, demoLogin, seedDemo } from '../src/server/demo/seed.js';
import { openDatabase, type Db } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { SESSION_COOKIE } from '../src/server/platform/sessions.js';
import { timetableDemo } from '../src/server/timetable/demo.js';

/** A login of the seeded region: every one has the demo password. */
export interface RegionUser {
  userId: number;
  orgId: number;
  personId: number;
  login: string;
}

/** A lesson a teacher may record now (today's, or yesterday's while the entry window is open), with its roster. */
export interface RegionLesson {
  lessonId: number;
  date: string;
  studentIds: number[];
}

export interface RegionTeacher extends RegionUser {
  /** Today's lessons first, then yesterday's; empty for a teacher with no lesson on either day. */
  lessons: RegionLesson[];
}

export interface RegionGuardian extends RegionUser {
  /** The guardian's children (student ids), each in the guardian's college. */
  childIds: number[];
}

export interface RegionCollege {
  orgId: number;
  college: number;
  students: number;
  /** The fixed demo logins of this college (admin, director, deputy, teacher, parent …: `admin`, `admin2` …). */
  logins: Record<string, string>;
}

export interface Region {
  databaseUrl: string;
  password: string;
  /** The date the region was built around (the colleges' time zone): lessons are the current term's up to it and two weeks on. */
  today: string;
  colleges: RegionCollege[];
  teachers: RegionTeacher[];
  guardians: RegionGuardian[];
  /** The regional administrator's login. */
  regionLogin: string;
  seconds: number;
  /** The database's size after the seed, in bytes. */
  databaseBytes: number;
}

const FIXED = ['admin', 'director', 'deputy', 'methodist', 'chair', 'specialist', 'curator', 'teacher', 'student', 'parent', 'observer'];

/**
 * A region in PostgreSQL: `colleges` demo colleges of `studentsPerCollege` students each, built by
 * the demo's own generator up to the timetable (the current term's week and lessons; no journal
 * history), several colleges at a time, then a login for every teacher and guardian (password
 * `demo`) by one INSERT … SELECT per college. The database named by `databaseUrl` is dropped and
 * created anew, so its name must end in `_bench` (e.g. `load_bench`).
 */
export async function seedRegion(
  databaseUrl: string,
  o: { colleges?: number; studentsPerCollege?: number; template?: string } = {},
): Promise<Region> {
  const colleges = o.colleges ?? 40;
  const students = o.studentsPerCollege ?? 2000;
  const started = Date.now();
  const today = todayIn(DEMO_TIME_ZONE);
  const copied = o.template ? await copyOfTemplate(databaseUrl, o.template, `${colleges}×${students}:${today}`) : false;
  if (!copied) await recreateDatabase(databaseUrl);
  const { db, close } = openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    // Each college is one transaction of many multi-row inserts: the database's side dominates,
    // so three at a time keep both cores busy without queueing behind each other's locks.
    let next = 1;
    const worker = async () => {
      for (let n = next++; n <= colleges; n = next++) await seedDemo(db, { students, seed: n, college: n, through: timetableDemo, today });
    };
    if (!copied) {
      await Promise.all(Array.from({ length: Math.min(3, colleges) }, worker));
      await addLogins(db);
      // As autovacuum would keep it (a test server may run without): the rights stamp's row trigger
      // rewrote each college's row once per seeded row, 150,000 dead versions for 10 colleges.
      await sql`vacuum full organizations`.execute(db);
      await sql`vacuum analyze`.execute(db);
    }
    // College n is the one whose administrator's login is the demo's n-th (`admin`, `admin2` …).
    const admins = Array.from({ length: colleges }, (_, i) => demoLogin('admin', i + 1));
    const orgs = await db.selectFrom('users').select(['login', 'organization_id']).where('login', 'in', admins).execute();
    const orgOf = new Map(orgs.map((r) => [r.login, r.organization_id]));
    const orgIds = admins.map((l) => orgOf.get(l)!);
    if (o.template && !copied) {
      await close();
      await saveTemplate(databaseUrl, o.template, `${colleges}×${students}:${today}`);
      return seedRegion(databaseUrl, o).then((r) => ({ ...r, seconds: (Date.now() - started) / 1000 }));
    }
    const teachers = await teachersOf(db, today);
    const guardians = await guardiansOf(db);
    const size = await sql<{ bytes: number }>`select pg_database_size(current_database())::bigint as bytes`.execute(db);
    return {
      databaseUrl,
      password: DEMO_PASSWORD,
      today,
      colleges: orgIds.map((orgId, i) => ({
        orgId,
        college: i + 1,
        students,
        logins: Object.fromEntries(FIXED.map((l) => [l, demoLogin(l, i + 1)])),
      })),
      teachers,
      guardians,
      regionLogin: 'region',
      seconds: (Date.now() - started) / 1000,
      databaseBytes: Number(size.rows[0].bytes),
    };
  } finally {
    await close();
  }
}

/** Drops and creates the bench's database (only one whose name ends in `_bench`), empty or as a copy of `template`. */
async function recreateDatabase(databaseUrl: string, template?: string): Promise<void> {
  const name = benchDatabaseName(databaseUrl);
  await withAdmin(databaseUrl, async (admin) => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  });
}

function benchDatabaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[a-z0-9_]+_bench$/.test(name))
    throw new Error(`seedRegion: база «${name}» будет пересоздана — её имя должно оканчиваться на _bench`);
  return name;
}

async function withAdmin<T>(databaseUrl: string, f: (admin: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    return await f(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The seeded region kept as a template database (`--template=<name>_bench` of the region bench): the
 * next run with the same size on the same day copies it in seconds instead of seeding it again. Its
 * comment records what it holds; a template of another size or day is not used (and is replaced).
 */
async function copyOfTemplate(databaseUrl: string, template: string, what: string): Promise<boolean> {
  benchDatabaseName(databaseUrl.replace(/\/[^/]*$/, `/${template}`));
  const found = await withAdmin(databaseUrl, (admin) =>
    admin.query<{ what: string | null }>(`select shobj_description(oid, 'pg_database') as what from pg_database where datname = $1`, [
      template,
    ]),
  );
  if (found.rows[0]?.what !== what) return false;
  await recreateDatabase(databaseUrl, template);
  return true;
}

async function saveTemplate(databaseUrl: string, template: string, what: string): Promise<void> {
  const name = benchDatabaseName(databaseUrl);
  await withAdmin(databaseUrl, async (admin) => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.query(`create database ${template} template ${name}`);
    await admin.query(`comment on database ${template} is '${what}'`);
  });
}

/**
 * A login for every teacher and guardian who has none (the demo gives logins to its fixed people
 * only): `t<person id>` and `g<person id>`, with the demo's password hash. The rights stamp's row
 * trigger would update a college's row once per login; it is held off for the insert and every
 * stamp bumped once instead (what the trigger means: principals loaded before are stale).
 */
async function addLogins(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`alter table users disable trigger users_rights_stamp`.execute(tx);
    await sql`
      insert into users (organization_id, person_id, login, password_hash, must_change_password, is_active, created_at)
      select p.organization_id, p.person_id, p.login, h.password_hash, 0, 1, h.created_at
      from (
        select sr.organization_id, sr.person_id, 't' || sr.person_id as login from staff_roles sr where sr.role = 'teacher'
        union
        select gl.organization_id, gl.guardian_person_id, 'g' || gl.guardian_person_id from guardian_links gl
      ) p
      cross join (select password_hash, created_at from users order by id limit 1) h
      where not exists (select 1 from users u where u.person_id = p.person_id)
      order by p.organization_id, p.login
    `.execute(tx);
    await sql`alter table users enable trigger users_rights_stamp`.execute(tx);
    await sql`update organizations set rights_stamp = rights_stamp + 1`.execute(tx);
  });
}

/** Every teacher with a login, with the lessons they may record now: today's and yesterday's, each with its roster. */
async function teachersOf(db: Db, today: string): Promise<RegionTeacher[]> {
  const yesterday = addDays(today, -1);
  const users = await sql<RegionUser>`
    select distinct u.id as "userId", u.organization_id as "orgId", u.person_id as "personId", u.login
    from users u join staff_roles sr on sr.person_id = u.person_id and sr.role = 'teacher'
    order by u.id`.execute(db);
  const lessons = await sql<{ lesson_id: number; date: string; teacher_person_id: number; student_id: number }>`
    select l.id as lesson_id, l.date, l.teacher_person_id, m.student_id
    from lessons l
    join assignments a on a.id = l.assignment_id
    join (
      select gm.group_id, null::integer as subgroup_id, gm.student_id, gm.start_date, gm.end_date from group_memberships gm
      union all
      select sg.group_id, sm.subgroup_id, sm.student_id, sm.start_date, sm.end_date
      from subgroup_memberships sm join subgroups sg on sg.id = sm.subgroup_id
    ) m on m.group_id = a.group_id and m.subgroup_id is not distinct from a.subgroup_id
       and m.start_date <= l.date and (m.end_date is null or m.end_date >= l.date)
    where l.date in (${today}, ${yesterday}) and l.status = 'scheduled'
    order by l.date desc, l.pair_no, l.id, m.student_id`.execute(db);
  const byTeacher = new Map<number, Map<number, RegionLesson>>();
  for (const r of lessons.rows) {
    let own = byTeacher.get(r.teacher_person_id);
    if (!own) byTeacher.set(r.teacher_person_id, (own = new Map()));
    let l = own.get(r.lesson_id);
    if (!l) own.set(r.lesson_id, (l = { lessonId: r.lesson_id, date: r.date, studentIds: [] }));
    l.studentIds.push(r.student_id);
  }
  return users.rows.map((u) => ({ ...u, lessons: [...(byTeacher.get(u.personId)?.values() ?? [])] }));
}

/** Every guardian with a login and their children. */
async function guardiansOf(db: Db): Promise<RegionGuardian[]> {
  const rows = await sql<RegionUser & { student_id: number }>`
    select u.id as "userId", u.organization_id as "orgId", u.person_id as "personId", u.login, gl.student_id
    from users u join guardian_links gl on gl.guardian_person_id = u.person_id and gl.organization_id = u.organization_id
    order by u.id, gl.student_id`.execute(db);
  const out = new Map<number, RegionGuardian>();
  for (const { student_id, ...u } of rows.rows) {
    const g = out.get(u.userId) ?? { ...u, childIds: [] };
    g.childIds.push(student_id);
    out.set(u.userId, g);
  }
  return [...out.values()];
}

/** A signed-in session: the cookie to send and the CSRF token writes need. */
export interface RegionSession {
  cookie: string;
  csrf: string;
}

/**
 * Sessions written straight into the sessions table, as the login route writes them (a random
 * token in the cookie, its SHA-256 in the table): signing in 100,000 people through the API would
 * spend minutes of argon2 per run on what the load test does not measure. Expire in `hours`.
 */
export async function createSessions(
  databaseUrl: string,
  users: Pick<RegionUser, 'userId' | 'orgId'>[],
  hours = 12,
): Promise<RegionSession[]> {
  const { db, close } = openDatabase(databaseUrl);
  try {
    const now = new Date();
    const at = now.toISOString();
    const expires = new Date(now.getTime() + hours * 3_600_000).toISOString();
    const out: RegionSession[] = [];
    const rows = users.map((u) => {
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      out.push({ cookie: `${SESSION_COOKIE}=${token}`, csrf });
      return {
        id: createHash('sha256').update(token).digest('base64url'),
        organization_id: u.orgId,
        user_id: u.userId,
        csrf_token: csrf,
        created_at: at,
        last_seen_at: at,
        expires_at: expires,
        ip: '127.0.0.1',
        user_agent: 'bench',
      };
    });
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto('sessions')
        .values(rows.slice(i, i + 2000))
        .execute();
    return out;
  } finally {
    await close();
  }
}
