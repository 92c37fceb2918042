import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { termCheckFileName, termCheckPdf, termCheckXlsx } from './term-check-documents.js';
import { acknowledgeTermCheckPart, makeTermCheck, myTermCheckParts, termCheck, termChecks } from './term-check-service.js';

export async function termCheckRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/term-checks', async (req) => termChecks(ctxOf(req, deps), req.query.termId));

  serve(app, 'POST /control/term-checks', async (req, reply) =>
    reply.status(201).send(await makeTermCheck(ctxOf(req, deps), req.body.termId)),
  );

  serve(app, 'GET /control/term-checks/mine', async (req) => myTermCheckParts(ctxOf(req, deps)));

  serve(app, 'GET /control/term-checks/:id', async (req) => termCheck(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /control/term-checks/:id/report.pdf', async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const c = await termCheck(ctx, req.params.id);
    return sendDownload(reply, await termCheckPdf(c, ctx.principal.timeZone), termCheckFileName(c, 'pdf'), PDF_TYPE);
  });

  serve(app, 'GET /control/term-checks/:id/report.xlsx', async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const c = await termCheck(ctx, req.params.id);
    return sendDownload(reply, await termCheckXlsx(c, ctx.principal.timeZone), termCheckFileName(c, 'xlsx'), XLSX_TYPE);
  });

  serve(app, 'POST /control/term-checks/parts/:id/ack', async (req) => acknowledgeTermCheckPart(ctxOf(req, deps), req.params.id));
}
