import { tooLargeMessage, UPLOAD_LIMITS } from '../../contracts/limits.js';
import { audit } from '../platform/audit.js';
import { nowIso } from '../platform/db.js';
import { fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal } from '../platform/reach.js';
import { targetOfLesson, writableLesson } from './access.js';
import { findLesson, studentInLesson, type LessonRow } from './queries.js';
import { deleteLessonFileRow, findLessonFile, insertLessonFile } from './queries/lessons.js';

// The files of a lesson's homework: the teacher attaches them, the group downloads them.

export async function addLessonFile(ctx: Ctx, id: number, body: { fileName: string; contentType?: string; contentBase64: string }) {
  await writableLesson(ctx, id);
  const buf = Buffer.from(body.contentBase64, 'base64');
  if (!buf.length) throw fieldError('contentBase64', 'Файл пустой или не в base64.');
  if (buf.length > UPLOAD_LIMITS.lessonFile.bytes) throw fieldError('contentBase64', tooLargeMessage(UPLOAD_LIMITS.lessonFile));
  const contentType = body.contentType || 'application/octet-stream';
  const orgId = ctx.principal.organizationId;
  const fileId = await ctx.db.transaction().execute(async (tx) => {
    const fid = await insertLessonFile(tx, {
      orgId,
      lessonId: id,
      fileName: body.fileName,
      contentType,
      size: buf.length,
      contentBase64: buf.toString('base64'),
      userId: ctx.principal.userId,
      at: nowIso(),
    });
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'lesson.file.add',
      entity: 'lesson',
      entityId: id,
      after: { fileId: fid, fileName: body.fileName, size: buf.length },
      ip: ctx.ip,
    });
    return fid;
  });
  return { id: fileId, fileName: body.fileName, contentType, size: buf.length };
}

export async function lessonFile(ctx: Ctx, fileId: number) {
  const f = await findLessonFile(ctx.db, ctx.principal.organizationId, fileId);
  if (!f) throw notFound('Файл не найден.');
  const l = await findLesson(ctx.db, ctx.principal.organizationId, f.lesson_id);
  if (!l || !(readsJournal(ctx.reach, targetOfLesson(l)) || (await studentSeesLesson(ctx, l)))) throw notFound('Файл не найден.');
  return { fileName: f.file_name, contentType: f.content_type, content: Buffer.from(f.content_base64, 'base64') };
}

/** Students and guardians download the homework files of their group's lessons. */
async function studentSeesLesson(ctx: Ctx, l: LessonRow): Promise<boolean> {
  for (const sid of ctx.reach.ownStudentIds) if (await studentInLesson(ctx.db, ctx.principal.organizationId, l, sid)) return true;
  return false;
}

export async function deleteLessonFile(ctx: Ctx, fileId: number) {
  const orgId = ctx.principal.organizationId;
  const f = await findLessonFile(ctx.db, orgId, fileId);
  if (!f) throw notFound('Файл не найден.');
  await writableLesson(ctx, f.lesson_id);
  await ctx.db.transaction().execute(async (tx) => {
    await deleteLessonFileRow(tx, orgId, fileId);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'lesson.file.delete',
      entity: 'lesson',
      entityId: f.lesson_id,
      before: { fileId, fileName: f.file_name },
      ip: ctx.ip,
    });
  });
  return { ok: true as const };
}
