import { addDays } from '../../domain/dates.js';
import { DEFAULT_WEIGHTS } from '../../domain/journal-input.js';
import type { WorkType } from '../../domain/marks.js';
import { drawMark, levelAt, traitsOf } from '../demo/traits.js';
import { insertDemoMarks, insertMany, type DemoWorld } from '../demo/world.js';

// The journal step: the current term's past lessons recorded as teachers do — topics from the
// КТП, work types, homework, grades and absences — with a few late corrections (approved,
// rejected and waiting) and curators' excuses. Today's lessons are left for the teachers.

const WORKS_OF_LESSON_TYPE: Record<string, WorkType[]> = {
  theory: ['oral'],
  combined: ['oral', 'written'],
  practical: ['practical'],
  laboratory: ['laboratory'],
  control: ['control'],
  seminar: ['oral'],
  course_project: ['independent'],
  practice: ['practical'],
  consultation: ['oral'],
  excursion: ['oral'],
  attestation: ['control'],
};
const ABSENCE_MIX = ['н', 'н', 'н', 'н', 'н', 'б', 'б', 'б', 'уп', 'оп'];

/** How far into its term a date is (0 … 1): the first term from 1 September, the second from 12 January. */
const termProgress = (date: string) => {
  const y = Number(date.slice(0, 4));
  const [from, days] = date.slice(5) >= '09-01' ? [`${y}-09-01`, 121] : [`${y}-01-12`, 170];
  return Math.max(0, Math.min(1, (Date.parse(date) - Date.parse(from)) / (days * 86_400_000)));
};

