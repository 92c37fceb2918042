import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { closeYear, reopenYear } from './close.js';
import { batchStatus, listArchiveYears, sendArchiveFile, sendYearZip, yearArchive } from './service.js';

export async function archiveRoutes(app: App, deps: Deps) {
  serve(app, 'POST /academic-years/:id/close', async (req) => closeYear(ctxOf(req, deps), req.params.id));
  serve(app, 'POST /academic-years/:id/reopen', async (req) => reopenYear(ctxOf(req, deps), req.params.id, req.body.reason));
  serve(app, 'GET /archive/years', async (req) => listArchiveYears(ctxOf(req, deps)));
  serve(app, 'GET /archive/years/:id', async (req) => yearArchive(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /archive/years/:id/archive.zip', async (req, reply) => sendYearZip(ctxOf(req, deps), reply, req.params.id));
  serve(app, 'GET /archive/batches/:id', async (req) => batchStatus(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /archive/files/:id', async (req, reply) => sendArchiveFile(ctxOf(req, deps), reply, req.params.id));
}
