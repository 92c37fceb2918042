import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { homeAbsences, homeBehind, homeDebtors } from './home-service.js';

// Each role's home shows its duty (issue 12 item 7).
export async function homeRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/home/absences', async (req) => homeAbsences(ctxOf(req, deps)));

  serve(app, 'GET /control/home/debtors', async (req) => homeDebtors(ctxOf(req, deps)));

  serve(app, 'GET /control/home/behind', async (req) => homeBehind(ctxOf(req, deps)));
}
