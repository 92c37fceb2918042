import { z } from 'zod';
import { DEFAULT_OBJECTIVITY } from '../domain/attestation.js';
import { DEFAULT_RULES } from '../domain/delivery.js';
import { cutoffsProblem, DEFAULT_GIA_CUTOFFS, DEMO_EXAM_MAX_POINTS, POINTS_NOUN, type GiaCutoffs } from '../domain/gia.js';
import { DEFAULT_ENTRY_WINDOW } from '../domain/journal-window.js';
import { WORK_TYPE_TITLES, type WorkType } from '../domain/marks.js';
import { DEFAULT_COEFFICIENTS } from '../domain/performance.js';
import { countRu } from '../domain/russian.js';

// The college's own rules (issue 15 item 2, decision 038), each described once: its key in the API,
// where it lives in `organizations.settings`, its label, what it changes (shown beside it), its
// schema and default. The server validates, stores and audits by this table; the page «Настройки
// колледжа» draws itself from it. Another area adds its setting with one entry here.

export type SettingKind = 'integer' | 'number' | 'time' | 'boolean' | 'choices';

export interface CollegeSetting {
  /** The field of the API and of the form. */
  key: string;
  /** Where the value lives in `organizations.settings` (JSON), as the code that reads it expects. */
  path: readonly string[];
  /** The section of the page it is shown in. */
  section: string;
  label: string;
  /** What the setting changes, in the college's words: shown next to it. */
  effect: string;
  kind: SettingKind;
  schema: z.ZodType;
  default: unknown;
  /** For `choices`: the allowed values and their titles. */
  choices?: Readonly<Record<string, string>>;
  /** Written together: the readers of these settings take the group whole (e.g. the СОУ weights). */
  whole?: boolean;
}

const int = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `${label}: введите целое число.` })
    .int(`${label}: введите целое число.`)
    .min(min, `${label}: не меньше ${min} ${unit}.`)
    .max(max, `${label}: не больше ${max} ${unit}.`)
    .meta({ title: label });

const num = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}: введите число.` })
    .min(min, `${label}: не меньше ${String(min).replace('.', ',')}.`)
    .max(max, `${label}: не больше ${String(max).replace('.', ',')}.`)
    .meta({ title: label });

const WINDOW = 'Срок внесения оценок и пропусков (п. 3.13)';
const OBJECTIVITY = 'Объективность семестровой оценки (п. 4.2)';
const PEOPLE = 'Контактные данные';
const SOU = 'Степень обученности (СОУ)';
const MAILINGS = 'Рассылки: тихие часы и пределы';
const DEMO_EXAM = 'Демонстрационный экзамен: перевод баллов в оценку (ГИА)';

const quiet = (key: 'quietFrom' | 'quietTo', label: string, effect: string): CollegeSetting => ({
  key: key === 'quietFrom' ? 'notifyQuietStart' : 'notifyQuietEnd',
  path: ['notify', key],
  section: MAILINGS,
  label,
  effect,
  kind: 'time',
  schema: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}: укажите время ЧЧ:ММ, от 00:00 до 23:59.`)
    .meta({ title: label }),
  default: DEFAULT_RULES[key],
});

const sou = (level: keyof typeof DEFAULT_COEFFICIENTS, key: string, label: string): CollegeSetting => ({
  key,
  path: ['learningDegreeCoefficients', level],
  section: SOU,
  label,
  effect: `Вес обучающихся с итогом «${level}» в СОУ (по В. П. Симонову) в отчётах об успеваемости. По умолчанию ${String(DEFAULT_COEFFICIENTS[level]).replace('.', ',')}.`,
  kind: 'number',
  schema: num(label, 0, 1),
  default: DEFAULT_COEFFICIENTS[level],
  whole: true,
});

const CUTOFF_NAMES = ['three', 'four', 'five'] as const;

const cutoff = (i: 0 | 1 | 2): CollegeSetting => {
  const grade = i + 3;
  const label = `Порог оценки «${grade}», % максимума`;
  return {
    key: `demoExamCutoff${grade}`,
    path: ['giaCutoffs', CUTOFF_NAMES[i]],
    section: DEMO_EXAM,
    label,
    effect:
      `С этой доли максимума (${countRu(DEMO_EXAM_MAX_POINTS, POINTS_NOUN)}) за демонстрационный экзамен ставится «${grade}»` +
      `${i === 0 ? ', ниже — «2»' : ''}; ровно на пороге — тоже «${grade}». Новые пороги действуют для баллов, внесённых после изменения: ` +
      `уже поставленные оценки не пересчитываются. Пороги должны возрастать: «3» < «4» < «5». По умолчанию — ${DEFAULT_GIA_CUTOFFS[i]} %.`,
    kind: 'number',
    schema: z
      .number({ error: `${label}: введите число.` })
      .gt(0, `${label}: больше 0.`)
      .max(100, `${label}: не больше 100.`)
      .meta({ title: label }),
    default: DEFAULT_GIA_CUTOFFS[i],
    whole: true,
  };
};

