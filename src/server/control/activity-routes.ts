import { sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { activityReport, activityXlsx } from './activity.js';

export async function activityRoutes(app: App, deps: Deps) {
  serve(app, 'GET /activity', async (req) => activityReport(ctxOf(req, deps), req.query.month));
  serve(app, 'GET /activity.xlsx', async (req, reply) => {
    const f = await activityXlsx(ctxOf(req, deps), req.query.month);
    return sendDownload(reply, f.buf, f.name, XLSX_TYPE);
  });
}
