import { sendDownload } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { approveCorrection, listCorrections, rejectCorrection, requestCorrection } from './corrections.js';
import { checkExcuse, createExcuse, excuses, revokeExcuse } from './excuses.js';
import { assignments, grid } from './grid.js';
import { cellHistory } from './history.js';
import { addLessonFile, deleteLessonFile, lessonFile } from './lesson-files.js';
import { saveLessonText } from './lesson-text.js';
import { lessonDetail, recordLesson, teacherDay } from './lessons.js';
import { createMark, deleteMark, updateMark } from './marks.js';

export async function journalRoutes(app: App, deps: Deps) {
  serve(app, 'GET /journal/today', async (req) => teacherDay(ctxOf(req, deps), req.query.date));

  serve(app, 'GET /journal/lessons/:id', async (req) => lessonDetail(ctxOf(req, deps), req.params.id));

  serve(app, 'PUT /journal/lessons/:id', async (req) => recordLesson(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'PATCH /journal/lessons/:id', async (req) => saveLessonText(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'POST /journal/lessons/:id/files', async (req, reply) =>
    reply.status(201).send(await addLessonFile(ctxOf(req, deps), req.params.id, req.body)),
  );

  serve(app, 'GET /journal/files/:id', async (req, reply) => {
    const f = await lessonFile(ctxOf(req, deps), req.params.id);
    return sendDownload(reply, f.content, f.fileName, f.contentType);
  });

  serve(app, 'DELETE /journal/files/:id', async (req) => deleteLessonFile(ctxOf(req, deps), req.params.id));

  serve(app, 'POST /journal/marks', async (req, reply) => {
    const r = await createMark(ctxOf(req, deps), req.body);
    return reply.status(r.replayed ? 200 : 201).send(r);
  });

  serve(app, 'PATCH /journal/marks/:id', async (req) => updateMark(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'DELETE /journal/marks/:id', async (req) => deleteMark(ctxOf(req, deps), req.params.id, req.query));

  serve(app, 'GET /journal/grid', async (req) => grid(ctxOf(req, deps), req.query.assignmentId));

  serve(app, 'GET /journal/assignments', async (req) => assignments(ctxOf(req, deps), req.query));

  serve(app, 'GET /journal/history', async (req) => cellHistory(ctxOf(req, deps), req.query.lessonId, req.query.studentId));

  serve(app, 'GET /journal/corrections', async (req) => listCorrections(ctxOf(req, deps), req.query.status));

  serve(app, 'POST /journal/corrections', async (req, reply) =>
    reply.status(201).send(await requestCorrection(ctxOf(req, deps), req.body)),
  );

  serve(app, 'POST /journal/corrections/:id/approve', async (req) => approveCorrection(ctxOf(req, deps), req.params.id, req.body.comment));

  serve(app, 'POST /journal/corrections/:id/reject', async (req) => rejectCorrection(ctxOf(req, deps), req.params.id, req.body.comment));

  serve(app, 'GET /journal/excuses', async (req) => excuses(ctxOf(req, deps), req.query.groupId));

  serve(app, 'POST /journal/excuses', async (req, reply) => reply.status(201).send(await createExcuse(ctxOf(req, deps), req.body)));

  serve(app, 'GET /journal/excuses/check', async (req) => checkExcuse(ctxOf(req, deps), req.query));

  serve(app, 'DELETE /journal/excuses/:id', async (req) => revokeExcuse(ctxOf(req, deps), req.params.id));
}
