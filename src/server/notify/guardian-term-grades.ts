import type { NoticeChannel } from '../../domain/guardian-notices.js';
import { fullName, shortName } from '../../domain/text.js';
import type { Tx } from '../platform/db.js';
import { assignmentSubject, studentNames, subscribersOf } from './guardian-queries.js';
import { prefsLookup } from './guardian-prefs.js';
import { notify, type Notice } from './outbox.js';

/**
 * A term (exam, final) grade set at attestation is told at once, in its transaction, to those who
 * chose «итоговые оценки» (issue 14 item 6); a changed grade is told again (the key names the value).
 */
export async function tellTermGrade(
  tx: Tx,
  orgId: number,
  g: { gradeId: number; assignmentId: number; studentId: number; kindTitle: string; value: string },
): Promise<void> {
  const subs = await subscribersOf(tx, orgId, [g.studentId]);
  if (!subs.length) return;
  const [prefsFor, names, subject] = await Promise.all([
    prefsLookup(tx, orgId, [g.studentId]),
    studentNames(tx, orgId, [g.studentId]),
    assignmentSubject(tx, orgId, g.assignmentId),
  ]);
  const student = names[0];
  if (!student || !subject) return;
  const notice = {
    kind: 'term-grades',
    title: `${g.kindTitle} оценка: ${subject.name} — ${g.value}`,
    text: `${fullName(student)}: ${g.kindTitle.toLowerCase()} оценка по дисциплине «${subject.name}» — ${g.value}.`,
    sms: `${shortName(student)}: ${g.kindTitle.toLowerCase()} ${g.value}, ${subject.name}`.slice(0, 70),
    link: `/family?child=${g.studentId}&tab=grades`,
    key: `term-grade:${g.gradeId}:${g.value}`,
    studentId: g.studentId,
  };
  for (const channel of ['app', 'email', 'sms'] as NoticeChannel[]) {
    const notices: Notice[] = subs
      .filter((s) => prefsFor(s.person_id, g.studentId, channel, s.who)?.termGrades)
      .map((s) => ({ ...notice, personId: s.person_id }));
    await notify(tx, orgId, notices, [channel]);
  }
}