export async function journalDemo(w: DemoWorld): Promise<void> {
  const { tx, rnd, orgId } = w;
  const lessons = await tx
    .selectFrom('lessons as l')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['l.id', 'l.date', 'l.hours', 'l.assignment_id', 'l.teacher_person_id', 'a.group_id', 'a.subgroup_id', 'a.curriculum_item_id'])
    .where('l.organization_id', '=', orgId)
    .where('l.date', '<', w.today)
    .where('l.status', '!=', 'cancelled')
    .where('l.recorded_at', 'is', null)
    .orderBy('l.assignment_id')
    .orderBy('l.date')
    .orderBy('l.pair_no')
    .execute();
  if (!lessons.length) return;

  // Every teacher who records a lesson signs in: a login for those who have none yet.
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'person_id']).where('organization_id', '=', orgId).execute()).map((u) => [
      u.person_id,
      u.id,
    ]),
  );
  const missing = [...new Set(lessons.map((l) => l.teacher_person_id))].filter((p) => !users.has(p));
  const newIds = await insertMany(
    tx,
    'users',
    missing.map((p) => ({
      organization_id: orgId,
      person_id: p,
      login: `prep${p}`,
      password_hash: w.passwordHash,
      must_change_password: 0,
      is_active: 1,
      created_at: w.now,
    })),
  );
  missing.forEach((p, i) => users.set(p, newIds[i]));

  // The lesson plan each assignment follows: the group's copy, else the shared base.
  const plans = await tx
    .selectFrom('lesson_plans')
    .select(['id', 'curriculum_item_id', 'group_id'])
    .where('organization_id', '=', orgId)
    .orderBy('id')
    .execute();
  const items = await tx
    .selectFrom('lesson_plan_items')
    .select(['lesson_plan_id', 'topic', 'lesson_type', 'self_study_task'])
    .where('organization_id', '=', orgId)
    .orderBy('lesson_plan_id')
    .orderBy('position')
    .execute();
  const itemsOf = new Map<number, typeof items>();
  for (const it of items) itemsOf.set(it.lesson_plan_id, [...(itemsOf.get(it.lesson_plan_id) ?? []), it]);
  const planOf = (itemId: number, groupId: number) =>
    (
      plans.find((p) => p.curriculum_item_id === itemId && p.group_id === groupId) ??
      plans.find((p) => p.curriculum_item_id === itemId && p.group_id === null)
    )?.id;

  const subgroupOf = new Map(
    (await tx.selectFrom('subgroup_memberships').select(['student_id', 'subgroup_id']).where('organization_id', '=', orgId).execute()).map(
      (s) => [s.student_id, s.subgroup_id],
    ),
  );

  const marks: Record<string, unknown>[] = [];
  const stamp = (date: string, minutes: number) => new Date(Date.parse(`${date}T01:00:00Z`) + minutes * 60_000).toISOString();
  let index = 0;
  let practicals = 0;
  let prevAssignment = -1;
  for (const l of lessons) {
    index = l.assignment_id === prevAssignment ? index + 1 : 0;
    if (index === 0) practicals = 0;
    prevAssignment = l.assignment_id;
    // A few lessons of the last days are not recorded yet: the methodologist's daily control finds them.
    if (l.date >= addDays(w.today, -3) && rnd.chance(0.04)) continue;
    const planId = planOf(l.curriculum_item_id, l.group_id);
    const plan = planId ? (itemsOf.get(planId) ?? []) : [];
    const item = plan.length ? plan[index % plan.length] : null;
    // A practical work takes three practical lessons and is handed in at the last one; the others are
    // recorded as the class's oral work.
    const practical = item?.lesson_type === 'practical' || item?.lesson_type === 'practice';
    if (practical) practicals += 1;
    const works =
      practical && practicals % 3 !== 0 ? (['oral'] as WorkType[]) : (WORKS_OF_LESSON_TYPE[item?.lesson_type ?? 'theory'] ?? ['oral']);
    const topic = item ? (index < plan.length ? item.topic : `Повторение: ${item.topic}`) : `Занятие ${index + 1}`;
    const recordedAt = stamp(l.date, 60 + rnd.int(0, 480));
    const userId = users.get(l.teacher_person_id)!;
    await tx
      .updateTable('lessons')
      .set({
        topic,
        work_types: JSON.stringify(works),
        work_done: item?.lesson_type === 'control' ? 'Контрольная работа по разделу' : 'Объяснение нового материала, опрос',
        homework: item?.self_study_task ?? (rnd.chance(0.7) ? 'Повторить конспект занятия' : null),
        recorded_at: recordedAt,
        recorded_by_user_id: userId,
        version: 2,
        updated_at: recordedAt,
      })
      .where('id', '=', l.id)
      .execute();

    const roster = (w.studentsByGroup.get(l.group_id) ?? []).filter(
      (s) => s.since <= l.date && (!s.until || l.date <= s.until) && (!l.subgroup_id || subgroupOf.get(s.studentId) === l.subgroup_id),
    );
    // Required works (п. 4.2) are marked for everyone present who hands them in; marks and absences
    // follow each student's traits (demo/traits.ts), so the forecasts see real relations.
    const everyone = works.includes('control') || works.includes('laboratory') || works.includes('practical');
    const graded = new Set(
      everyone ? roster.map((s) => s.studentId) : roster.filter(() => rnd.chance(3 / Math.max(roster.length, 3))).map((s) => s.studentId),
    );
    for (const s of roster) {
      const base = {
        organization_id: orgId,
        lesson_id: l.id,
        student_id: s.studentId,
        comment: null,
        version: 1,
        created_by_user_id: userId,
        created_at: recordedAt,
        updated_by_user_id: userId,
        updated_at: recordedAt,
      };
      const traits = traitsOf(s.studentId);
      if (rnd.chance(traits.absence)) {
        const v = rnd.pick(ABSENCE_MIX);
        marks.push({ ...base, kind: 'absence', value: v, work_type: null, weight: 1, hours: v === 'оп' ? null : l.hours });
        if (v !== 'оп') continue;
      }
      if (graded.has(s.studentId) && !(everyone && rnd.chance(traits.skipsWork))) {
        const wt = works[0];
        const value = drawMark(rnd, levelAt(s.studentId, l.curriculum_item_id, termProgress(l.date)));
        marks.push({ ...base, kind: 'grade', value, work_type: wt, weight: DEFAULT_WEIGHTS[wt], hours: null });
      }
    }
  }
  const markIds = await insertDemoMarks(tx, orgId, marks);

  await demoCorrections(
    w,
    marks.map((m, i) => ({
      ...(m as {
        lesson_id: number;
        student_id: number;
        kind: 'grade' | 'absence';
        value: string;
        work_type: string | null;
        weight: number;
        created_by_user_id: number;
        created_at: string;
      }),
      id: markIds[i],
    })),
    users,
  );
  await demoExcuses(w, users);
}

type DemoMark = {
  id: number;
  lesson_id: number;
  student_id: number;
  kind: 'grade' | 'absence';
  value: string;
  work_type: string | null;
  weight: number;
  created_by_user_id: number;
  created_at: string;
};

