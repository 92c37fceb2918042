import { conflict } from '../platform/errors.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { backupAccess } from './access.js';
import { health } from './health.js';
import { backupNow, backupOverview } from './service.js';
import { backupSettings } from './settings.js';

// Backups of the installation and its health (decision 037).
export async function backupRoutes(app: App, deps: Deps) {
  const settings = backupSettings();
  const source = { db: deps.db, engine: deps.engine, databaseUrl: deps.config.databaseUrl };

  serve(app, 'GET /backups', async (req) => {
    await backupAccess(deps.db, req.scopes);
    return backupOverview(deps.db, settings);
  });

  serve(app, 'POST /backups', async (req, reply) => {
    const ctx = ctxOf(req, deps);
    await backupAccess(deps.db, req.scopes);
    const started = await backupNow(source, settings, { trigger: 'manual', userId: ctx.principal.userId });
    if (!started) throw conflict('Резервная копия уже делается: дождитесь её окончания (состояние — на странице «Резервные копии»).');
    started.done.catch((e: unknown) => req.log.error(e, 'backup'));
    return reply.code(202).send({ id: started.id });
  });

  serve(app, 'GET /health', async (_req, reply) => {
    const h = await health(deps.db, deps.engine, deps.reports);
    return h.status === 'fail' ? reply.code(503).send(h) : h;
  });
}
