import archiver from 'archiver';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import type { YearArchive } from '../../contracts/archive.js';
import type { Ctx } from '../platform/http.js';
import { notFound } from '../platform/errors.js';
import { sendDownload } from '../platform/documents.js';
import { yearsWithTerms } from '../structure/queries.js';
import { batchOfOrg, fileOfOrg, filesOfBatch, latestBatchesOf } from './batch-queries.js';
import { batchOut } from './batches.js';
import { YEAR_ARCHIVE_KIND } from './close.js';
import { fileStream } from './file-store.js';
import { closedByName } from './queries.js';

// Reading the year-end archive (decision 028): the years with their latest archive, a year's files
// by group, a file, and the whole college's year as one ZIP — each streamed from its chunks.

async function latestByYear(ctx: Ctx) {
  const out = new Map<number, ReturnType<typeof batchOut>>();
  for (const b of await latestBatchesOf(ctx.db, ctx.principal.organizationId, YEAR_ARCHIVE_KIND)) {
    const yearId = (JSON.parse(b.params) as { yearId: number }).yearId;
    if (!out.has(yearId)) out.set(yearId, batchOut(b));
  }
  return out;
}

export async function listArchiveYears(ctx: Ctx) {
  const latest = await latestByYear(ctx);
  return (await yearsWithTerms(ctx.db, ctx.principal.organizationId)).map((y) => ({ ...y, batch: latest.get(y.id) ?? null }));
}

export async function yearArchive(ctx: Ctx, yearId: number): Promise<YearArchive> {
  const orgId = ctx.principal.organizationId;
  const year = (await yearsWithTerms(ctx.db, orgId)).find((y) => y.id === yearId);
  if (!year) throw notFound('Учебный год не найден.');
  const batch = (await latestByYear(ctx)).get(yearId) ?? null;
  const groups = batch ? await groupsOfBatch(ctx, batch.id) : [];
  return { year: { ...year, closedByName: await closedByName(ctx.db, orgId, yearId) }, batch, groups };
}

export async function batchStatus(ctx: Ctx, id: number) {
  const b = await batchOfOrg(ctx.db, ctx.principal.organizationId, id);
  if (!b) throw notFound('Фоновое задание не найдено.');
  return batchOut(b);
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

/** A kept file; `inBatch` limits it to one batch's files (a route of another area serves its own batch's). */
export async function sendArchiveFile(ctx: Ctx, reply: FastifyReply, id: number, inBatch?: number) {
  const f = await fileOfOrg(ctx.db, ctx.principal.organizationId, id);
  if (!f || (inBatch !== undefined && f.batch_id !== inBatch)) throw notFound('Файл архива не найден.');
  reply.header('content-length', String(f.size));
  return sendDownload(
    reply,
    fileStream(ctx.db, ctx.principal.organizationId, f.id),
    `${safeName(f.group_name ?? 'колледж')} ${f.name}`,
    f.content_type,
  );
}

/** The year's archive as one ZIP: a folder per group, and SHA256SUMS of every file; entries are read one after another. */
export async function sendYearZip(ctx: Ctx, reply: FastifyReply, yearId: number) {
  const a = await yearArchive(ctx, yearId);
  if (!a.batch || a.batch.status !== 'done') throw notFound(`Архив учебного года ${a.year.name} ещё не готов.`);
  return sendGroupsZip(ctx, reply, a.groups, `Архив ${a.year.name.replace('/', '-')}.zip`);
}

/** The files of a batch as one ZIP: a folder per group, and SHA256SUMS of every file; entries are read one after another. */
export function sendGroupsZip(ctx: Ctx, reply: FastifyReply, groups: YearArchive['groups'], fileName: string) {
  const orgId = ctx.principal.organizationId;
  const zip = archiver('zip', { zlib: { level: 6 } });
  const body = new PassThrough();
  zip.on('error', (e) => body.destroy(e));
  zip.pipe(body);
  const sums: string[] = [];
  for (const g of groups)
    for (const f of g.files) {
      const path = `${safeName(g.groupName)}/${f.name}`;
      zip.append(fileStream(ctx.db, orgId, f.id), { name: path });
      sums.push(`${f.sha256}  ${path}`);
    }
  zip.append(`${sums.join('\n')}\n`, { name: 'SHA256SUMS' });
  void zip.finalize();
  return sendDownload(reply, body, fileName, 'application/zip');
}

/** A batch's files by group, in the order they were made. */
export async function groupsOfBatch(ctx: Ctx, batchId: number): Promise<YearArchive['groups']> {
  const groups: YearArchive['groups'] = [];
  for (const f of await filesOfBatch(ctx.db, ctx.principal.organizationId, batchId)) {
    let g = groups.find((x) => x.groupId === f.group_id);
    if (!g) groups.push((g = { groupId: f.group_id, groupName: f.group_name ?? '—', files: [] }));
    g.files.push({ id: f.id, name: f.name, contentType: f.content_type, size: f.size, sha256: f.sha256 ?? '' });
  }
  return groups;
}
