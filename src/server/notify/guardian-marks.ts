import { now } from '../../domain/clock.js';
import { addDays, formatRu } from '../../domain/dates.js';
import { alertSettingsFrom, crossedEpisodes, markNoticeKind, wantsMark, type NoticeChannel } from '../../domain/guardian-notices.js';
import { countRu, NOUNS } from '../../domain/russian.js';
import { fullName, shortName } from '../../domain/text.js';
import { nowIso, type Db, type Engine, type Tx } from '../platform/db.js';
import { alertRecipients, insertEpisode, schoolDays, unexcusedHours } from './alerts-queries.js';
import { dropHeldMarks, dueHeldMarks, holdMark, marksWithLessons, studentNames, subscribersOf } from './guardian-queries.js';
import { prefsLookup } from './guardian-prefs.js';
import { notify, type Channel, type Notice } from './outbox.js';
import { orgName } from './period-report-queries.js';

// A mark written in the journal is told to the student's guardians (and the student) by their
// choices (issue 14 item 6, decision 032). The journal's transaction only holds the mark (one
// statement, guardian-queries.ts); after the hold the notice is made from the mark as it is then:
// a typo corrected within the hold is told once with the final value, a mark removed is not told.
// A mark changed after its notice was made is told again (a key per version).

/** Minutes a mark waits before it is told (NOTIFY_HOLD_MINUTES, default 10). */
export const HOLD_MINUTES = Number(process.env.NOTIFY_HOLD_MINUTES ?? 10);

/** The journal's one call, in the transaction of the mark (journal/mark-events.ts). */
export function holdMarkNotice(tx: Tx, orgId: number, markId: number, studentId: number, at: string): Promise<void> {
  return holdMark(tx, orgId, markId, studentId, new Date(Date.parse(at) + HOLD_MINUTES * 60_000).toISOString());
}

const BATCH = 200;

/** Tells of the held marks due by `at`, in batches, each in one transaction; how many marks were taken. */
export async function releaseHeldMarks(db: Db, engine: Engine, at: Date = now()): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      const due = await dueHeldMarks(tx, engine === 'pg', at.toISOString(), BATCH);
      const byOrg = new Map<number, typeof due>();
      for (const d of due) byOrg.set(d.organization_id, [...(byOrg.get(d.organization_id) ?? []), d]);
      for (const [orgId, rows] of byOrg)
        await tellMarks(
          tx,
          orgId,
          rows.map((r) => r.mark_id),
        );
      await dropHeldMarks(
        tx,
        due.map((d) => d.id),
      );
      return due.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}

const SMS_MAX = 70;
const fitSms = (s: string) => (s.length <= SMS_MAX ? s : `${s.slice(0, SMS_MAX - 1)}…`);

