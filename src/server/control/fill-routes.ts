import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { fillDayFor, fillTeachers, myUnrecorded } from './fill-service.js';

export async function fillRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/fill', async (req) => fillDayFor(ctxOf(req, deps), req.query.date));

  serve(app, 'GET /control/fill/teachers', async (req) => fillTeachers(ctxOf(req, deps), req.query.termId));

  serve(app, 'GET /control/fill/mine', async (req) => myUnrecorded(ctxOf(req, deps)));
}
