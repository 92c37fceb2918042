import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { groupSheetPdf, groupSheetXlsx, reportFileName, reportPdf, reportXlsx, sheetFileName } from './performance-documents.js';
import { orgSettings } from './performance-queries.js';
import { groupSheet, performanceReport } from './performance-service.js';

export async function performanceRoutes(app: App, deps: Deps) {
  serve(app, 'GET /performance', async (req) => performanceReport(ctxOf(req, deps), req.query));

  serve(app, 'GET /performance/groups/:id/sheet', async (req) => groupSheet(ctxOf(req, deps), req.params.id, req.query.termId));

  for (const ext of ['pdf', 'xlsx'] as const) {
    serve(app, `GET /performance.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const r = await performanceReport(ctx, req.query);
      const org = await orgSettings(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await reportPdf(r, org.name) : await reportXlsx(r, org.name);
      return sendDownload(reply, buf, reportFileName(r, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });

    serve(app, `GET /performance/groups/:id/sheet.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const s = await groupSheet(ctx, req.params.id, req.query.termId);
      const org = await orgSettings(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await groupSheetPdf(s, org.name) : await groupSheetXlsx(s, org.name);
      return sendDownload(reply, buf, sheetFileName(s, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }
}
