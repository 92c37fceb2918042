import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { applyRollover, previewRollover, undoRollover } from './rollover.js';
import * as s from './service.js';

export async function structureRoutes(app: App, deps: Deps) {
  serve(app, 'GET /organization', async (req) => s.getOrganization(ctxOf(req, deps)));

  serve(app, 'GET /region/organizations', async (req) => s.regionOverview(ctxOf(req, deps)));

  serve(app, 'GET /academic-years', async (req) => s.listYears(ctxOf(req, deps)));
  serve(app, 'POST /academic-years', async (req) => s.createYear(ctxOf(req, deps), req.body));
  serve(app, 'PATCH /academic-years/:id', async (req) => s.updateYear(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'GET /departments', async (req) => s.listDepartments(ctxOf(req, deps)));
  serve(app, 'POST /departments', async (req) => s.saveDepartment(ctxOf(req, deps), null, req.body));
  serve(app, 'PUT /departments/:id', async (req) => s.saveDepartment(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'GET /programs', async (req) => s.listPrograms(ctxOf(req, deps)));
  serve(app, 'POST /programs', async (req) => s.saveProgram(ctxOf(req, deps), null, req.body));
  serve(app, 'PUT /programs/:id', async (req) => s.saveProgram(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'GET /commissions', async (req) => s.listCommissions(ctxOf(req, deps)));
  serve(app, 'POST /commissions', async (req) => s.saveCommission(ctxOf(req, deps), null, req.body));
  serve(app, 'PUT /commissions/:id', async (req) => s.saveCommission(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'GET /groups', async (req) => s.listGroups(ctxOf(req, deps), req.query));
  serve(app, 'POST /groups', async (req) => s.saveGroup(ctxOf(req, deps), null, req.body));
  serve(app, 'PUT /groups/:id', async (req) => s.saveGroup(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'POST /groups/:id/subgroups', async (req) => s.addSubgroup(ctxOf(req, deps), req.params.id, req.body.name));
  serve(app, 'DELETE /subgroups/:id', async (req) => {
    await s.deleteSubgroup(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  serve(app, 'GET /rollover/preview', async (req) => previewRollover(ctxOf(req, deps), req.query.effectiveDate));
  serve(app, 'POST /rollover', async (req) => applyRollover(ctxOf(req, deps), req.body));
  serve(app, 'POST /rollover/:id/undo', async (req) => undoRollover(ctxOf(req, deps), req.params.id, req.body.reason));
}
