import type { GroupJournalQuery } from '../../contracts/print.js';
import { todayIn } from '../../domain/dates.js';
import { findAssignment } from '../journal/queries.js';
import { fieldError, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { readsJournal } from '../platform/reach.js';
import { groupJournalData, subjectJournalData, type JournalData } from './journal-data.js';
import { groupWithProgram, yearOfTerm, yearOn } from './queries.js';

// Who prints which journal (journal:print): the director, the deputy and the methodist any group's,
// the curator their group's; a teacher their own subject's part (decision 027).

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export async function groupJournal(ctx: Ctx, groupId: number, q: GroupJournalQuery): Promise<{ data: JournalData; fileName: string }> {
  const orgId = ctx.principal.organizationId;
  const g = await groupWithProgram(ctx.db, orgId, groupId);
  if (!g || !(ctx.reach.all || ctx.reach.curatorGroupIds.includes(groupId)))
    throw notFound('Группа не найдена или её журнал вам недоступен.');
  const termYear = q.term === undefined ? null : await yearOfTerm(ctx.db, orgId, q.term);
  if (q.term !== undefined && termYear === null) throw fieldError('term', 'Семестр не найден.');
  if (q.year !== undefined && termYear !== null && termYear !== q.year) throw fieldError('term', 'Семестр не из выбранного учебного года.');
  const yearId = q.year ?? termYear ?? (await yearOn(ctx.db, orgId, todayIn(ctx.principal.timeZone)));
  if (yearId === null) throw fieldError('year', 'Учебный год не найден.');
  const data = await groupJournalData(ctx.db, orgId, { groupId, yearId, termId: q.term });
  return { data, fileName: fileSafe(`Журнал ${g.name} ${data.periodTitle}.pdf`) };
}

export async function subjectJournal(ctx: Ctx, assignmentId: number): Promise<{ data: JournalData; fileName: string }> {
  const orgId = ctx.principal.organizationId;
  const a = await findAssignment(ctx.db, orgId, assignmentId);
  if (
    !a ||
    !readsJournal(ctx.reach, { groupId: a.group_id, commissionId: a.commission_id, assignmentTeacherPersonId: a.teacher_person_id })
  )
    throw notFound('Журнал не найден или вам недоступен.');
  const data = await subjectJournalData(ctx.db, orgId, { assignmentIds: [assignmentId] });
  return { data, fileName: fileSafe(`Журнал ${a.group_name} ${a.subject_code} ${a.term_number} семестр.pdf`) };
}
