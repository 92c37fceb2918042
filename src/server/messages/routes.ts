import { sendDownload } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { cancel, createEvent, listEvents } from './events.js';
import { messageLog } from './log.js';
import {
  contacts,
  fileOfMessage,
  getThread,
  groupMessage,
  listThreads,
  readThread,
  reply,
  startThread,
  unread,
  withdraw,
} from './threads.js';

export async function messagesRoutes(app: App, deps: Deps) {
  serve(app, 'GET /messages/contacts', async (req) => contacts(ctxOf(req, deps), req.query));
  serve(app, 'GET /messages/threads', async (req) => listThreads(ctxOf(req, deps), req.query));
  serve(app, 'GET /messages/unread', async (req) => unread(ctxOf(req, deps)));
  serve(app, 'POST /messages/threads', async (req, reply) => reply.status(201).send(await startThread(ctxOf(req, deps), req.body)));
  serve(app, 'POST /messages/group', async (req, reply) => reply.status(201).send(await groupMessage(ctxOf(req, deps), req.body)));
  serve(app, 'GET /messages/threads/:id', async (req) => getThread(ctxOf(req, deps), req.params.id));
  serve(app, 'POST /messages/threads/:id/messages', async (req, r) =>
    r.status(201).send(await reply(ctxOf(req, deps), req.params.id, req.body)),
  );
  serve(app, 'POST /messages/threads/:id/read', async (req) => readThread(ctxOf(req, deps), req.params.id));
  serve(app, 'POST /messages/:id/withdraw', async (req) => withdraw(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /messages/files/:id', async (req, r) => {
    const f = await fileOfMessage(ctxOf(req, deps), req.params.id);
    return sendDownload(r, f.content, f.fileName, f.contentType);
  });
  serve(app, 'GET /messages/log', async (req) => messageLog(ctxOf(req, deps), req.query));
  serve(app, 'GET /events', async (req) => listEvents(ctxOf(req, deps), req.query));
  serve(app, 'POST /events', async (req, r) => r.status(201).send(await createEvent(ctxOf(req, deps), req.body)));
  serve(app, 'POST /events/:id/cancel', async (req) => cancel(ctxOf(req, deps), req.params.id));
}
