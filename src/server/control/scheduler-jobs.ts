import { addDays, formatRu } from '../../domain/dates.js';
import { nowIso, type Db } from '../platform/db.js';
import { buildActivityReport, monthTitle, previousMonth } from './activity.js';
import { fillDay } from './fill-service.js';
import { allTerms } from './performance-queries.js';
import { collegePerformance } from './performance-service.js';
import { insertReport, madeByJob } from './scheduler-queries.js';
import type { Job } from './scheduler.js';
import { termsCheckedByJob } from './term-check-queries.js';
import { keepTermCheck } from './term-check-service.js';
import { keepWeekly } from './weekly-service.js';
import { trainGiaModels } from '../forecast/gia.js';
import { trainModels } from '../forecast/models.js';
import { DIGEST_JOB, sendWeeklyDigests } from '../notify/digest-service.js';
import { runScheduledReports } from '../notify/period-report-service.js';
import { FIGURES_JOB, runFiguresJob } from '../region/figures.js';
import { USES_RETENTION } from '../integrations/retention.js';

export const fillReportTitle = (date: string) => `Контроль заполнения журнала за ${formatRu(date)}`;

export const PERFORMANCE_TERM_KIND = 'performance-term';
export const PERFORMANCE_YEAR_KIND = 'performance-year';
export const ACTIVITY_KIND = 'activity-month';
export const TERM_JOB = 'term-reports';
export const FORECAST_JOB = 'forecast-train';
export const performanceTitle = (periodTitle: string) => `Успеваемость и качество знаний: ${periodTitle}`;
export const activityTitle = (month: string) => `Активность в электронном журнале: ${monthTitle(month)}`;

/** The college-wide performance report of a term or a year kept by the job, unless it already kept it. */
async function keepPerformance(db: Db, org: { id: number; timeZone: string }, of: { termId: number } | { yearId: number }) {
  const [kind, id] = 'termId' in of ? [PERFORMANCE_TERM_KIND, of.termId] : [PERFORMANCE_YEAR_KIND, of.yearId];
  if (await madeByJob(db, org.id, TERM_JOB, kind, String(id))) return;
  const data = await collegePerformance(db, org, of);
  const title = performanceTitle(data.period.title);
  await insertReport(db, { orgId: org.id, kind, period: String(id), title, userId: null, job: TERM_JOB, at: nowIso(), data });
}

/**
 * The day after a term ends: the end-of-term check (п. 5.3, 5.4) with its parts to acknowledge and
 * the college's performance report of the term (п. 6.2); after the year's last term, of the year too.
 * A term is due on the day after its end: every term due after the slot run before and up to this
 * one is made (a restart catches up each term missed); the first run makes yesterday's only. What a
 * retried run already made is not made again.
 */
async function termReports(db: Db, org: { id: number; timeZone: string }, slot: string, since: string | null) {
  const terms = await allTerms(db, org.id);
  const first = since ?? addDays(slot, -1);
  const ended = terms.filter((t) => t.end_date >= first && t.end_date < slot);
  const checked = new Set(
    await termsCheckedByJob(
      db,
      org.id,
      ended.map((t) => t.id),
      TERM_JOB,
    ),
  );
  for (const t of ended) {
    if (!checked.has(t.id)) await keepTermCheck(db, org, t.id, { job: TERM_JOB });
    await keepPerformance(db, org, { termId: t.id });
    const lastOfYear = terms.filter((x) => x.year_id === t.year_id).every((x) => x.end_date <= t.end_date);
    if (lastOfYear) await keepPerformance(db, org, { yearId: t.year_id });
  }
}

/** The jobs the server runs (decision 021). Each area's report adds its job here. */
export const JOBS: Job[] = [
  {
    // Every morning, yesterday's fill control is kept as a report (п. 3.8, 3.11).
    name: 'fill-daily',
    every: { kind: 'daily', at: '06:00' },
    async run(db, org, slot) {
      const day = addDays(slot, -1);
      const data = await fillDay(db, org, day, () => true);
      await insertReport(db, {
        orgId: org.id,
        kind: 'fill-daily',
        period: day,
        title: fillReportTitle(day),
        userId: null,
        job: 'fill-daily',
        at: nowIso(),
        data,
      });
    },
  },
  {
    // Every Monday morning, the deputy director's weekly check of the week before (п. 5.2).
    name: 'weekly-check',
    every: { kind: 'weekly', weekday: 1, at: '06:00' },
    async run(db, org, slot) {
      await keepWeekly(db, org, addDays(slot, -7), { userId: null, job: 'weekly-check' });
    },
  },
  {
    // Every morning: the reports of a term that ended the day before (п. 5.3, 6.2).
    name: TERM_JOB,
    every: { kind: 'daily', at: '06:00' },
    run: termReports,
  },
  {
    // On the 1st of each month, the activity report of the month before (п. 6.1, 3.7).
    name: 'activity-monthly',
    every: { kind: 'monthly', day: 1, at: '06:00' },
    async run(db, org, slot) {
      const month = previousMonth(slot);
      const data = await buildActivityReport(db, org.id, month);
      await insertReport(db, {
        orgId: org.id,
        kind: ACTIVITY_KIND,
        period: month,
        title: activityTitle(month),
        userId: null,
        job: 'activity-monthly',
        at: nowIso(),
        data,
      });
    },
  },
  {
    // Every night, the forecast models are trained again on the college's finished terms (issue 16
    // item 6, decision 036); on a new college, at the first start, so the demo forecasts with its own.
    name: FORECAST_JOB,
    every: { kind: 'daily', at: '04:00' },
    async run(db, org, slot) {
      await trainModels(db, org.id, slot, { job: FORECAST_JOB, userId: null });
      await trainGiaModels(db, org.id, slot, { job: FORECAST_JOB, userId: null });
    },
  },
  {
    // Every Monday morning, the weekly digest of the week before to guardians and students who chose it (issue 14 item 6).
    name: DIGEST_JOB,
    every: { kind: 'weekly', weekday: 1, at: '07:00' },
    async run(db, org, slot) {
      await sendWeeklyDigests(db, org.id, slot);
    },
  },
  {
    // Every morning, the reports for a period ordered on a schedule that are due (п. 3.12).
    name: 'period-reports',
    every: { kind: 'daily', at: '07:00' },
    async run(db, org, slot) {
      await runScheduledReports(db, org, slot);
    },
  },
  {
    // Hourly, the kept figures of the regional reports (issue 15 item 3, decision 041): the whole
    // college on the day's first run, else only when its journal was written since.
    name: FIGURES_JOB,
    every: { kind: 'hourly', minute: 10 },
    run: runFiguresJob,
  },
  // Every night, the service accounts' use log older than its kept period goes (decision 039).
  USES_RETENTION,
];
