import { ctxOf, type App, type Deps } from '../platform/http.js';
import { PDF_TYPE, sendDownload } from '../platform/documents.js';
import { serve } from '../platform/serve.js';
import { listAlerts, seeAlert } from './alerts-service.js';
import { groupGuardians } from './guardian-overview.js';
import { myPrefs, setMyPref } from './guardian-prefs.js';
import { cancelOrder, myReports, orderReport, reportPdf } from './period-report-service.js';

// What guardians and students are told, reports for a period, the curator's overview, absence alerts (issue 14 items 6–8).
export async function guardianRoutes(app: App, deps: Deps) {
  serve(app, 'GET /notify/prefs', async (req) => myPrefs(ctxOf(req, deps)));
  serve(app, 'PUT /notify/prefs', async (req) => setMyPref(ctxOf(req, deps), req.body));
  serve(app, 'GET /notify/reports', async (req) => myReports(ctxOf(req, deps)));
  serve(app, 'POST /notify/reports', async (req, reply) => reply.code(201).send(await orderReport(ctxOf(req, deps), req.body)));
  serve(app, 'POST /notify/reports/orders/:id/cancel', async (req) => cancelOrder(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /notify/reports/:id/pdf', async (req, reply) => {
    const f = await reportPdf(ctxOf(req, deps), req.params.id);
    return sendDownload(reply, f.content, f.fileName, PDF_TYPE);
  });
  serve(app, 'GET /notify/groups/:id/guardians', async (req) => groupGuardians(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /notify/alerts', async (req) => listAlerts(ctxOf(req, deps), req.query.all === '1'));
  serve(app, 'POST /notify/alerts/:id/seen', async (req) => seeAlert(ctxOf(req, deps), req.params.id));
}
