// `npm run eval:forecast`: the UCI evaluation (eval/forecast.ts) and, in the same table, the backtest
// on the demo college (eval/demo-backtest.ts). `--no-demo` leaves the demo out.
import { demoBacktestRows } from './demo-backtest.js';
import { runForecastEval } from './forecast.js';

const argv = process.argv.slice(2);
const demo = !argv.includes('--no-demo');
await runForecastEval(argv, demo ? () => demoBacktestRows() : undefined);
if (demo && !argv.includes('--json'))
  console.log(
    'Demo college rows: forecasts as of mid-term of each term of the previous year against the term grades then given; the college’s' +
      '\nmodel scored out of fold (folds by student); «published naive» — the naive forecast (the weighted average rounded),' +
      '\n«published best» — the built-in prior model (decision 036). ГИА rows (decision 044): last year’s graduates as of the day' +
      '\nbefore their demo exam or defence; naive — the mean of module results rounded.',
  );
process.exit(0);
