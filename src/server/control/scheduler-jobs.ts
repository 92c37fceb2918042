import { addDays, formatRu } from '../../domain/dates.js';
import { nowIso } from '../platform/db.js';
import { fillDay } from './fill-service.js';
import { insertReport } from './scheduler-queries.js';
import type { Job } from './scheduler.js';
import { keepWeekly } from './weekly-service.js';

export const fillReportTitle = (date: string) => `Контроль заполнения журнала за ${formatRu(date)}`;

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
];
