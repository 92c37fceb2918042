import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { giaForecastGroup, giaForecastGroups, giaStudentAdvice } from './gia.js';
import { forecastAtRisk, forecastGroup, forecastGroups, forecastModels, studentAdvice } from './service.js';

export async function forecastRoutes(app: App, deps: Deps) {
  serve(app, 'GET /forecast/groups', async (req) => forecastGroups(ctxOf(req, deps), req.query));

  serve(app, 'GET /forecast/groups/:id', async (req) => forecastGroup(ctxOf(req, deps), req.params.id, req.query));

  serve(app, 'GET /forecast/at-risk', async (req) => forecastAtRisk(ctxOf(req, deps), req.query));

  serve(app, 'GET /forecast/students/:id', async (req) => studentAdvice(ctxOf(req, deps), req.params.id, req.query));

  serve(app, 'GET /forecast/gia', async (req) => giaForecastGroups(ctxOf(req, deps)));

  serve(app, 'GET /forecast/gia/groups/:id', async (req) => giaForecastGroup(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /forecast/gia/students/:id', async (req) => giaStudentAdvice(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /forecast/models', async (req) => forecastModels(ctxOf(req, deps)));
}