async function tellMarks(tx: Tx, orgId: number, markIds: number[]): Promise<void> {
  const marks = await marksWithLessons(tx, orgId, markIds);
  if (!marks.length) return;
  const studentIds = [...new Set(marks.map((m) => m.student_id))];
  const [subs, prefsFor, names] = await Promise.all([
    subscribersOf(tx, orgId, studentIds),
    prefsLookup(tx, orgId, studentIds),
    studentNames(tx, orgId, studentIds),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const byChannel = new Map<Channel, Notice[]>();
  const push = (c: Channel, n: Notice) => byChannel.set(c, [...(byChannel.get(c) ?? []), n]);
  for (const m of marks) {
    const student = nameOf.get(m.student_id);
    if (!student) continue;
    const mark = { kind: m.kind as 'grade' | 'absence', value: m.value };
    const kind = markNoticeKind(mark);
    const what = mark.kind === 'grade' ? `Оценка ${m.value}` : `Пропуск «${m.value}»`;
    const notice = {
      kind,
      title: `${what}: ${m.subject}`,
      text: `${fullName(student)}: ${what.toLowerCase()} по дисциплине «${m.subject}» за ${formatRu(m.date)}.`,
      sms: fitSms(`${shortName(student)}: ${m.value}, ${m.subject}, ${formatRu(m.date).slice(0, 5)}`),
      link: `/family?child=${m.student_id}`,
      key: `mark:${m.id}:v${m.version}`,
      studentId: m.student_id,
    };
    for (const s of subs) {
      if (s.student_id !== m.student_id) continue;
      for (const channel of ['app', 'email', 'sms'] as NoticeChannel[]) {
        const p = prefsFor(s.person_id, m.student_id, channel, s.who);
        if (p && wantsMark(p, mark)) push(channel, { ...notice, personId: s.person_id });
      }
    }
  }
  for (const [channel, notices] of byChannel) await notify(tx, orgId, notices, [channel]);
  const absences = marks.filter((m) => m.kind === 'absence' && m.value !== 'оп');
  if (absences.length) await tellEpisodes(tx, orgId, absences, subs, prefsFor, nameOf);
}

type Mk = Awaited<ReturnType<typeof marksWithLessons>>[number];
type Sub = Awaited<ReturnType<typeof subscribersOf>>[number];
type Names = Map<number, Awaited<ReturnType<typeof studentNames>>[number]>;

const MONTHS_GEN = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
export const monthRu = (month: string) => `${MONTHS_GEN[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** «3 дня подряд с 25.11.2026», «14 часов без уважительной причины за ноябрь 2026». */
export function episodeText(kind: 'days' | 'hours', episode: string, value: number): string {
  return kind === 'days'
    ? `нет на занятиях ${countRu(value, NOUNS.day)} подряд с ${formatRu(episode)}`
    : `${countRu(value, NOUNS.hour)} пропусков без уважительной причины за ${monthRu(episode)}`;
}

/**
 * Absences that cross a threshold: the college's (an alert to the curator and the specialists, once
 * per episode) and each guardian's own («after N hours», «after N days in a row»).
 */
async function tellEpisodes(
  tx: Tx,
  orgId: number,
  absences: Mk[],
  subs: Sub[],
  prefsFor: Awaited<ReturnType<typeof prefsLookup>>,
  nameOf: Names,
) {
  const org = await orgName(tx, orgId);
  const college = alertSettingsFrom(org.settings);
  const latest = new Map<number, Mk>();
  for (const m of absences) if ((latest.get(m.student_id)?.date ?? '') < m.date) latest.set(m.student_id, m);
  for (const m of latest.values()) {
    const student = nameOf.get(m.student_id);
    if (!student) continue;
    const month = m.date.slice(0, 7);
    const [days, hours] = await Promise.all([
      schoolDays(tx, orgId, m.student_id, addDays(m.date, -45), m.date),
      unexcusedHours(tx, orgId, m.student_id, `${month}-01`, `${month}-31`),
    ]);
    const facts = { days, monthUnexcusedHours: hours, month };
    for (const e of crossedEpisodes(facts, college)) {
      const id = await insertEpisode(tx, { orgId, studentId: m.student_id, groupId: m.group_id, ...e, at: nowIso() });
      if (id === null) continue;
      const to = await alertRecipients(tx, orgId, m.group_id, m.student_id);
      const text = `${fullName(student)}: ${episodeText(e.kind, e.episode, e.value)}.`;
      await notify(
        tx,
        orgId,
        to.map((personId) => ({
          personId,
          kind: 'alert',
          title: `Пропуски: ${shortName(student)}`,
          text,
          link: '/notify/alerts',
          key: `alert:${m.student_id}:${e.kind}:${e.episode}`,
          studentId: m.student_id,
        })),
        ['app', 'email'],
      );
    }
    // Each guardian's own threshold, told once per episode.
    for (const s of subs) {
      if (s.student_id !== m.student_id) continue;
      for (const channel of ['app', 'email', 'sms'] as NoticeChannel[]) {
        const p = prefsFor(s.person_id, m.student_id, channel, s.who);
        if (!p || (p.absences !== 'hours' && p.absences !== 'days')) continue;
        const own = crossedEpisodes(facts, {
          daysInRow: p.absences === 'days' ? p.absenceThreshold : 10_000,
          hoursPerMonth: p.absences === 'hours' ? p.absenceThreshold : 10_000,
        });
        for (const e of own) {
          const text = `${fullName(student)}: ${episodeText(e.kind, e.episode, e.value)}.`;
          await notify(
            tx,
            orgId,
            [
              {
                personId: s.person_id,
                kind: 'absence',
                title: `Пропуски: ${shortName(student)}`,
                text,
                sms: fitSms(`${shortName(student)}: ${episodeText(e.kind, e.episode, e.value)}`),
                link: `/family?child=${m.student_id}`,
                key: `absence-${e.kind}:${m.student_id}:${e.episode}:${p.absenceThreshold}`,
                studentId: m.student_id,
              },
            ],
            [channel],
          );
        }
      }
    }
  }
}
