import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ArchiveExport } from '../contracts/archive-export.js';
import { academicYearStart, todayIn } from '../domain/dates.js';
import { demoPlxFiles } from '../server/curriculum/plx-demo.js';
import { demoLogin, seedDemo } from '../server/demo/seed.js';
import { createRegionalAdmin } from '../server/region/first-admin.js';
import { loadConfig } from '../server/platform/config.js';
import { openDatabase } from '../server/platform/db.js';
import { migrateToLatest } from '../server/platform/migrate.js';
import { restoreBackup, RestoreRefused } from '../server/backup/restore.js';
import { backupNow, backupOverview } from '../server/backup/service.js';
import { backupSettings } from '../server/backup/settings.js';
import { countRu, NOUNS, secondsRu } from '../domain/russian.js';
import { sizeRu } from '../domain/backup.js';

const USAGE = `Использование: ejournal <команда> [параметры]

Команды:
  migrate                             применить миграции к базе DATABASE_URL
  demo [--students N] [--seed S] [--colleges K] [--reset]
                                      создать демонстрационный колледж (N обучающихся, по умолчанию 600);
                                      --colleges K — K колледжей региона (по умолчанию 1), у каждого свои
                                      данные и логины (admin, admin2 …); --reset удаляет все организации базы
  create-regional-admin --login ЛОГИН --region РЕГИОН --last-name Ф --first-name И [--middle-name О]
                        [--time-zone Asia/Vladivostok]
                                      создать регионального администратора (он создаёт колледжи региона);
                                      временный пароль печатается один раз
  plx-demo [--out DIR] [--year ГГГГ]  записать учебные планы демонстрационных специальностей в файлы «Планов» (.plx)
                                      для годов набора ГГГГ-3…ГГГГ (по умолчанию — текущий учебный год) в папку DIR
                                      (по умолчанию plx-demo); их можно загрузить на странице «Учебные планы»
  backup                              сделать резервную копию базы сейчас (в BACKUP_DIR и другие места хранения)
  restore <копия> [--force]           восстановить базу DATABASE_URL из копии: файла (рядом — его .manifest.json)
                                      или ключа S3 (s3://корзина/ключ или s3:ключ); база должна быть пустой,
                                      --force заменяет её. Копия с неверной контрольной суммой или схемой новее
                                      этой версии не восстанавливается. Остановите сервер перед восстановлением
  archive-schema [--out FILE]         записать JSON Schema выгрузки группы из архива года (по умолчанию
                                      docs/archive-export.schema.json)
`;

