import { occurrencesOf, type Repeat } from '../../domain/control-plan.js';
import { insertMany, type DemoWorld } from '../demo/world.js';

// The control step of the demo: the current year's plan of intra-college control (п. 2.12) kept by
// the deputy director, with the checks already made marked done — all but the weekly check of the
// week before last and the latest days' fill control, so the deputy's home shows what is overdue.

interface DemoLine {
  kind: string;
  subject: string;
  scope: 'college' | 'groups' | 'commission';
  targets: number[];
  repeat: Repeat;
  start: string | null;
  end: string | null;
  by: 'deputy' | 'methodist';
  note: string;
  /** Comments of the hand marks of occurrences past due. */
  comment: string;
}

export async function planDemo(w: DemoWorld): Promise<void> {
  const { tx, orgId } = w;
  const y = w.yearStart;
  const year = await tx
    .selectFrom('academic_years')
    .select(['id', 'start_date', 'end_date'])
    .where('organization_id', '=', orgId)
    .where('start_date', '=', `${y}-09-01`)
    .executeTakeFirstOrThrow();
  const terms = await tx
    .selectFrom('terms')
    .select(['start_date as startDate', 'end_date as endDate'])
    .where('organization_id', '=', orgId)
    .where('academic_year_id', '=', year.id)
    .execute();
  const users = await tx
    .selectFrom('users')
    .select(['id', 'person_id'])
    .where('organization_id', '=', orgId)
    .where('person_id', 'in', [w.fixed.deputy, w.fixed.methodist])
    .execute();
  const userOf = (login: 'deputy' | 'methodist') => users.find((u) => u.person_id === w.fixed[login])!.id;
  const lines: DemoLine[] = [
    {
      kind: 'fill',
      subject: '',
      scope: 'college',
      targets: [],
      repeat: 'daily',
      start: null,
      end: null,
      by: 'methodist',
      note: 'По отчёту «Контроль заполнения» за прошедший день',
      comment: 'Незаписанные занятия переданы преподавателям',
    },
    {
      kind: 'weekly',
      subject: '',
      scope: 'college',
      targets: [],
      repeat: 'weekly',
      start: null,
      end: null,
      by: 'deputy',
      note: 'п. 5.2 Положения',
      comment: 'Проверено, замечания в отчёте недели',
    },
    {
      kind: 'ktp',
      subject: 'соответствие тем занятий КТП',
      scope: 'commission',
      targets: w.commissionIds.slice(1, 2),
      repeat: 'once',
      start: `${y}-10-01`,
      end: `${y}-10-20`,
      by: 'methodist',
      note: '',
      comment: 'Расхождения в двух журналах, замечания выданы',
    },
    {
      kind: 'objectivity',
      subject: 'выпускные группы',
      scope: 'groups',
      targets: w.groups
        .filter((g) => g.course === 4)
        .slice(0, 3)
        .map((g) => g.id),
      repeat: 'once',
      start: `${y}-12-14`,
      end: `${y}-12-25`,
      by: 'deputy',
      note: 'Перед промежуточной аттестацией',
      comment: 'Проверено',
    },
    {
      kind: 'remarks',
      subject: '',
      scope: 'college',
      targets: [],
      repeat: 'monthly',
      start: null,
      end: null,
      by: 'methodist',
      note: '',
      comment: 'Просроченные замечания переданы заместителю директора',
    },
    {
      kind: 'term',
      subject: '',
      scope: 'college',
      targets: [],
      repeat: 'term',
      start: null,
      end: null,
      by: 'deputy',
      note: 'Справка директору, п. 5.3–5.4',
      comment: 'Справка передана директору',
    },
    {
      kind: 'other',
      subject: 'Проверка журналов учебной и производственной практики',
      scope: 'college',
      targets: [],
      repeat: 'once',
      start: `${y + 1}-05-11`,
      end: `${y + 1}-05-22`,
      by: 'deputy',
      note: '',
      comment: 'Проверено',
    },
  ];
  const ids = await insertMany(
    tx,
    'control_plan_lines',
    lines.map((l) => ({
      organization_id: orgId,
      academic_year_id: year.id,
      kind: l.kind,
      subject: l.subject,
      scope: l.scope,
      target_ids: JSON.stringify(l.targets),
      repeat: l.repeat,
      start_date: l.start,
      end_date: l.end,
      person_id: w.fixed[l.by],
      note: l.note,
      created_at: w.now,
      updated_at: w.now,
    })),
  );
  const span = { startDate: year.start_date, endDate: year.end_date };
  const marks = lines.flatMap((l, i) => {
    const past = occurrencesOf({ repeat: l.repeat, startDate: l.start, endDate: l.end }, span, terms).filter((o) => o.due < w.today);
    // Left undone: the weekly check of the week before last, the fill control of the last two days.
    const undone = l.kind === 'weekly' ? past.slice(-1) : l.kind === 'fill' ? past.slice(-2) : [];
    return past
      .filter((o) => !undone.includes(o))
      .map((o) => ({
        organization_id: orgId,
        line_id: ids[i],
        occurrence_from: o.from,
        report_id: null,
        remark_id: null,
        comment: l.comment,
        marked_by_user_id: userOf(l.by),
        marked_at: `${o.due}T02:00:00.000Z`,
      }));
  });
  await insertMany(tx, 'control_plan_marks', marks);
}
