import { defaultPrefs, digestWeek, type NoticeChannel } from '../../domain/guardian-notices.js';
import { formatRu } from '../../domain/dates.js';
import { summarize, summaryText, type SummaryLesson, type SummaryMark } from '../../domain/period-summary.js';
import { fullName } from '../../domain/text.js';
import type { DateRange } from '../../domain/journal-stats.js';
import type { Db } from '../platform/db.js';
import {
  allExcuses,
  allPrefs,
  allStudentNames,
  allSubscribers,
  lessonsBetween,
  marksBetween,
  membershipsBetween,
} from './digest-queries.js';
import { notify, type Channel, type Notice } from './outbox.js';

// The weekly digest (issue 14 item 6): every Monday morning each guardian (and student) who chose it
// gets one message per channel with the week of each child: grades, absences, topics covered and
// homework set, per subject. Exactly once per person and week: the key is «digest:<week>», so a run
// retried after a crash, or a second process, adds nothing (the outbox ignores a key it holds).

export const DIGEST_JOB = 'guardian-digest';
const CHUNK = 500;

/** Makes the week's digests of a college; the number of notices enqueued (before the outbox's dedup). */
export async function sendWeeklyDigests(db: Db, orgId: number, slot: string): Promise<number> {
  const week = digestWeek(slot);
  const [subs, prefs, members, lessons, marks, excuses] = await Promise.all([
    allSubscribers(db, orgId),
    allPrefs(db, orgId),
    membershipsBetween(db, orgId, week.from, week.to),
    lessonsBetween(db, orgId, week.from, week.to),
    marksBetween(db, orgId, week.from, week.to),
    allExcuses(db, orgId, week.from, week.to),
  ]);
  const stored = new Map(prefs.map((p) => [`${p.person_id}:${p.student_id}:${p.channel}`, !!p.digest]));
  const wants = (personId: number, studentId: number, channel: NoticeChannel, who: 'guardian' | 'student') =>
    (who === 'guardian' || channel !== 'sms') && (stored.get(`${personId}:${studentId}:${channel}`) ?? defaultPrefs(channel).digest);

  // Per person and channel: the children whose digest they want.
  const wanted = new Map<string, { personId: number; channel: Channel; students: number[] }>();
  for (const s of subs)
    for (const channel of ['email', 'app'] as const) {
      if (!wants(s.person_id, s.student_id, channel, s.who)) continue;
      const k = `${s.person_id}:${channel}`;
      const w = wanted.get(k) ?? { personId: s.person_id, channel, students: [] };
      w.students.push(s.student_id);
      wanted.set(k, w);
    }
  if (!wanted.size) return 0;

  const groupsOf = new Map<number, Set<number>>();
  for (const m of members.groups) groupsOf.set(m.student_id, (groupsOf.get(m.student_id) ?? new Set()).add(m.group_id));
  const subgroupsOf = new Map<number, Set<number>>();
  for (const m of members.subgroups) subgroupsOf.set(m.student_id, (subgroupsOf.get(m.student_id) ?? new Set()).add(m.subgroup_id));
  const lessonsByGroup = new Map<number, typeof lessons>();
  for (const l of lessons) lessonsByGroup.set(l.group_id, [...(lessonsByGroup.get(l.group_id) ?? []), l]);
  const marksOf = new Map<number, SummaryMark[]>();
  for (const m of marks)
    marksOf.set(m.student_id, [
      ...(marksOf.get(m.student_id) ?? []),
      { subject: m.subject, date: m.date, kind: m.kind as 'grade' | 'absence', value: m.value, hours: m.hours },
    ]);
  const excusesOf = new Map<number, DateRange[]>();
  for (const e of excuses) excusesOf.set(e.student_id, [...(excusesOf.get(e.student_id) ?? []), e]);
  const names = new Map((await allStudentNames(db, orgId, [...new Set(subs.map((s) => s.student_id))])).map((n) => [n.id, fullName(n)]));

  const texts = new Map<number, string>();
  const textOf = (studentId: number) => {
    let t = texts.get(studentId);
    if (t === undefined) {
      const subs = subgroupsOf.get(studentId) ?? new Set<number>();
      const own: SummaryLesson[] = [...(groupsOf.get(studentId) ?? [])]
        .flatMap((g) => lessonsByGroup.get(g) ?? [])
        .filter((l) => l.subgroup_id === null || subs.has(l.subgroup_id));
      t = summaryText(
        names.get(studentId) ?? '',
        week.from,
        week.to,
        summarize(marksOf.get(studentId) ?? [], own, excusesOf.get(studentId)),
      );
      texts.set(studentId, t);
    }
    return t;
  };

  const title = `Сводка за неделю ${formatRu(week.from)}–${formatRu(week.to)}`;
  const byChannel = new Map<Channel, Notice[]>();
  for (const w of wanted.values()) {
    const list = byChannel.get(w.channel) ?? [];
    list.push({
      personId: w.personId,
      kind: 'digest',
      title,
      text: w.students.map(textOf).join('\n\n'),
      link: '/family',
      key: `digest:${week.from}`,
      ...(w.students.length === 1 ? { studentId: w.students[0] } : {}),
    });
    byChannel.set(w.channel, list);
  }
  let n = 0;
  for (const [channel, notices] of byChannel)
    for (let i = 0; i < notices.length; i += CHUNK) {
      const part = notices.slice(i, i + CHUNK);
      await db.transaction().execute((tx) => notify(tx, orgId, part, [channel]));
      n += part.length;
    }
  return n;
}