function fail(message: string): never {
  console.error(`Ошибка: ${message}`);
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined, def: number): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} должно быть целым положительным числом (получено «${value}»)`);
  return n;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === 'plx-demo') {
    let values;
    try {
      ({ values } = parseArgs({ args: rest, options: { out: { type: 'string' }, year: { type: 'string' } } }));
    } catch (e) {
      fail((e as Error).message);
    }
    const year = positiveInt('year', values.year, academicYearStart(todayIn('Europe/Moscow')));
    if (year < 2000 || year > 2100) fail(`--year должно быть годом от 2000 до 2100 (получено «${values.year}»)`);
    const out = values.out ?? 'plx-demo';
    mkdirSync(out, { recursive: true });
    let n = 0;
    for (let intake = year - 3; intake <= year; intake++) {
      for (const f of demoPlxFiles(intake)) {
        writeFileSync(join(out, f.fileName), f.content);
        n++;
      }
    }
    console.log(`Записано файлов «Планов»: ${n} (годы набора ${year - 3}–${year}) в папку ${out}.`);
    return;
  }
  if (command === 'archive-schema') {
    const out = parseArgs({ args: rest, options: { out: { type: 'string' } } }).values.out ?? 'docs/archive-export.schema.json';
    writeFileSync(out, `${JSON.stringify(z.toJSONSchema(ArchiveExport), null, 2)}\n`);
    console.log(`Схема выгрузки записана в ${out}.`);
    return;
  }
  const config = loadConfig();
  if (command === 'migrate') {
    const { db, close } = openDatabase(config.databaseUrl);
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Применены миграции: ${applied.join(', ')}` : 'База уже в актуальном состоянии.');
    await close();
    return;
  }
  if (command === 'create-regional-admin') {
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          login: { type: 'string' },
          region: { type: 'string' },
          'last-name': { type: 'string' },
          'first-name': { type: 'string' },
          'middle-name': { type: 'string' },
          'time-zone': { type: 'string' },
        },
      }));
    } catch (e) {
      fail((e as Error).message);
    }
    for (const name of ['login', 'region', 'last-name', 'first-name'] as const) if (!values[name]) fail(`укажите --${name}.\n\n${USAGE}`);
    const { db, close } = openDatabase(config.databaseUrl);
    try {
      await migrateToLatest(db);
      const r = await createRegionalAdmin(db, {
        login: values.login!.trim().toLowerCase(),
        region: values.region!,
        lastName: values['last-name']!,
        firstName: values['first-name']!,
        middleName: values['middle-name'] ?? null,
        timeZone: values['time-zone'] ?? 'Europe/Moscow',
      });
      console.log(
        `Региональный администратор создан (${r.office}).\nЛогин: ${r.login}\nВременный пароль: ${r.password}\nПароль показан один раз; при первом входе его нужно сменить.`,
      );
    } catch (e) {
      await close();
      fail((e as Error).message);
    }
    await close();
    return;
  }
  if (command === 'backup') {
    const { db, engine, close } = openDatabase(config.databaseUrl);
    await migrateToLatest(db);
    const started = await backupNow({ db, engine, databaseUrl: config.databaseUrl }, backupSettings(), { trigger: 'cli', userId: null });
    if (!started) {
      await close();
      fail('резервная копия уже делается (сервером или другой командой): дождитесь её окончания.');
    }
    await started.done;
    const b = (await backupOverview(db, backupSettings(), 1)).items[0];
    await close();
    if (b.status !== 'ok') fail(`копия ${b.fileName} не сделана: ${b.error}`);
    console.log(
      `Резервная копия ${b.fileName} (${sizeRu(b.size ?? 0)}, sha256 ${b.sha256}) записана: ${b.destinations.map((d) => d.target).join(', ')}.`,
    );
    return;
  }
  if (command === 'restore') {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: 'boolean' } } });
    } catch (e) {
      fail((e as Error).message);
    }
    const spec = parsed.positionals[0];
    if (!spec || parsed.positionals.length > 1) fail('укажите одну копию: ejournal restore <файл | s3://корзина/ключ> [--force]');
    try {
      const r = await restoreBackup(spec, config.databaseUrl, backupSettings(), { force: parsed.values.force });
      console.log(
        `База восстановлена из копии ${r.manifest.file} от ${r.manifest.createdAt} (схема ${r.manifest.schemaVersion}, версия ${r.manifest.productVersion}); таблиц в базе: ${r.tables}.`,
      );
    } catch (e) {
      fail(e instanceof RestoreRefused ? `копия не восстановлена: ${e.message}` : (e as Error).message);
    }
    return;
  }
  if (command === 'demo') {
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { students: { type: 'string' }, seed: { type: 'string' }, colleges: { type: 'string' }, reset: { type: 'boolean' } },
      }));
    } catch (e) {
      fail((e as Error).message);
    }
    const students = positiveInt('students', values.students, config.demoStudents);
    const seed = positiveInt('seed', values.seed, 1);
    const colleges = positiveInt('colleges', values.colleges, 1);
    if (colleges > 50) fail(`--colleges: не больше 50 (получено «${values.colleges}»)`);
    const { db, close } = openDatabase(config.databaseUrl);
    await migrateToLatest(db);
    const existing = await db.selectFrom('organizations').select('id').execute();
    if (existing.length && !values.reset) {
      await close();
      fail('в базе уже есть данные. Укажите --reset, чтобы удалить их и создать демо заново, или другой DATABASE_URL.');
    }
    if (existing.length) {
      await db.deleteFrom('sessions').execute();
      await db.deleteFrom('login_attempts').execute();
      await db.deleteFrom('audit_log').execute();
      await db.deleteFrom('organizations').execute();
    }
    const started = Date.now();
    for (let college = 1; college <= colleges; college++) {
      // Each college its own seed, so their people and marks differ.
      await seedDemo(db, { students, seed: seed + college - 1, college });
      if (colleges > 1) console.log(`Колледж ${college} из ${colleges} создан; вход: ${demoLogin('admin', college)} / demo и др.`);
    }
    console.log(
      colleges > 1
        ? `Демонстрационный регион создан: ${countRu(colleges, NOUNS.college)} по ${countRu(students, NOUNS.student)}, seed ${seed}…${seed + colleges - 1}, за ${secondsRu(Date.now() - started)}. Региональный администратор: region / demo.`
        : `Демонстрационный колледж создан: ${countRu(students, NOUNS.student)}, seed ${seed}, за ${secondsRu(Date.now() - started)}.`,
    );
    await close();
    return;
  }
  fail(`неизвестная команда «${command}».\n\n${USAGE}`);
}

await main();
