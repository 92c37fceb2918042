import { ActivityQuery, ActivityReport } from '../../contracts/activity.js';
import type { Deps } from '../app.js';
import { sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { ctxOf, type App } from '../platform/http.js';
import { activityReport, activityXlsx } from './activity.js';

export async function activityRoutes(app: App, deps: Deps) {
  const tags = ['control'];
  app.get('/activity', { config: { access: 'activity:read' }, schema: { tags, summary: 'Активность пользователей за месяц (по умолчанию — прошлый)', querystring: ActivityQuery, response: { 200: ActivityReport } } },
    async (req) => activityReport(ctxOf(req, deps), req.query.month));
  app.get('/activity.xlsx', { config: { access: 'activity:read' }, schema: { tags, summary: 'Активность пользователей за месяц (XLSX)', querystring: ActivityQuery } },
    async (req, reply) => {
      const f = await activityXlsx(ctxOf(req, deps), req.query.month);
      return sendDownload(reply, f.buf, f.name, XLSX_TYPE);
    });
}
