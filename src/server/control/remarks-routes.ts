import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { createRemark, getRemark, listRemarks, moveRemark } from './remarks-service.js';

export async function remarksRoutes(app: App, deps: Deps) {
  serve(app, 'GET /control/remarks', async (req) => listRemarks(ctxOf(req, deps), req.query));

  serve(app, 'GET /control/remarks/:id', async (req) => getRemark(ctxOf(req, deps), req.params.id));

  serve(app, 'POST /control/remarks', async (req, reply) => reply.status(201).send(await createRemark(ctxOf(req, deps), req.body)));

  serve(app, 'POST /control/remarks/:id/fix', async (req) => moveRemark(ctxOf(req, deps), req.params.id, 'fix', req.body.comment));

  serve(app, 'POST /control/remarks/:id/confirm', async (req) => moveRemark(ctxOf(req, deps), req.params.id, 'confirm', req.body.comment));

  serve(app, 'POST /control/remarks/:id/reopen', async (req) => moveRemark(ctxOf(req, deps), req.params.id, 'reopen', req.body.comment));
}