export const COLLEGE_SETTINGS: readonly CollegeSetting[] = [
  {
    key: 'journalEntryDays',
    path: ['journalEntryDays'],
    section: WINDOW,
    label: 'Дней после занятия',
    effect:
      'Сколько дней после даты занятия преподаватель вносит оценки и пропуски сам. 0 — только в день занятия. Позже — через заявку на исправление.',
    kind: 'integer',
    schema: int('Дней после занятия', 0, 60, 'дн.'),
    default: DEFAULT_ENTRY_WINDOW.days,
  },
  {
    key: 'journalEntryCloseTime',
    path: ['journalEntryCloseTime'],
    section: WINDOW,
    label: 'Время закрытия',
    effect: 'Во сколько по времени колледжа закрывается последний день срока. 24:00 — в конце дня.',
    kind: 'time',
    schema: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Время закрытия: укажите время ЧЧ:ММ, от 00:00 до 24:00.')
      .meta({ title: 'Время закрытия' }),
    default: DEFAULT_ENTRY_WINDOW.closeTime,
  },
  {
    key: 'objectivityBaseGrades',
    path: ['objectivity', 'baseGrades'],
    section: OBJECTIVITY,
    label: 'Оценок при базовой нагрузке',
    effect: 'Сколько текущих оценок нужно обучающемуся для семестровой оценки при базовой недельной нагрузке.',
    kind: 'integer',
    schema: int('Оценок при базовой нагрузке', 0, 20, 'оц.'),
    default: DEFAULT_OBJECTIVITY.baseGrades,
  },
  {
    key: 'objectivityBaseHoursPerWeek',
    path: ['objectivity', 'baseHoursPerWeek'],
    section: OBJECTIVITY,
    label: 'Базовая нагрузка, ч в неделю',
    effect: 'Недельная нагрузка, для которой достаточно базового числа оценок.',
    kind: 'integer',
    schema: int('Базовая нагрузка, ч в неделю', 0, 40, 'ч'),
    default: DEFAULT_OBJECTIVITY.baseHoursPerWeek,
  },
  {
    key: 'objectivityExtraHoursStep',
    path: ['objectivity', 'extraHoursStep'],
    section: OBJECTIVITY,
    label: 'Шаг нагрузки сверх базовой, ч',
    effect: 'За каждые столько часов в неделю сверх базовой нагрузки требуется больше оценок.',
    kind: 'number',
    schema: num('Шаг нагрузки сверх базовой, ч', 0.5, 40),
    default: DEFAULT_OBJECTIVITY.extraHoursStep,
  },
  {
    key: 'objectivityExtraGrades',
    path: ['objectivity', 'extraGrades'],
    section: OBJECTIVITY,
    label: 'Дополнительных оценок за шаг',
    effect: 'Сколько оценок добавляется за каждый шаг нагрузки сверх базовой.',
    kind: 'integer',
    schema: int('Дополнительных оценок за шаг', 0, 20, 'оц.'),
    default: DEFAULT_OBJECTIVITY.extraGrades,
  },
  {
    key: 'objectivityRequiredWorkTypes',
    path: ['objectivity', 'requiredWorkTypes'],
    section: OBJECTIVITY,
    label: 'Обязательные работы',
    effect: 'Проведённые по КТП работы этих видов должны быть оценены у обучающегося до семестровой оценки.',
    kind: 'choices',
    choices: WORK_TYPE_TITLES,
    schema: z
      .array(z.enum(Object.keys(WORK_TYPE_TITLES) as [WorkType, ...WorkType[]], { error: 'Обязательные работы: неизвестный вид работы.' }))
      .max(9)
      .refine((a) => new Set(a).size === a.length, 'Обязательные работы: вид работы указан дважды.')
      .meta({ title: 'Обязательные работы' }),
    default: DEFAULT_OBJECTIVITY.requiredWorkTypes,
  },
  {
    key: 'contactChangesNeedApproval',
    path: ['contactChangesNeedApproval'],
    section: PEOPLE,
    label: 'Изменения контактов куратором — с одобрения администратора',
    effect:
      'Включено: телефон и эл. почта, изменённые куратором, вступают в силу после одобрения администратором журнала. Выключено — сразу.',
    kind: 'boolean',
    schema: z.boolean({ error: 'Укажите да или нет.' }).meta({ title: 'Одобрение изменений контактов' }),
    default: false,
  },
  quiet(
    'quietFrom',
    'Тихие часы SMS: с',
    'С этого времени (по времени колледжа) SMS не отправляются: они ждут утра. Письма и уведомления в журнале идут как обычно.',
  ),
  quiet(
    'quietTo',
    'Тихие часы SMS: до',
    'В это время утром отправляются SMS, ждавшие ночью. Одинаковое время «с» и «до» — без тихих часов.',
  ),
  {
    key: 'notifySmsPerDay',
    path: ['notify', 'smsPerDay'],
    section: MAILINGS,
    label: 'SMS в сутки одному человеку',
    effect: 'Сверх этого числа SMS не теряются, а ждут следующих суток. 0 — без предела.',
    kind: 'integer',
    schema: int('SMS в сутки одному человеку', 0, 1000, 'SMS'),
    default: DEFAULT_RULES.smsPerDay,
  },
  {
    key: 'notifyEmailsPerHour',
    path: ['notify', 'emailsPerHour'],
    section: MAILINGS,
    label: 'Писем в час одному человеку',
    effect: 'Сверх этого числа письма не теряются, а ждут, пока предел освободится. 0 — без предела.',
    kind: 'integer',
    schema: int('Писем в час одному человеку', 0, 1000, 'писем'),
    default: DEFAULT_RULES.emailsPerHour,
  },
  sou('5', 'learningDegree5', 'Вес «5»'),
  sou('4', 'learningDegree4', 'Вес «4»'),
  sou('3', 'learningDegree3', 'Вес «3»'),
  sou('2', 'learningDegree2', 'Вес «2»'),
  sou('н/а', 'learningDegreeNa', 'Вес «н/а»'),
  cutoff(0),
  cutoff(1),
  cutoff(2),
];

