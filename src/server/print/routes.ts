import { PassThrough } from 'node:stream';
import { PDF_TYPE, sendDownload } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { renderJournal, type Paper } from './journal-pdf.js';
import type { JournalData } from './journal-data.js';
import { printBatch, printBatches, sendPrintFile, sendPrintZip, startPrintBatch } from './batch.js';
import { groupJournal, subjectJournal } from './print-service.js';

/** The document streams out as it is drawn; what it shows is read (and refused) before the answer starts. */
function sendJournal(reply: Parameters<typeof sendDownload>[0], doc: { data: JournalData; fileName: string }, paper: Paper) {
  const out = new PassThrough();
  renderJournal(doc.data, paper, out).catch((e: unknown) => {
    reply.log.error(e);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return sendDownload(reply, out, doc.fileName, PDF_TYPE);
}

export async function printRoutes(app: App, deps: Deps) {
  serve(app, 'GET /print/groups/:id/journal', async (req, reply) =>
    sendJournal(reply, await groupJournal(ctxOf(req, deps), req.params.id, req.query), req.query.paper),
  );

  serve(app, 'GET /print/assignments/:id/journal', async (req, reply) =>
    sendJournal(reply, await subjectJournal(ctxOf(req, deps), req.params.id), req.query.paper),
  );

  serve(app, 'POST /print/journals', async (req) => startPrintBatch(ctxOf(req, deps), req.body));
  serve(app, 'GET /print/journals', async (req) => printBatches(ctxOf(req, deps)));
  serve(app, 'GET /print/journals/:id', async (req) => printBatch(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /print/journals/:id/files/:fileId', async (req, reply) =>
    sendPrintFile(ctxOf(req, deps), reply, req.params.id, req.params.fileId),
  );
  serve(app, 'GET /print/journals/:id/journals.zip', async (req, reply) => sendPrintZip(ctxOf(req, deps), reply, req.params.id));
}