/** Late changes: a few approved by the deputy, one rejected, some waiting in the inbox. */
async function demoCorrections(w: DemoWorld, marks: DemoMark[], users: Map<number, number>) {
  const { tx, rnd, orgId } = w;
  const deputy = users.get(w.fixed.deputy);
  const teacherUser = users.get(w.fixed.teacher);
  if (!deputy || !marks.length) return;
  const old = marks.filter((m) => m.kind === 'grade' && m.created_at < addDays(w.today, -7));
  const own = old.filter((m) => m.created_by_user_id === teacherUser && m.created_at > addDays(w.today, -21));
  const picks = [
    ...own.slice(0, 3).map((m) => ({ m, status: 'pending' as const })),
    ...own.slice(3, 4).map((m) => ({ m, status: 'rejected' as const })),
    ...Array.from({ length: Math.min(8, old.length) }, () => ({ m: rnd.pick(old), status: 'approved' as const })),
  ];
  const seen = new Set<number>();
  for (const { m, status } of picks) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const newValue = m.value === '2' ? '3' : m.value === '5' ? '4' : String(Number(m.value) + 1);
    const requestedAt =
      status === 'pending'
        ? new Date(Date.parse(`${addDays(w.today, -1)}T02:00:00Z`) + rnd.int(0, 300) * 60_000).toISOString()
        : new Date(Date.parse(m.created_at) + 3 * 86_400_000).toISOString();
    const decidedAt = new Date(Date.parse(requestedAt) + 5 * 3_600_000).toISOString();
    const [reqId] = await insertMany(tx, 'correction_requests', [
      {
        organization_id: orgId,
        lesson_id: m.lesson_id,
        student_id: m.student_id,
        mark_id: m.id,
        kind: 'grade',
        old_value: m.value,
        new_value: newValue,
        new_work_type: m.work_type,
        new_weight: m.weight,
        reason: rnd.pick([
          'Оценка выставлена ошибочно другому обучающемуся',
          'Работа пересдана в срок, установленный преподавателем',
          'Опечатка при вводе оценки',
        ]),
        status,
        requested_by_user_id: m.created_by_user_id,
        requested_at: requestedAt,
        decided_by_user_id: status === 'pending' ? null : deputy,
        decided_at: status === 'pending' ? null : decidedAt,
        decision_comment: status === 'rejected' ? 'Пересдача не предусмотрена положением' : null,
      },
    ]);
    if (status !== 'approved') continue;
    await tx
      .updateTable('marks')
      .set({ value: newValue, version: 2, updated_by_user_id: deputy, updated_at: decidedAt })
      .where('id', '=', m.id)
      .execute();
    const [eventId] = await insertMany(tx, 'mark_events', [
      {
        organization_id: orgId,
        mark_id: m.id,
        lesson_id: m.lesson_id,
        student_id: m.student_id,
        kind: 'grade',
        action: 'update',
        old_value: m.value,
        new_value: newValue,
        old_work_type: m.work_type,
        new_work_type: m.work_type,
        old_weight: m.weight,
        new_weight: m.weight,
        reason: 'По заявке на исправление',
        correction_request_id: reqId,
        user_id: deputy,
        at: decidedAt,
        op_id: null,
      },
    ]);
    await tx.updateTable('correction_requests').set({ mark_event_id: eventId }).where('id', '=', reqId).execute();
  }
}

/** Curators' excuses: «н» of a few students turned into «уп» by a справка. */
async function demoExcuses(w: DemoWorld, users: Map<number, number>) {
  const { tx, rnd, orgId } = w;
  const absences = await tx
    .selectFrom('marks as m')
    .innerJoin('lessons as l', 'l.id', 'm.lesson_id')
    .innerJoin('assignments as a', 'a.id', 'l.assignment_id')
    .select(['m.student_id', 'l.date', 'a.group_id'])
    .where('m.organization_id', '=', orgId)
    .where('m.kind', '=', 'absence')
    .where('m.value', '=', 'н')
    .execute();
  const curatorOf = new Map(w.groups.map((g) => [g.id, g.curatorPersonId]));
  const rows: Record<string, unknown>[] = [];
  const done = new Set<number>();
  for (const a of absences) {
    if (done.has(a.student_id) || !(curatorOf.get(a.group_id) === w.fixed.curator ? rnd.chance(0.3) : rnd.chance(0.03))) continue;
    const by = users.get(curatorOf.get(a.group_id)!);
    if (!by) continue;
    done.add(a.student_id);
    const to = addDays(a.date, rnd.int(0, 3));
    rows.push({
      organization_id: orgId,
      student_id: a.student_id,
      from_date: addDays(a.date, -rnd.int(0, 2)),
      to_date: to,
      reason: rnd.pick(['Болезнь', 'Болезнь', 'Семейные обстоятельства', 'Участие в соревнованиях']),
      document: `Справка № ${rnd.int(10, 999)} от ${to.split('-').reverse().join('.')}`,
      created_by_user_id: by,
      created_at: new Date(Date.parse(`${to}T03:00:00Z`) + 86_400_000).toISOString(),
      revoked_at: null,
      revoked_by_user_id: null,
    });
  }
  await insertMany(tx, 'absence_excuses', rows);
}
