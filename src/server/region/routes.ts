import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { appointAdmin, createCollege, listColleges, setStatus } from './colleges.js';
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
}
