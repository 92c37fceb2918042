import { z } from 'zod';
import { IsoDate } from './common.js';

// The plan of intra-college control (issue 12 item 8, п. 2.12): the deputy director's lines for an
// academic year — what is checked, where, when and by whom — each expanded into dated occurrences
// whose state (done, due, overdue) is derived from the checks kept.

export const PLAN_KINDS = ['fill', 'weekly', 'term', 'ktp', 'objectivity', 'remarks', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  fill: 'Ежедневный контроль заполнения журналов',
  weekly: 'Еженедельная проверка журналов',
  term: 'Проверка журналов по итогам семестра',
  ktp: 'Проверка КТП и выполнения рабочих программ',
  objectivity: 'Объективность выставления оценок',
  remarks: 'Устранение замечаний',
  other: 'Другое',
};

export const PLAN_REPEATS = ['once', 'daily', 'weekly', 'monthly', 'term'] as const;
export type PlanRepeat = (typeof PLAN_REPEATS)[number];
export const PLAN_REPEAT_LABELS: Record<PlanRepeat, string> = {
  once: 'Один раз (дата или период)',
  daily: 'Ежедневно (по рабочим дням)',
  weekly: 'Еженедельно',
  monthly: 'Ежемесячно',
  term: 'Каждый семестр',
};

export const PLAN_SCOPES = ['college', 'groups', 'assignments', 'commission'] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];
export const PLAN_SCOPE_LABELS: Record<PlanScope, string> = {
  college: 'Весь колледж',
  groups: 'Группы',
  assignments: 'Журналы',
  commission: 'ПЦК',
};

const optionalDate = IsoDate.nullable().optional();

/** A line as the deputy writes it; the year's bounds, the targets and the person are checked by the service. */
export const PlanLineEdit = z.object({
  kind: z.enum(PLAN_KINDS).meta({ title: 'Что проверяется' }),
  subject: z.string().trim().max(500, 'Не длиннее 500 символов').default('').meta({ title: 'Содержание проверки' }),
  scope: z.enum(PLAN_SCOPES).meta({ title: 'Где проверяется' }),
  targetIds: z.array(z.number().int().positive()).max(500).default([]).meta({ title: 'Группы, журналы или ПЦК' }),
  repeat: z.enum(PLAN_REPEATS).meta({ title: 'Когда' }),
  startDate: optionalDate,
  endDate: optionalDate,
  personId: z.number().int().positive().meta({ title: 'Кто проверяет' }),
  note: z.string().trim().max(1000, 'Не длиннее 1000 символов').default(''),
});
export type PlanLineEdit = z.infer<typeof PlanLineEdit>;
export const PlanLineBody = PlanLineEdit.extend({ yearId: z.number().int().positive() });
export type PlanLineBody = z.infer<typeof PlanLineBody>;

export const PlanQuery = z.object({ yearId: z.coerce.number().int().positive().optional() });
export const PlanCopyBody = z.object({
  yearId: z.number().int().positive(),
  fromYearId: z.number().int().positive().meta({ title: 'Скопировать план года' }),
});

/** Marks an occurrence (by its first day) done by hand, with the check's report or remark and a comment. */
export const PlanDoneBody = z.object({
  from: IsoDate.meta({ title: 'Срок плана' }),
  reportId: z.number().int().positive().nullable().optional().meta({ title: 'Отчёт' }),
  remarkId: z.number().int().positive().nullable().optional().meta({ title: 'Замечание' }),
  comment: z.string().trim().max(1000, 'Не длиннее 1000 символов').default(''),
});
export type PlanDoneBody = z.infer<typeof PlanDoneBody>;

export const OCCURRENCE_STATES = ['done', 'overdue', 'due', 'planned'] as const;
export type OccurrenceState = (typeof OCCURRENCE_STATES)[number];

export const PlanDone = z.object({
  /** What fulfilled it: a kept report, a term-check справка, a remark, or a comment alone. */
  what: z.string(),
  link: z.object({ kind: z.enum(['weekly', 'report', 'term-check', 'remark']), id: z.number() }).nullable(),
  by: z.string(),
  at: z.string(),
  comment: z.string(),
  /** The hand mark (null when the kept check itself fulfils the occurrence). */
  markId: z.number().nullable(),
  canUndo: z.boolean(),
});
export const PlanOccurrence = z.object({
  from: z.string(),
  to: z.string(),
  due: z.string(),
  state: z.enum(OCCURRENCE_STATES),
  done: PlanDone.nullable(),
});
export type PlanOccurrence = z.infer<typeof PlanOccurrence>;
const Counts = z.object({ done: z.number(), overdue: z.number(), due: z.number(), planned: z.number() });
export type PlanCounts = z.infer<typeof Counts>;

export const PlanLine = z.object({
  id: z.number(),
  yearId: z.number(),
  kind: z.enum(PLAN_KINDS),
  subject: z.string(),
  /** The kind's words and the free text together. */
  what: z.string(),
  scope: z.enum(PLAN_SCOPES),
  targets: z.array(z.object({ id: z.number(), name: z.string() })),
  where: z.string(),
  repeat: z.enum(PLAN_REPEATS),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  when: z.string(),
  person: z.object({ id: z.number(), name: z.string() }),
  note: z.string(),
  occurrences: z.array(PlanOccurrence),
  counts: Counts,
  /** The caller may mark its occurrences done: the line's checker, or whoever keeps the plan. */
  canMark: z.boolean(),
});
export type PlanLine = z.infer<typeof PlanLine>;

const Option = z.object({ id: z.number(), name: z.string() });
export const ControlPlan = z.object({
  today: z.string(),
  year: z.object({ id: z.number(), name: z.string(), startDate: z.string(), endDate: z.string() }).nullable(),
  years: z.array(Option),
  lines: z.array(PlanLine),
  /** Occurrences per month by the month of their due date. */
  months: z.array(Counts.extend({ month: z.string(), label: z.string() })),
  totals: Counts,
  canWrite: z.boolean(),
  /** The line form's choices, for those who write the plan (empty otherwise). Who may be named to check: the deputy, the methodologist. */
  people: z.array(Option),
  groups: z.array(Option),
  assignments: z.array(Option),
  commissions: z.array(Option),
});
export type ControlPlan = z.infer<typeof ControlPlan>;

export const PlanOverdue = z.object({
  items: z.array(
    z.object({
      lineId: z.number(),
      what: z.string(),
      where: z.string(),
      person: z.string(),
      from: z.string(),
      to: z.string(),
      due: z.string(),
    }),
  ),
});
export type PlanOverdue = z.infer<typeof PlanOverdue>;
