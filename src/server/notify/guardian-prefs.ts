import type { ChannelPrefs, MyPrefs } from '../../contracts/notify-guardian.js';
import {
  channelsFor,
  defaultPrefs,
  emailKindsOn,
  type AbsenceMode,
  type ChannelPrefs as DomainPrefs,
  type GradeMode,
  type NoticeChannel,
} from '../../domain/guardian-notices.js';
import { fullName } from '../../domain/text.js';
import { audit } from '../platform/audit.js';
import { nowIso, type Db, type Tx } from '../platform/db.js';
import { badRequest, notFound } from '../platform/errors.js';
import type { Ctx } from '../platform/http.js';
import { namesStudent } from '../platform/reach.js';
import { contactsOf } from './guardian-contacts-queries.js';
import { childrenOfPerson, prefsOfPerson, prefsOfStudents, upsertPref } from './guardian-queries.js';
import { clearOptOut } from './outbox.js';
import { optOutsOf } from './queries.js';

// Each guardian chooses per child and per channel what they are told; a student chooses for
// themself in the app and by e-mail (issue 14 item 6). Rows are kept only once changed: the
// defaults (domain/guardian-notices.ts) hold for the rest.

type StoredPref = Awaited<ReturnType<typeof prefsOfPerson>>[number];

const fromRow = (r: StoredPref): DomainPrefs => ({
  grades: r.grades as GradeMode,
  absences: r.absences as AbsenceMode,
  absenceThreshold: r.absence_threshold,
  digest: !!r.digest,
  termGrades: !!r.term_grades,
});

/** Every subscriber's choices for a set of students, defaults filled in: `prefsFor(person, student, channel)`. */
export async function prefsLookup(db: Db | Tx, orgId: number, studentIds: number[]) {
  const rows = await prefsOfStudents(db, orgId, studentIds);
  const stored = new Map(rows.map((r) => [`${r.person_id}:${r.student_id}:${r.channel}`, fromRow(r)]));
  return (personId: number, studentId: number, channel: NoticeChannel, who: 'guardian' | 'student'): DomainPrefs | null => {
    if (!channelsFor(who).includes(channel)) return null;
    return stored.get(`${personId}:${studentId}:${channel}`) ?? defaultPrefs(channel);
  };
}

export async function myPrefs(ctx: Ctx): Promise<MyPrefs> {
  const orgId = ctx.principal.organizationId;
  const personId = ctx.principal.personId;
  const [children, rows, contacts, optOuts] = await Promise.all([
    childrenOfPerson(ctx.db, orgId, personId),
    prefsOfPerson(ctx.db, orgId, personId),
    contactsOf(ctx.db, orgId, [personId]),
    optOutsOf(ctx.db, orgId, [personId]),
  ]);
  const stored = new Map(rows.map((r) => [`${r.student_id}:${r.channel}`, fromRow(r)]));
  const reachable = children.filter((c) => namesStudent(ctx.reach, c.student_id));
  const c = contacts[0];
  return {
    children: reachable.map((ch) => ({
      studentId: ch.student_id,
      name: fullName(ch),
      self: ch.who === 'student',
      channels: channelsFor(ch.who).map((channel): ChannelPrefs => ({
        channel,
        ...(stored.get(`${ch.student_id}:${channel}`) ?? defaultPrefs(channel)),
      })),
    })),
    contacts: { email: !!c?.email, phone: !!c?.phone },
    emailOptOuts: optOuts.map((o) => o.kind).sort(),
  };
}

export async function setMyPref(ctx: Ctx, body: ChannelPrefs & { studentId: number }): Promise<MyPrefs> {
  const orgId = ctx.principal.organizationId;
  const personId = ctx.principal.personId;
  if (!namesStudent(ctx.reach, body.studentId)) throw notFound('Обучающийся не найден среди доступных вам.');
  const child = (await childrenOfPerson(ctx.db, orgId, personId)).find((c) => c.student_id === body.studentId);
  if (!child) throw notFound('Обучающийся не найден среди доступных вам.');
  if (!channelsFor(child.who).includes(body.channel))
    throw badRequest('Обучающийся получает уведомления в приложении и по электронной почте.', { channel: 'Канал недоступен' });
  if (body.channel === 'sms' && body.digest)
    throw badRequest('Сводка за неделю не помещается в SMS: выберите для неё почту или приложение.', { digest: 'Недоступно для SMS' });
  await ctx.db.transaction().execute(async (tx) => {
    const { studentId, channel, ...p } = body;
    await upsertPref(tx, orgId, { personId, studentId, channel, ...p }, nowIso());
    // E-mail turned on here is wanted again: an unsubscribe from these kinds (or from all) is lifted.
    const on = new Set(channel === 'email' ? emailKindsOn(p) : []);
    const lifted = on.size ? (await optOutsOf(tx, orgId, [personId])).map((o) => o.kind).filter((k) => on.has(k)) : [];
    for (const kind of lifted) await clearOptOut(tx, orgId, personId, kind);
    await audit(tx, {
      organizationId: orgId,
      actorUserId: ctx.principal.userId,
      action: 'notify.prefs',
      entity: 'student',
      entityId: studentId,
      after: lifted.length ? { ...body, optOutsLifted: lifted } : body,
      ip: ctx.ip,
    });
  });
  return myPrefs(ctx);
}
