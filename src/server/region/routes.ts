import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { appointAdmin, createCollege, listColleges, setStatus } from './colleges.js';
import { collegeFileName, collegePdf, collegeXlsx, regionFileName, regionPdf, regionXlsx } from './report-documents.js';
import { collegeFigures, recomputeNow, regionReport } from './reports.js';
import { changeCollegeSettings, getCollegeSettings } from './settings.js';

export async function regionRoutes(app: App, deps: Deps) {
  serve(app, 'GET /region/colleges', async (req) => listColleges(ctxOf(req, deps)));
  serve(app, 'POST /region/colleges', async (req, reply) => reply.status(201).send(await createCollege(ctxOf(req, deps), req.body)));
  serve(app, 'POST /region/colleges/:id/suspend', async (req) => setStatus(ctxOf(req, deps), req.params.id, 'suspended', req.body.reason));
  serve(app, 'POST /region/colleges/:id/activate', async (req) => setStatus(ctxOf(req, deps), req.params.id, 'active', req.body.reason));
  serve(app, 'POST /region/colleges/:id/admins', async (req, reply) =>
    reply.status(201).send(await appointAdmin(ctxOf(req, deps), req.params.id, req.body)),
  );
  serve(app, 'GET /college/settings', async (req) => getCollegeSettings(ctxOf(req, deps)));
  serve(app, 'PATCH /college/settings', async (req) => changeCollegeSettings(ctxOf(req, deps), req.body));

  serve(app, 'GET /region/reports', async (req) => regionReport(ctxOf(req, deps), req.query));
  serve(app, 'GET /region/reports/colleges/:id', async (req) => collegeFigures(ctxOf(req, deps), req.params.id, req.query));
  serve(app, 'POST /region/reports/colleges/:id/recompute', async (req) => recomputeNow(ctxOf(req, deps), req.params.id));
  for (const ext of ['pdf', 'xlsx'] as const) {
    const type = ext === 'pdf' ? PDF_TYPE : XLSX_TYPE;
    serve(app, `GET /region/reports.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const r = await regionReport(ctx, req.query);
      const tz = ctx.principal.timeZone;
      return sendDownload(reply, ext === 'pdf' ? await regionPdf(r, tz) : await regionXlsx(r, tz), regionFileName(r, ext), type);
    });
    serve(app, `GET /region/reports/colleges/:id/report.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const r = await collegeFigures(ctx, req.params.id, req.query);
      const tz = ctx.principal.timeZone;
      return sendDownload(reply, ext === 'pdf' ? await collegePdf(r, tz) : await collegeXlsx(r, tz), collegeFileName(r, ext), type);
    });
  }
}
