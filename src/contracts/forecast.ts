import { z } from 'zod';

// Forecasts of term grades (issue 16, п. 2.9): per student × subject, per group, the at-risk list,
// the student's «что нужно для лучшей оценки», and the models behind them (decision 036).

export const ForecastQuery = z.object({
  /** The term (default: the one in progress, else the one that ended last). */
  termId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastTerm = z.object({ id: z.number(), title: z.string(), from: z.string(), to: z.string() });

export const ModelRef = z.object({
  /** `history` — trained on the college's own term grades; `prior` — the built-in model. */
  source: z.enum(['history', 'prior']),
  trainedAt: z.string().nullable(),
  rows: z.number(),
});

/** A rate in per cent: expected, with a 90 % interval. */
export const RateForecast = z.object({ expected: z.number(), from: z.number(), to: z.number() });
export type RateForecast = z.infer<typeof RateForecast>;

export const GradeOutlook = z.object({
  probabilities: z.array(z.object({ grade: z.string(), p: z.number() })),
  likely: z.string(),
  interval: z.object({ from: z.string(), to: z.string(), p: z.number() }),
  expected: z.number(),
  risk: z.number(),
  /** A term grade already given: the forecast is the grade. */
  given: z.string().nullable(),
});
export type GradeOutlook = z.infer<typeof GradeOutlook>;

export const ForecastReason = z.object({ text: z.string(), effect: z.number() });
export const ForecastChange = z.object({ step: z.string(), likely: z.string(), risk: z.number() });

const Named = z.object({ id: z.number(), name: z.string() });
const Subject = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const GroupForecastRow = z.object({
  group: Named,
  students: z.number(),
  pass: RateForecast.nullable(),
  quality: RateForecast.nullable(),
  /** Last term's actual успеваемость and качество (domain/performance.ts). */
  lastTerm: z.object({ passRate: z.number().nullable(), qualityRate: z.number().nullable() }).nullable(),
  /** Heading below last term: the expected rate at least 5 points under it. */
  below: z.object({ pass: z.boolean(), quality: z.boolean() }),
  atRisk: z.number(),
});
export type GroupForecastRow = z.infer<typeof GroupForecastRow>;

export const ForecastGroups = z.object({
  term: ForecastTerm,
  asOf: z.string(),
  model: ModelRef,
  groups: z.array(GroupForecastRow),
});
export type ForecastGroups = z.infer<typeof ForecastGroups>;

export const ForecastGroup = z.object({
  term: ForecastTerm,
  asOf: z.string(),
  model: ModelRef,
  summary: GroupForecastRow,
  subjects: z.array(
    z.object({
      assignmentId: z.number(),
      subject: Subject,
      passFail: z.boolean(),
      students: z.number(),
      pass: RateForecast.nullable(),
      quality: RateForecast.nullable(),
      lastTerm: z.object({ passRate: z.number().nullable(), qualityRate: z.number().nullable() }).nullable(),
      atRisk: z.number(),
    }),
  ),
  students: z.array(
    z.object({
      student: Named,
      /** The probability that every subject ends positive. */
      pPass: z.number(),
      grades: z.array(
        z.object({
          assignmentId: z.number(),
          likely: z.string(),
          from: z.string(),
          to: z.string(),
          risk: z.number(),
          given: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type ForecastGroup = z.infer<typeof ForecastGroup>;

export const AtRiskItem = z.object({
  student: Named,
  group: Named,
  subject: Subject,
  assignmentId: z.number(),
  outlook: GradeOutlook,
  reasons: z.array(ForecastReason),
  /** What would change the forecast: each step alone and the likely grade after it. */
  changes: z.array(ForecastChange),
});
export type AtRiskItem = z.infer<typeof AtRiskItem>;

export const AtRiskList = z.object({
  term: ForecastTerm,
  asOf: z.string(),
  model: ModelRef,
  /** Students × subjects whose risk of a «2» or «не зачтено» is at least this. */
  threshold: z.number(),
  items: z.array(AtRiskItem),
});
export type AtRiskList = z.infer<typeof AtRiskList>;

/** What a student or guardian sees: what is needed for a better grade, no probabilities. */
export const StudentAdvice = z.object({
  term: ForecastTerm,
  asOf: z.string(),
  student: Named,
  subjects: z.array(
    z.object({
      subject: Subject,
      /** The grade aimed at; null when the forecast is already the best one. */
      target: z.string().nullable(),
      steps: z.array(z.string()),
      /** Facts from the journal that weigh on the grade (no probabilities). */
      notes: z.array(z.string()),
      given: z.string().nullable(),
    }),
  ),
});
export type StudentAdvice = z.infer<typeof StudentAdvice>;

export const BacktestRow = z.object({
  /** `model` — the college's model (out-of-fold); `prior` — the built-in one; `naive` — the current average rounded. */
  method: z.enum(['model', 'prior', 'naive']),
  rows: z.number(),
  accuracy: z.number(),
  brier: z.number(),
  /** Reliability: forecast probability bins against the share that came true. */
  reliability: z.array(z.object({ from: z.number(), to: z.number(), n: z.number(), predicted: z.number(), observed: z.number() })),
});
export type BacktestRow = z.infer<typeof BacktestRow>;

export const ForecastModels = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['five', 'pass']),
      source: z.enum(['history', 'prior']),
      trainedAt: z.string(),
      rows: z.number(),
      madeByJob: z.string().nullable(),
      backtest: z.object({ term: z.string().nullable(), rows: z.array(BacktestRow) }),
    }),
  ),
});
export type ForecastModels = z.infer<typeof ForecastModels>;
