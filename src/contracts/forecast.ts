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
  /** The probability of a «2» (or «не зачтено»). */
  risk: z.number(),
  /** A grade already given (a term grade, a ГИА result): the forecast is the grade. */
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

// ── ГИА: the demo exam and the thesis defence of graduating groups (decision 044) ────────────

export const GiaExam = z.enum(['demo', 'thesis']);

const PointsBand = z.object({ from: z.number(), to: z.number() });

export const GiaStudentForecast = z.object({
  student: Named,
  demoExam: z.object({
    outlook: GradeOutlook,
    /** Points that earn the likely grade by the college's cut-offs, and those of the interval. */
    likelyPoints: PointsBand,
    intervalPoints: PointsBand,
    /** Points entered, once the exam is held. */
    givenPoints: z.number().nullable(),
    reasons: z.array(ForecastReason),
    changes: z.array(ForecastChange),
  }),
  thesis: z.object({
    /** Null when the student is not admitted to the defence. */
    outlook: GradeOutlook.nullable(),
    admission: z.enum(['admitted', 'not_admitted']).nullable(),
    reasons: z.array(ForecastReason),
    changes: z.array(ForecastChange),
  }),
});
export type GiaStudentForecast = z.infer<typeof GiaStudentForecast>;

const GiaModels = z.object({ demo: ModelRef, thesis: ModelRef });

export const GiaForecastGroups = z.object({
  asOf: z.string(),
  year: z.string(),
  models: GiaModels,
  groups: z.array(
    z.object({
      group: Named,
      students: z.number(),
      /** Mean expected grade over the students, and how many have a risk of «2» at the threshold or above. */
      demoExam: z.object({ expected: z.number().nullable(), atRisk: z.number() }),
      thesis: z.object({ expected: z.number().nullable(), atRisk: z.number() }),
    }),
  ),
});
export type GiaForecastGroups = z.infer<typeof GiaForecastGroups>;

export const GiaForecastGroup = z.object({
  asOf: z.string(),
  year: z.string(),
  group: Named,
  models: GiaModels,
  /** The demo exam's cut-offs, per cent of the maximum for «3», «4», «5». */
  cutoffs: z.tuple([z.number(), z.number(), z.number()]),
  threshold: z.number(),
  students: z.array(GiaStudentForecast),
});
export type GiaForecastGroup = z.infer<typeof GiaForecastGroup>;

export const GiaRiskItem = z.object({
  student: Named,
  group: Named,
  exam: GiaExam,
  outlook: GradeOutlook,
  reasons: z.array(ForecastReason),
  changes: z.array(ForecastChange),
});
export type GiaRiskItem = z.infer<typeof GiaRiskItem>;

/** What a graduating student or their guardian sees of the ГИА: the grade to aim at and the steps, no probabilities. */
const GiaAdvicePart = z.object({
  /** The likely grade is not shown; the grade aimed at (null: already the best) and how to get there. */
  target: z.string().nullable(),
  steps: z.array(z.string()),
  notes: z.array(z.string()),
  /** The grade entered, once the exam or the defence is held. */
  given: z.string().nullable(),
});
export const GiaAdvice = z.object({
  asOf: z.string(),
  student: Named,
  demoExam: GiaAdvicePart,
  /** Null when the student is not admitted to the defence. */
  thesis: GiaAdvicePart.nullable(),
});
export type GiaAdvice = z.infer<typeof GiaAdvice>;

export const AtRiskList = z.object({
  term: ForecastTerm,
  asOf: z.string(),
  model: ModelRef,
  /** Students × subjects whose risk of a «2» or «не зачтено» is at least this. */
  threshold: z.number(),
  items: z.array(AtRiskItem),
  /** Graduating students at risk of a «2» at the demo exam or the thesis defence. */
  gia: z.array(GiaRiskItem),
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
      kind: z.enum(['five', 'pass', 'gia_demo', 'gia_thesis']),
      source: z.enum(['history', 'prior']),
      trainedAt: z.string(),
      rows: z.number(),
      madeByJob: z.string().nullable(),
      backtest: z.object({ term: z.string().nullable(), rows: z.array(BacktestRow) }),
    }),
  ),
});
export type ForecastModels = z.infer<typeof ForecastModels>;
