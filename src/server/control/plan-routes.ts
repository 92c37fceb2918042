import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { orgSettings } from './performance-queries.js';
import { planFileName, planPdf, planXlsx } from './plan-documents.js';
import { copyPlan, createLine, deleteLine, getPlan, markOccurrence, overdue, unmarkOccurrence, updateLine } from './plan-service.js';

export async function planRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/plan', async (req) => getPlan(ctxOf(req, deps), req.query));

  serve(app, 'GET /control/plan/overdue', async (req) => overdue(ctxOf(req, deps)));

  serve(app, 'POST /control/plan/lines', async (req, reply) => reply.status(201).send(await createLine(ctxOf(req, deps), req.body)));

  serve(app, 'PUT /control/plan/lines/:id', async (req) => updateLine(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'DELETE /control/plan/lines/:id', async (req) => deleteLine(ctxOf(req, deps), req.params.id));

  serve(app, 'POST /control/plan/copy', async (req) => copyPlan(ctxOf(req, deps), req.body));

  serve(app, 'POST /control/plan/lines/:id/done', async (req) => markOccurrence(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'DELETE /control/plan/marks/:id', async (req) => unmarkOccurrence(ctxOf(req, deps), req.params.id));

  for (const ext of ['pdf', 'xlsx'] as const) {
    serve(app, `GET /control/plan/report.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const plan = await getPlan(ctx, req.query, false);
      const org = await orgSettings(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await planPdf(plan, org.name) : await planXlsx(plan, org.name);
      return sendDownload(reply, buf, planFileName(plan, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }
}
