import { writePlx, standardCalendar, type PlxSource, type PlxSourceItem } from '../src/server/curriculum/plx-write.js';
import { openDatabase } from '../src/server/platform/db.js';
import { apiUrl, figure, loginHttp, startServerProcess } from './lib.js';
import { countRu, decimalRu, NOUNS } from '../src/domain/russian.js';

/** A 4-year plan of a college: ~80 rows with hours of every kind in several semesters (~2,000 hours rows). */
export function benchPlan(intakeYear: number, extraTheory = 0): PlxSource {
  const items: PlxSourceItem[] = [];
  const add = (code: string, name: string, kind: string, cycle: string, parentCode: string | null, termNos: number[], form = 'ДЗ') =>
    items.push({
      code,
      name,
      kind,
      cycle,
      parentCode,
      terms: termNos.map((termNo, i) => ({
        termNo,
        form: i === termNos.length - 1 ? form : null,
        extraForms: i === 0 && kind === 'mdk' ? ['КР'] : [],
        hours: kind.endsWith('practice')
          ? { practice: 72 }
          : {
              theory: 30 + extraTheory,
              practical: 16,
              laboratory: 8,
              self_study: 4,
              course_project: kind === 'mdk' ? 10 : 0,
              consultation: 2,
              exam: form === 'Э' ? 6 : 0,
            },
      })),
    });
  for (let i = 1; i <= 12; i++)
    add(`ООД.${String(i).padStart(2, '0')}`, `Общеобразовательная дисциплина ${i}`, 'discipline', 'ООД', null, [1, 2], i % 3 ? 'ДЗ' : 'Э');
  for (let i = 1; i <= 7; i++)
    add(`ОГСЭ.${String(i).padStart(2, '0')}`, `Дисциплина ОГСЭ ${i}`, 'discipline', 'ОГСЭ', null, [3, 4, 5, 6, 7, 8]);
  for (let i = 1; i <= 3; i++) add(`ЕН.${String(i).padStart(2, '0')}`, `Дисциплина ЕН ${i}`, 'discipline', 'ЕН', null, [3, 4, 5, 6]);
  for (let i = 1; i <= 12; i++)
    add(
      `ОП.${String(i).padStart(2, '0')}`,
      `Общепрофессиональная дисциплина ${i}`,
      'discipline',
      'ОП',
      null,
      [3, 4, 5, 6].map((t) => t + (i % 3)),
      i % 2 ? 'Э' : 'ДЗ',
    );
  for (let m = 1; m <= 6; m++) {
    const nn = String(m).padStart(2, '0');
    const t = 3 + (m % 3);
    items.push({
      code: `ПМ.${nn}`,
      name: `Профессиональный модуль ${m}`,
      kind: 'module',
      cycle: 'ПМ',
      parentCode: null,
      terms: [{ termNo: t + 3, hours: { consultation: 2, exam: 6 }, form: 'Эк' }],
    });
    for (let k = 1; k <= 4; k++)
      add(
        `МДК.${nn}.${String(k).padStart(2, '0')}`,
        `Междисциплинарный курс ${m}.${k}`,
        'mdk',
        'ПМ',
        `ПМ.${nn}`,
        [t, t + 1, t + 2, t + 3],
        'Э',
      );
    add(`УП.${nn}`, 'Учебная практика', 'educational_practice', 'ПМ', `ПМ.${nn}`, [t + 1]);
    add(`ПП.${nn}`, 'Производственная практика', 'industrial_practice', 'ПМ', `ПМ.${nn}`, [t + 3]);
  }
  items.push({
    code: 'ГИА',
    name: 'Государственная итоговая аттестация (демонстрационный экзамен)',
    kind: 'gia',
    cycle: 'ГИА',
    parentCode: null,
    terms: [{ termNo: 8, hours: {}, form: 'ДЭ' }],
  });
  return {
    program: {
      code: '43.02.15',
      name: 'Поварское и кондитерское дело',
      qualification: 'Специалист',
      studyForm: 'full_time',
      intakeYear,
      semesters: 8,
    },
    items,
    calendar: standardCalendar(4, () => ({ educational: 2, industrial: 2 })),
  };
}

/** «Планы» import of a 4-year plan over HTTP: dry run and apply of a new plan, then of a changed one (target: ≤ 1 s each). */
export async function plxBench(): Promise<void> {
  const server = await startServerProcess({ students: 60 });
  try {
    const { db, close } = openDatabase(server.dbUrl);
    const program = await db.selectFrom('programs').select('id').where('code', '=', '43.02.15').executeTakeFirstOrThrow();
    await close();
    const { cookie, csrf } = await loginHttp(server.url, 'methodist');
    const file = (src: PlxSource) => writePlx(src);
    const first = file(benchPlan(2030));
    const changed = file(benchPlan(2030, 2));
    const text = first.subarray(2).toString('utf16le');
    const rows = (text.match(/<ПланыСтроки /g) ?? []).length;
    const hours = (text.match(/<ПланыНовыеЧасы /g) ?? []).length;
    const run = async (buf: Buffer, dryRun: boolean) => {
      const t = performance.now();
      const r = await fetch(apiUrl(server.url, 'POST /curricula/import-plx'), {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ programId: program.id, fileName: 'bench.plx', contentBase64: buf.toString('base64'), dryRun }),
      });
      const body = (await r.json()) as { counts?: { add: number; update: number }; error?: unknown };
      if (!r.ok) throw new Error(`import failed: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
      return { s: (performance.now() - t) / 1000, body };
    };
    const results = [await run(first, true), await run(first, false), await run(changed, true), await run(changed, false)];
    const [dry, apply, dry2, apply2] = results;
    console.log(
      `Загрузка учебного плана из «Планов» (SQLite, по HTTP): ${countRu(rows, NOUNS.row)} плана, ${countRu(hours, NOUNS.row)} часов, файл ${decimalRu(first.length / 1e6, 2)} МБ`,
    );
    console.log(`  новый план: проверка ${decimalRu(dry.s, 2)} с, загрузка ${decimalRu(apply.s, 2)} с (строк ${apply.body.counts?.add})`);
    console.log(
      `  изменённый план: проверка ${decimalRu(dry2.s, 2)} с, загрузка ${decimalRu(apply2.s, 2)} с (изменено ${apply2.body.counts?.update})`,
    );
    const worst = Math.max(...results.map((x) => x.s));
    console.log(`  цель ≤ 1 с: ${worst <= 1 ? `запас ×${decimalRu(1 / worst, 1)}` : `превышена (${decimalRu(worst, 2)} с)`}`);
    figure('Учебный план из «Планов»: худшая из проверок и загрузок', worst, 'с', { op: '<=', value: 1 });
  } finally {
    await server.stop();
  }
}
