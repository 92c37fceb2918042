import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { todayIn } from '../src/domain/dates.js';
import { DEMO_TIME_ZONE, seedDemo } from '../src/server/demo/seed.js';
import { trainModels } from '../src/server/forecast/models.js';
import { atRiskOf, termForecast } from '../src/server/forecast/service.js';
import { openDatabase } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { figure } from './lib.js';
import { decimalRu } from '../src/domain/russian.js';

// Forecasting a whole college (issue 16 item 9): the demo college of FORECAST_STUDENTS students
// (2,000 by default) with its previous year; the nightly training on that history (with the
// backtest), then the whole college's forecast as the deputy's «Прогноз» makes it — the journal read
// as of today, every student × subject forecast, the groups' rates and the at-risk list with reasons.
// Target: the forecast of the whole college ≤ 10 s.

const STUDENTS = Number(process.env.FORECAST_STUDENTS ?? 2000);

export async function forecastBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ejournal-bench-'));
  const { db, close } = openDatabase(`sqlite:${join(dir, 'forecast.db')}`);
  try {
    await migrateToLatest(db);
    let t = performance.now();
    const { orgId } = await seedDemo(db, { students: STUDENTS, seed: 7 });
    console.log(`  демо-колледж на ${STUDENTS} обучающихся: ${decimalRu((performance.now() - t) / 1000, 1)} с`);
    const today = todayIn(DEMO_TIME_ZONE);

    // The nightly training reads the history and fits in a worker thread: the event loop must stay
    // responsive meanwhile (decision 045) — the longest stall of the loop while it runs, beside the
    // longest stall of the same loop doing nothing for 2 s (what the machine's load alone causes).
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    idle.disable();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // The histogram measures from its first sample: let it take one before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 30));
    t = performance.now();
    const trained = await trainModels(db, orgId, today, { job: null, userId: null });
    const trainS = (performance.now() - t) / 1000;
    loop.disable();
    figure(`Обучение моделей на истории колледжа (${trained.rows} строк, с проверкой на прошлом годе)`, trainS, 'с');
    figure('Самая долгая остановка цикла событий во время обучения', loop.max / 1e6, 'мс', { op: '<=', value: 200 });
    console.log(`    для сравнения, без работы за 2 с: ${(idle.max / 1e6).toFixed(0)} мс`);
    console.log(
      `    модель «зачтено/не зачтено»: ${trained.passSource === 'history' ? 'по истории колледжа' : 'встроенная'} (${trained.passRows} строк)`,
    );
    for (const r of trained.backtest.rows)
      console.log(`    проверка ${trained.backtest.term}: ${r.method} — точность ${r.accuracy}, Брайер ${r.brier} (${r.rows} строк)`);

    t = performance.now();
    const { forecast } = await termForecast(db, orgId, today, undefined, { reach: null });
    const pairs = forecast.subjects.reduce((s, x) => s + x.students.length, 0);
    const risky = atRiskOf(forecast.subjects);
    const s = (performance.now() - t) / 1000;
    figure(`Прогноз всего колледжа (${pairs} пар «обучающийся × дисциплина», ${risky.length} в зоне риска показано)`, s, 'с', {
      op: '<=',
      value: 10,
    });
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}
