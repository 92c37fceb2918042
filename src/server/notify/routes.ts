import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { listNotifications, myUnread, readNotifications } from './in-app.js';
import { describeUnsubscribe, unsubscribe } from './unsubscribe.js';

export async function notifyRoutes(app: App, deps: Deps) {
  serve(app, 'GET /notifications', async (req) => listNotifications(ctxOf(req, deps), req.query));

  serve(app, 'GET /notifications/unread', async (req) => myUnread(ctxOf(req, deps)));

  serve(app, 'POST /notifications/read', async (req) => readNotifications(ctxOf(req, deps), req.body));

  serve(app, 'GET /unsubscribe', async (req) => describeUnsubscribe(deps.db, req.query.token));

  serve(app, 'POST /unsubscribe', async (req) => unsubscribe(deps.db, req.body.token, req.body.all));
}
