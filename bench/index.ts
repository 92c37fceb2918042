import { archiveBench, printJournalsBench } from './archive.js';
import { authBench } from './auth.js';
import { controlBench } from './control-fill.js';
import { demoBench } from './demo.js';
import { forecastBench } from './forecast.js';
import { importBench } from './import.js';
import { journalBench } from './journal.js';
import { journalCrashBench } from './journal-crash.js';
import { outboxBench } from './outbox.js';
import { performanceBench } from './performance.js';
import { plxBench } from './plx.js';
import { printBench } from './print.js';
import { regionBench } from './region.js';
import { regionReportBench } from './region-report.js';
import { timetableBench } from './timetable.js';
import { wireBench } from './wire.js';

/** Every benchmark by name; each area adds its own. */
export const benchmarks: Record<string, () => Promise<void>> = {
  demo: demoBench,
  auth: authBench,
  import: importBench,
  timetable: timetableBench,
  journal: journalBench,
  'journal-crash': journalCrashBench,
  plx: plxBench,
  wire: wireBench,
  performance: performanceBench,
  control: controlBench,
  print: printBench,
  archive: archiveBench,
  'print-journals': printJournalsBench,
  digest: outboxBench,
  forecast: forecastBench,
  region: regionBench,
  'region-report': regionReportBench,
};
