import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { jobs, makeFillReport, report, reports } from './scheduler-service.js';

export async function schedulerRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/reports', async (req) => reports(ctxOf(req, deps), req.query.kind));

  serve(app, 'GET /control/reports/:id', async (req) => report(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /control/jobs', async (req) => jobs(ctxOf(req, deps)));

  serve(app, 'POST /control/fill/reports', async (req, reply) =>
    reply.status(201).send(await makeFillReport(ctxOf(req, deps), req.body.date)),
  );
}