/**
 * Rules between settings, checked on the values in force after a change (a field alone cannot tell):
 * the problem is reported on the first of `keys` the change touched.
 */
export const SETTING_RULES: readonly { keys: readonly string[]; problem(values: Record<string, unknown>): string | null }[] = [
  {
    keys: ['demoExamCutoff3', 'demoExamCutoff4', 'demoExamCutoff5'],
    problem: (v) => cutoffsProblem([v.demoExamCutoff3, v.demoExamCutoff4, v.demoExamCutoff5] as number[]),
  },
];

export const SETTING_BY_KEY: ReadonlyMap<string, CollegeSetting> = new Map(COLLEGE_SETTINGS.map((s) => [s.key, s]));

/** A change of some settings: only the fields sent change; an unknown field is refused. */
export const CollegeSettingsPatch = z
  .strictObject(Object.fromEntries(COLLEGE_SETTINGS.map((s) => [s.key, s.schema.optional()])) as Record<string, z.ZodOptional<z.ZodType>>)
  .refine((o) => Object.keys(o).length > 0, 'Не изменено ни одной настройки.');
export type CollegeSettingsPatch = Record<string, unknown>;

/** One change of the settings, from the audit log. */
export const SettingsChange = z.object({
  at: z.string(),
  by: z.string().nullable(),
  changes: z.array(z.object({ key: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const CollegeSettings = z.object({
  /** Every setting's value in force (the default where the college has not set its own). */
  values: z.record(z.string(), z.unknown()),
  /** Keys the college set itself. */
  own: z.array(z.string()),
  history: z.array(SettingsChange),
});
export type CollegeSettings = z.infer<typeof CollegeSettings>;

/** The value at a path of the stored settings, or undefined. */
export function valueAt(stored: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = stored;
  for (const p of path) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** The value in force: the stored one when its schema accepts it, else the default. */
export function effectiveValue(stored: Record<string, unknown>, s: CollegeSetting): unknown {
  const v = valueAt(stored, s.path);
  return v !== undefined && s.schema.safeParse(v).success ? v : s.default;
}

/** The demo exam's cut-offs in force (the registry's three settings; unusable together — the default). */
export function giaCutoffsOf(stored: Record<string, unknown>): GiaCutoffs {
  const c = [0, 1, 2].map((i) => effectiveValue(stored, SETTING_BY_KEY.get(`demoExamCutoff${i + 3}`)!) as number);
  return cutoffsProblem(c) === null ? [c[0], c[1], c[2]] : DEFAULT_GIA_CUTOFFS;
}

/** The problems of the settings in force after a change, by the field the change touched (empty when none). */
export function settingsProblems(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, string> {
  const values = Object.fromEntries(COLLEGE_SETTINGS.map((s) => [s.key, s.key in patch ? patch[s.key] : effectiveValue(stored, s)]));
  const out: Record<string, string> = {};
  for (const r of SETTING_RULES) {
    const key = r.keys.find((k) => k in patch);
    const problem = key ? r.problem(values) : null;
    if (key && problem) out[key] = problem;
  }
  return out;
}

/** The stored settings with the changes applied; a setting of a `whole` group writes its group whole. */
export function applySettings(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(stored);
  const touched = COLLEGE_SETTINGS.filter((s) => s.key in patch);
  const groups = new Set(touched.filter((s) => s.whole).map((s) => s.path[0]));
  const writes = [...touched, ...COLLEGE_SETTINGS.filter((s) => s.whole && groups.has(s.path[0]) && !(s.key in patch))];
  for (const s of writes) {
    const value = s.key in patch ? patch[s.key] : effectiveValue(stored, s);
    let node = out;
    for (const p of s.path.slice(0, -1)) {
      const next = node[p];
      node = node[p] = next && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
    }
    node[s.path.at(-1)!] = value;
  }
  return out;
}
