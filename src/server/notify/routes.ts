import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { deliveryLog, deliverySummary, retryMessage } from './delivery-log.js';
import { listNotifications, myUnread, readNotifications } from './in-app.js';
import { describeUnsubscribe, unsubscribe } from './unsubscribe.js';

export async function notifyRoutes(app: App, deps: Deps) {
  serve(app, 'GET /notifications', async (req) => listNotifications(ctxOf(req, deps), req.query));

  serve(app, 'GET /notifications/unread', async (req) => myUnread(ctxOf(req, deps)));

  serve(app, 'POST /notifications/read', async (req) => readNotifications(ctxOf(req, deps), req.body));

  serve(app, 'GET /unsubscribe', async (req) => describeUnsubscribe(deps.db, req.query.token));

  serve(app, 'POST /unsubscribe', async (req) => unsubscribe(deps.db, req.body.token, req.body.all));

  serve(app, 'GET /notify/log', async (req) => deliveryLog(ctxOf(req, deps), req.query));

  serve(app, 'GET /notify/summary', async (req) => deliverySummary(ctxOf(req, deps)));

  serve(app, 'POST /notify/outbox/:id/retry', async (req) => retryMessage(ctxOf(req, deps), req.params.id));
}
