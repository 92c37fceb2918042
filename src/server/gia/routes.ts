import { PDF_TYPE, sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { protocolFileName, protocolPdf, protocolXlsx } from './documents.js';
import { organizationDetails } from './queries.js';
import { groupHistory, groupPage, listGroups, listStaff, setSecretary, studentGia } from './service.js';
import { setDemoExam, setModuleExam, setThesis } from './writes.js';

export async function giaRoutes(app: App, deps: Deps) {
  serve(app, 'GET /gia/groups', async (req) => listGroups(ctxOf(req, deps), req.query.yearId));

  serve(app, 'GET /gia/groups/:id', async (req) => groupPage(ctxOf(req, deps), req.params.id, req.query.yearId));

  serve(app, 'GET /gia/groups/:id/history', async (req) => groupHistory(ctxOf(req, deps), req.params.id, req.query.yearId));

  for (const ext of ['pdf', 'xlsx'] as const) {
    serve(app, `GET /gia/groups/:id/protocol.${ext}`, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const page = await groupPage(ctx, req.params.id, req.query.yearId);
      const o = await organizationDetails(ctx.db, ctx.principal.organizationId);
      const college = { name: o.name, shortName: o.short_name, region: o.region };
      const buf = ext === 'pdf' ? await protocolPdf(page, college) : await protocolXlsx(page, college);
      return sendDownload(reply, buf, protocolFileName(page, ext), ext === 'pdf' ? PDF_TYPE : XLSX_TYPE);
    });
  }

  serve(app, 'PUT /gia/demo-exams', async (req) => setDemoExam(ctxOf(req, deps), req.body));

  serve(app, 'PUT /gia/theses', async (req) => setThesis(ctxOf(req, deps), req.body));

  serve(app, 'PUT /gia/module-exams', async (req) => setModuleExam(ctxOf(req, deps), req.body));

  serve(app, 'GET /gia/staff', async (req) => listStaff(ctxOf(req, deps)));

  serve(app, 'POST /gia/groups/:id/secretaries', async (req) => setSecretary(ctxOf(req, deps), req.params.id, req.body.personId, true));

  serve(app, 'DELETE /gia/groups/:id/secretaries/:personId', async (req) =>
    setSecretary(ctxOf(req, deps), req.params.id, req.params.personId, false),
  );

  serve(app, 'GET /gia/students/:id', async (req) => studentGia(ctxOf(req, deps), req.params.id));
}
