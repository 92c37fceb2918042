import { ctxOf, type App, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { listChildren, studentDay, studentGrades, studentOverview, studentWeek } from './service.js';

// The student's and guardian's view (п. 2.3, 2.6): a student sees only themself, a guardian only linked children.
export async function familyRoutes(app: App, deps: Deps) {
  serve(app, 'GET /family/children', async (req) => listChildren(ctxOf(req, deps)));

  serve(app, 'GET /family/students/:id', async (req) => studentOverview(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /family/students/:id/day', async (req) => studentDay(ctxOf(req, deps), req.params.id, req.query.date));

  serve(app, 'GET /family/students/:id/week', async (req) => studentWeek(ctxOf(req, deps), req.params.id, req.query.from));

  serve(app, 'GET /family/students/:id/grades', async (req) => studentGrades(ctxOf(req, deps), req.params.id, req.query.termId));
}
