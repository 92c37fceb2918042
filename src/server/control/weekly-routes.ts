import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { orgSettings } from './performance-queries.js';
import { weeklyFileName, weeklyPdf, weeklyXlsx } from './weekly-documents.js';
import { makeWeekly, signWeekly, weeklyCheck, weeklyList } from './weekly-service.js';

export async function weeklyRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/weekly', async (req) => weeklyList(ctxOf(req, deps)));

  serve(app, 'GET /control/weekly/:id', async (req) => weeklyCheck(ctxOf(req, deps), req.params.id));

  serve(app, 'POST /control/weekly', async (req, reply) => reply.status(201).send(await makeWeekly(ctxOf(req, deps), req.body)));

  serve(app, 'POST /control/weekly/:id/sign', async (req) => signWeekly(ctxOf(req, deps), req.params.id));

  for (const ext of ['pdf', 'xlsx'] as const) {
    serve(app, `GET /control/weekly/:id/report.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const w = await weeklyCheck(ctx, req.params.id);
      const org = await orgSettings(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await weeklyPdf(w, org.name) : await weeklyXlsx(w, org.name);
      return sendDownload(reply, buf, weeklyFileName(w, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }
}
