import { addDays } from '../../domain/dates.js';
import type { EnrollmentKindName } from '../../domain/people.js';
import { insertMany, type DemoStep, type DemoWorld } from '../demo/world.js';

/**
 * The people step of the demo: every student's enrolment, and this year's movement (п. 3.4) —
 * transfers between groups mid-year, academic leave (one still on it, one back), an expulsion
 * and a reinstatement — with memberships that agree with the events. The social pedagogue's
 * direction of work (п. 2.6): the first-course groups and two students of a second-course group.
 */
export const peopleDemo: DemoStep = async (w) => {
  const { tx, rnd, orgId } = w;
  const admin = await tx
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('person_id', '=', w.fixed.admin)
    .executeTakeFirstOrThrow();
  const event = (
    studentId: number,
    kind: EnrollmentKindName,
    date: string,
    from: number | null,
    to: number | null,
    toSub: number | null,
    orderNo: string,
    reason: string,
  ) => ({
    organization_id: orgId,
    student_id: studentId,
    kind,
    effective_date: date,
    from_group_id: from,
    to_group_id: to,
    to_subgroup_id: toSub,
    order_no: orderNo,
    reason,
    created_by_user_id: admin.id,
    created_at: w.now,
  });
  const firstCourse = w.groups.filter((g) => g.course === 1).slice(0, 3);
  const secondCourse = w.groups.find((g) => g.course === 2);
  await insertMany(tx, 'specialist_directions', [
    ...firstCourse.map((g) => ({ organization_id: orgId, person_id: w.fixed.specialist, group_id: g.id, student_id: null })),
    ...(secondCourse ? w.studentsByGroup.get(secondCourse.id)!.slice(0, 2) : []).map((s) => ({
      organization_id: orgId,
      person_id: w.fixed.specialist,
      group_id: null,
      student_id: s.studentId,
    })),
  ]);
  const events = [];
  for (const g of w.groups) {
    for (const s of w.studentsByGroup.get(g.id)!)
      events.push(event(s.studentId, 'enrol', s.since, null, g.id, null, `${s.since.slice(2, 4)}-к/${g.course}`, 'Зачисление'));
  }

  // Movement happens between mid-September and a few days ago; too early in the year, there is none.
  const first = `${w.yearStart}-09-20`;
  const last = addDays(w.today, -5);
  const span = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000);
  if (span < 30) {
    await insertMany(tx, 'enrollment_events', events);
    return;
  }
  const dayIn = (fromFrac: number, toFrac: number) => addDays(first, rnd.int(Math.round(span * fromFrac), Math.round(span * toFrac)));
  const protectedIds = new Set(
    (await tx.selectFrom('guardian_links').select('student_id').where('guardian_person_id', '=', w.fixed.parent).execute()).map(
      (r) => r.student_id,
    ),
  );
  // The groups of the fixed demo logins (the curator's, the teacher's) keep whole lists, so a
  // walkthrough from those logins starts from a predictable page; movement happens elsewhere.
  const fixedGroups = new Set([
    ...w.groups.filter((g) => g.curatorPersonId === w.fixed.curator).map((g) => g.id),
    ...(
      await tx
        .selectFrom('assignments')
        .select('group_id')
        .distinct()
        .where('organization_id', '=', orgId)
        .where('teacher_person_id', '=', w.fixed.teacher)
        .execute()
    ).map((r) => r.group_id),
  ]);
  const movable = w.groups.filter((g) => !fixedGroups.has(g.id));
  const used = new Set<number>();
  const pickStudent = (groupId: number) => {
    const list = w.studentsByGroup.get(groupId)!.filter((s) => !protectedIds.has(s.studentId) && !used.has(s.studentId) && s.since < first);
    const s = list.length ? rnd.pick(list) : null;
    if (s) used.add(s.studentId);
    return s;
  };
  const closeAt = async (studentId: number, end: string) => {
    await tx
      .updateTable('group_memberships')
      .set({ end_date: end })
      .where('student_id', '=', studentId)
      .where('end_date', 'is', null)
      .execute();
    await tx
      .updateTable('subgroup_memberships')
      .set({ end_date: end })
      .where('student_id', '=', studentId)
      .where('end_date', 'is', null)
      .execute();
  };
  const open = async (studentId: number, g: DemoWorld['groups'][number], start: string) => {
    await tx
      .insertInto('group_memberships')
      .values({ organization_id: orgId, student_id: studentId, group_id: g.id, start_date: start, end_date: null })
      .execute();
    await tx
      .insertInto('subgroup_memberships')
      .values({ organization_id: orgId, student_id: studentId, subgroup_id: g.subgroupIds[0], start_date: start, end_date: null })
      .execute();
  };
  // Later steps (the journal) read the lists: a stint ends the day before the move.
  const leave = (s: { studentId: number }, groupId: number, until: string) => {
    const entry = w.studentsByGroup.get(groupId)!.find((x) => x.studentId === s.studentId && !x.until)!;
    entry.until = until;
  };
  const join = (s: { studentId: number; personId: number }, groupId: number, since: string) =>
    w.studentsByGroup.get(groupId)!.push({ studentId: s.studentId, personId: s.personId, since, until: null });

  // Transfers between groups of the same course (a change of program or of study load).
  const byCourse = new Map<number, DemoWorld['groups']>();
  for (const g of movable) byCourse.set(g.course, [...(byCourse.get(g.course) ?? []), g]);
  let order = 300;
  for (const [, gs] of byCourse) {
    if (gs.length < 2) continue;
    const [a, b] = [gs[0], gs[1]];
    const s = pickStudent(a.id);
    if (!s) continue;
    const date = dayIn(0.2, 0.8);
    await closeAt(s.studentId, addDays(date, -1));
    await open(s.studentId, b, date);
    events.push(
      event(
        s.studentId,
        'transfer',
        date,
        a.id,
        b.id,
        b.subgroupIds[0],
        `${++order}-к`,
        'Личное заявление, перевод на другую специальность',
      ),
    );
    leave(s, a.id, addDays(date, -1));
    join(s, b.id, date);
  }

  if (!movable.length) {
    await insertMany(tx, 'enrollment_events', events);
    return;
  }
  const gA = movable[0];
  const gB = movable[1 % movable.length];
  const gC = movable[2 % movable.length];
  // Academic leave still going on.
  const onLeave = pickStudent(gA.id);
  if (onLeave) {
    const d = dayIn(0.3, 0.6);
    await closeAt(onLeave.studentId, addDays(d, -1));
    await tx.updateTable('students').set({ status: 'leave' }).where('id', '=', onLeave.studentId).execute();
    events.push(event(onLeave.studentId, 'leave', d, gA.id, null, null, `${++order}-к`, 'Медицинские показания (справка ВК)'));
    leave(onLeave, gA.id, addDays(d, -1));
  }
  // Academic leave and return to the same group.
  const back = pickStudent(gB.id);
  if (back) {
    const d1 = dayIn(0.05, 0.3);
    const d2 = dayIn(0.5, 0.8);
    await closeAt(back.studentId, addDays(d1, -1));
    await open(back.studentId, gB, d2);
    events.push(event(back.studentId, 'leave', d1, gB.id, null, null, `${++order}-к`, 'Семейные обстоятельства'));
    events.push(event(back.studentId, 'return', d2, null, gB.id, gB.subgroupIds[0], `${++order}-к`, 'Окончание академического отпуска'));
    leave(back, gB.id, addDays(d1, -1));
    join(back, gB.id, d2);
  }
  // An expulsion.
  const out = pickStudent(gC.id);
  if (out) {
    const d = dayIn(0.4, 0.9);
    await closeAt(out.studentId, addDays(d, -1));
    await tx.updateTable('students').set({ status: 'expelled' }).where('id', '=', out.studentId).execute();
    events.push(event(out.studentId, 'expel', d, gC.id, null, null, `${++order}-к`, 'По собственному желанию'));
    leave(out, gC.id, addDays(d, -1));
  }
  // An expulsion followed by reinstatement in the same group.
  const again = pickStudent(gA.id);
  if (again) {
    const d1 = dayIn(0.1, 0.35);
    const d2 = dayIn(0.55, 0.85);
    await closeAt(again.studentId, addDays(d1, -1));
    await open(again.studentId, gA, d2);
    events.push(event(again.studentId, 'expel', d1, gA.id, null, null, `${++order}-к`, 'Невыход на занятия'));
    events.push(
      event(again.studentId, 'reinstate', d2, null, gA.id, gA.subgroupIds[0], `${++order}-к`, 'Личное заявление о восстановлении'),
    );
    leave(again, gA.id, addDays(d1, -1));
    join(again, gA.id, d2);
  }
  await insertMany(tx, 'enrollment_events', events);
};
