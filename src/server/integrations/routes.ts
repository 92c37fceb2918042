import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { createAccount, listAccounts, revokeAccount, tokenUses } from './service.js';

export async function integrationsRoutes(app: App, deps: Deps) {
  serve(app, 'GET /integrations/accounts', async (req) => listAccounts(ctxOf(req, deps)));
  serve(app, 'POST /integrations/accounts', async (req, reply) => reply.status(201).send(await createAccount(ctxOf(req, deps), req.body)));
  serve(app, 'POST /integrations/accounts/:id/revoke', async (req) => revokeAccount(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /integrations/accounts/:id/uses', async (req) => tokenUses(ctxOf(req, deps), req.params.id));
}
