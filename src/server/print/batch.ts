import type { FastifyReply } from 'fastify';
import type { PrintBatch, PrintBatchBody } from '../../contracts/print.js';
import { todayIn } from '../../domain/dates.js';
import { batchOfOrg, latestBatchesOf } from '../archive/batch-queries.js';
import { batchOut, batchRunner, queueBatch, registerBatchKind } from '../archive/batches.js';
import { groupsOfYear } from '../archive/export-queries.js';
import { groupsOfBatch, sendArchiveFile, sendGroupsZip } from '../archive/service.js';
import { fieldError, forbidden, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { PDF_TYPE } from '../platform/documents.js';
import { writeGroupJournal, type Paper } from './journal-pdf.js';
import { yearOfTerm, yearOn, yearWithTerms } from './queries.js';

// The printed journals of the whole college (issue 13 item 2, decision 027): a background batch
// (decision 028) with a step per group that has load in the year, each writing the group's
// journal of the year or of one term as `journal.pdf`. Started by those who print every group's
// journal (journal:print over the college: the director, the deputy, the methodist).

export const PRINT_JOURNALS_KIND = 'print-journals';

interface Params {
  yearId: number;
  termId: number | null;
  paper: Paper;
}

registerBatchKind({
  kind: PRINT_JOURNALS_KIND,
  // One group at a time: a journal is laid out twice, and the server keeps answering meanwhile.
  concurrency: 1,
  async steps(db, orgId, params) {
    return (await groupsOfYear(db, orgId, (params as Params).yearId)).map((g) => ({ groupId: g.id, label: g.name }));
  },
  async runStep(db, orgId, params, step, files) {
    const p = params as Params;
    await files.write('journal.pdf', PDF_TYPE, (out) =>
      writeGroupJournal(db, orgId, { groupId: step.groupId!, yearId: p.yearId, termId: p.termId ?? undefined, paper: p.paper }, out),
    );
  },
});

function printsCollege(ctx: Ctx) {
  if (!ctx.reach.all) throw forbidden('Печатать журналы всех групп могут директор, заместитель директора и методист.');
}

async function batchOfKind(ctx: Ctx, id: number) {
  printsCollege(ctx);
  const b = await batchOfOrg(ctx.db, ctx.principal.organizationId, id);
  if (!b || b.kind !== PRINT_JOURNALS_KIND) throw notFound('Изготовление печатных журналов не найдено.');
  return b;
}

export async function startPrintBatch(ctx: Ctx, body: PrintBatchBody): Promise<PrintBatch> {
  printsCollege(ctx);
  const orgId = ctx.principal.organizationId;
  const termYear = body.term === undefined ? null : await yearOfTerm(ctx.db, orgId, body.term);
  if (body.term !== undefined && termYear === null) throw fieldError('term', 'Семестр не найден.');
  if (body.year !== undefined && termYear !== null && termYear !== body.year)
    throw fieldError('term', 'Семестр не из выбранного учебного года.');
  const yearId = body.year ?? termYear ?? (await yearOn(ctx.db, orgId, todayIn(ctx.principal.timeZone)));
  const year = yearId === null ? null : await yearWithTerms(ctx.db, orgId, yearId);
  if (!year) throw fieldError('year', 'Учебный год не найден.');
  const term = year.terms.find((t) => t.id === body.term);
  const params: Params = { yearId: year.id, termId: term?.id ?? null, paper: body.paper };
  const title = `Печатные журналы колледжа: ${term ? `${term.number} семестр ${year.name}` : `${year.name} учебный год`}, ${body.paper}`;
  const id = await queueBatch(ctx.db, { orgId, kind: PRINT_JOURNALS_KIND, params, title, userId: ctx.principal.userId });
  batchRunner(ctx.db).kick();
  return printBatch(ctx, id);
}

export async function printBatches(ctx: Ctx) {
  printsCollege(ctx);
  return (await latestBatchesOf(ctx.db, ctx.principal.organizationId, PRINT_JOURNALS_KIND)).slice(0, 10).map(batchOut);
}

export async function printBatch(ctx: Ctx, id: number): Promise<PrintBatch> {
  const b = await batchOfKind(ctx, id);
  return { batch: batchOut(b), groups: await groupsOfBatch(ctx, b.id) };
}

export async function sendPrintFile(ctx: Ctx, reply: FastifyReply, id: number, fileId: number) {
  await batchOfKind(ctx, id);
  return sendArchiveFile(ctx, reply, fileId, id);
}

export async function sendPrintZip(ctx: Ctx, reply: FastifyReply, id: number) {
  const b = await batchOfKind(ctx, id);
  if (b.status !== 'done') throw notFound('Печатные журналы ещё не готовы.');
  return sendGroupsZip(ctx, reply, await groupsOfBatch(ctx, b.id), `Печатные журналы ${b.id}.zip`);
}
