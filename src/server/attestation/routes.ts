import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { sheetFileName, sheetPdf, sheetXlsx } from './documents.js';
import { setTermGrade } from './grades.js';
import { listAssignments, listOverrides } from './lists.js';
import { organizationOf } from './queries.js';
import { getSheet } from './sheet.js';

export async function attestationRoutes(app: App, deps: Deps) {
  serve(app, 'GET /attestation/assignments', async (req) => listAssignments(ctxOf(req, deps), req.query.termId));

  serve(app, 'GET /attestation/assignments/:id/sheet', async (req) => getSheet(ctxOf(req, deps), req.params.id));

  for (const ext of ['pdf', 'xlsx'] as const) {
    serve(app, `GET /attestation/assignments/:id/sheet.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const sheet = await getSheet(ctx, req.params.id);
      const org = await organizationOf(ctx.db, ctx.principal.organizationId);
      const buf = ext === 'pdf' ? await sheetPdf(sheet, org.name) : await sheetXlsx(sheet, org.name);
      return sendDownload(reply, buf, sheetFileName(sheet, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }

  serve(app, 'PUT /attestation/assignments/:id/students/:studentId/grades/:kind', async (req) =>
    setTermGrade(ctxOf(req, deps), req.params.id, req.params.studentId, req.params.kind, req.body),
  );

  serve(app, 'GET /attestation/overrides', async (req) => listOverrides(ctxOf(req, deps), req.query.termId));
}
