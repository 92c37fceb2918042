// The vocabulary of curricula and lesson plans (КТП): cycles, item kinds, kinds of hours,
// attestation forms and lesson types, with the rules that connect them (п. 2.4, 2.12, 3.13).

export const CYCLES = ['ООД', 'ОГСЭ', 'СГ', 'ЕН', 'ОП', 'ПМ', 'ГИА'] as const;
export type Cycle = (typeof CYCLES)[number];

export const CYCLE_TITLES: Record<Cycle, string> = {
  ООД: 'Общеобразовательный цикл',
  ОГСЭ: 'Общий гуманитарный и социально-экономический цикл',
  СГ: 'Социально-гуманитарный цикл',
  ЕН: 'Математический и общий естественнонаучный цикл',
  ОП: 'Общепрофессиональный цикл',
  ПМ: 'Профессиональный цикл',
  ГИА: 'Государственная итоговая аттестация',
};

/** discipline — дисциплина; module — ПМ (holds МДК and practices); mdk — МДК; УП/ПП — practices. */
export const ITEM_KINDS = ['discipline', 'module', 'mdk', 'educational_practice', 'industrial_practice', 'module_exam', 'gia'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_TITLES: Record<ItemKind, string> = {
  discipline: 'Дисциплина',
  module: 'Профессиональный модуль',
  mdk: 'МДК',
  educational_practice: 'Учебная практика',
  industrial_practice: 'Производственная практика',
  module_exam: 'Экзамен по модулю',
  gia: 'ГИА',
};

/** The kind an index implies: ПМ.01 — module, МДК.01.02 — mdk, УП.01 — practice … */
export function itemKindOfCode(code: string): ItemKind {
  const c = code.trim().toUpperCase();
  if (/^ПМ\.\d+$/.test(c)) return 'module';
  if (c.startsWith('МДК')) return 'mdk';
  if (c.startsWith('УП')) return 'educational_practice';
  if (c.startsWith('ПП')) return 'industrial_practice';
  if (c.startsWith('ЭК') || /^ПМ\.\d+\.ЭК$/.test(c)) return 'module_exam';
  if (c.startsWith('ГИА')) return 'gia';
  return 'discipline';
}

/** The cycle an index belongs to (ОП.03 → ОП; МДК.01.01, УП.01 → ПМ). */
export function cycleOfCode(code: string): Cycle {
  const c = code.trim().toUpperCase();
  for (const cy of CYCLES) if (c.startsWith(`${cy}.`) || c === cy) return cy;
  if (/^(МДК|УП|ПП|ЭК)/.test(c)) return 'ПМ';
  if (c.startsWith('ИП') || c.startsWith('УД') || c.startsWith('ПД') || c.startsWith('БД')) return 'ООД';
  return 'ОП';
}

/** The МДК.01.02 / УП.01 / ПП.01 index → the module number it belongs to ("01"). */
export function moduleNumberOfCode(code: string): string | null {
  const m = /^(?:МДК|УП|ПП|ЭК|ПМ)\.(\d+)/i.exec(code.trim());
  return m ? m[1] : null;
}

export const HOUR_KINDS = [
  'theory',
  'practical',
  'laboratory',
  'course_project',
  'practice',
  'self_study',
  'consultation',
  'exam',
] as const;
export type HourKind = (typeof HOUR_KINDS)[number];

export const HOUR_KIND_TITLES: Record<HourKind, string> = {
  theory: 'Теоретическое обучение',
  practical: 'Практические занятия',
  laboratory: 'Лабораторные работы',
  course_project: 'Курсовой проект (работа)',
  practice: 'Практика',
  self_study: 'Самостоятельная работа',
  consultation: 'Консультации',
  exam: 'Промежуточная аттестация',
};

export const HOUR_KIND_SHORT: Record<HourKind, string> = {
  theory: 'Теор.',
  practical: 'Практ.',
  laboratory: 'Лаб.',
  course_project: 'КП',
  practice: 'Практика',
  self_study: 'СР',
  consultation: 'Конс.',
  exam: 'ПА',
};

/**
 * The kinds a КТП must match (п. 3.13). Consultations and the examination itself are held in
 * the attestation period and are not lessons of the plan.
 */
export const CHECKED_HOUR_KINDS = [
  'theory',
  'practical',
  'laboratory',
  'course_project',
  'practice',
  'self_study',
] as const satisfies readonly HourKind[];
export type CheckedHourKind = (typeof CHECKED_HOUR_KINDS)[number];

/** Classroom kinds: these make the weekly load. */
export const CLASSROOM_HOUR_KINDS = [
  'theory',
  'practical',
  'laboratory',
  'course_project',
  'practice',
] as const satisfies readonly HourKind[];

export type Hours = Record<HourKind, number>;
export const zeroHours = (): Hours => ({
  theory: 0,
  practical: 0,
  laboratory: 0,
  course_project: 0,
  practice: 0,
  self_study: 0,
  consultation: 0,
  exam: 0,
});

export function addHours(a: Hours, b: Partial<Hours>): Hours {
  const out = { ...a };
  for (const k of HOUR_KINDS) out[k] += b[k] ?? 0;
  return out;
}

/** Classroom hours (all but self-study, consultations and the examination). */
export const classroomHours = (h: Partial<Hours>) => CLASSROOM_HOUR_KINDS.reduce((s, k) => s + (h[k] ?? 0), 0);
/** Everything the curriculum gives the item in a term. */
export const totalHours = (h: Partial<Hours>) => HOUR_KINDS.reduce((s, k) => s + (h[k] ?? 0), 0);

/** Forms of intermediate attestation (DOMAIN.md): Э, ДЗ, З, КР, КП, Эк, ДЭ. */
export const ATTESTATION_FORMS = ['Э', 'ДЗ', 'З', 'КР', 'КП', 'Эк', 'ДЭ'] as const;
export type AttestationForm = (typeof ATTESTATION_FORMS)[number];

export const ATTESTATION_FORM_TITLES: Record<AttestationForm, string> = {
  Э: 'Экзамен',
  ДЗ: 'Дифференцированный зачёт',
  З: 'Зачёт',
  КР: 'Курсовая работа',
  КП: 'Курсовой проект',
  Эк: 'Экзамен по модулю',
  ДЭ: 'Демонстрационный экзамен',
};

export const isAttestationForm = (v: string): v is AttestationForm => (ATTESTATION_FORMS as readonly string[]).includes(v);

/** Accepts what people type in spreadsheets: «э», «дз», «Экз», «диф. зачёт», «-» … */
export function parseAttestationForm(raw: string | null | undefined): AttestationForm | null | undefined {
  const v = (raw ?? '').trim();
  if (!v || v === '-' || v === '—') return null;
  const exact = ATTESTATION_FORMS.find((f) => f.toLowerCase() === v.toLowerCase());
  if (exact) return exact;
  const k = v.toLowerCase().replace(/ё/g, 'е').replace(/[.\s]/g, '');
  if (k === 'экз' || k === 'экзамен') return 'Э';
  if (k === 'дифзачет' || k === 'дифференцированныйзачет' || k === 'дифзач') return 'ДЗ';
  if (k === 'зачет' || k === 'зач') return 'З';
  if (k === 'экзаменпомодулю' || k === 'экзамен(квалификационный)' || k === 'эк(м)' || k === 'экм') return 'Эк';
  if (k === 'демэкзамен' || k === 'демонстрационныйэкзамен') return 'ДЭ';
  if (k === 'курсоваяработа') return 'КР';
  if (k === 'курсовойпроект') return 'КП';
  return undefined;
}

/** Forms graded on the 5-point scale; З is зачтено / не зачтено. */
export const isPassFailForm = (f: string | null | undefined) => f === 'З';

export const LESSON_TYPES = [
  'theory',
  'combined',
  'practical',
  'laboratory',
  'control',
  'seminar',
  'excursion',
  'course_project',
  'practice',
  'consultation',
  'attestation',
] as const;
export type LessonType = (typeof LESSON_TYPES)[number];

export const LESSON_TYPE_TITLES: Record<LessonType, string> = {
  theory: 'теория',
  combined: 'комбинированное занятие',
  practical: 'практическое занятие',
  laboratory: 'лабораторная работа',
  control: 'контрольная работа',
  seminar: 'семинар',
  excursion: 'экскурсия',
  course_project: 'курсовое проектирование',
  practice: 'практика (виды работ)',
  consultation: 'консультация',
  attestation: 'промежуточная аттестация',
};

export const isLessonType = (v: string): v is LessonType => (LESSON_TYPES as readonly string[]).includes(v);

/** Which curriculum hours a lesson of a type uses. Контрольная, семинар and экскурсия are held within theoretical hours. */
export const LESSON_TYPE_HOUR_KIND: Record<LessonType, HourKind> = {
  theory: 'theory',
  combined: 'theory',
  control: 'theory',
  excursion: 'theory',
  seminar: 'practical',
  practical: 'practical',
  laboratory: 'laboratory',
  course_project: 'course_project',
  practice: 'practice',
  consultation: 'consultation',
  attestation: 'exam',
};

/** Lessons whose work is required for an objective term grade (п. 4.2): written, laboratory, practical. */
export const REQUIRED_WORK_LESSON_TYPES = ['control', 'laboratory', 'practical'] as const satisfies readonly LessonType[];

/** Accepts what teachers type in their spreadsheets: «Теория», «ПЗ», «Лаб. работа», «к/р» … */
export function parseLessonType(raw: string | null | undefined): LessonType | undefined {
  const v = (raw ?? '').trim().toLowerCase().replace(/ё/g, 'е');
  if (!v) return undefined;
  const exact = LESSON_TYPES.find((t) => t === v || LESSON_TYPE_TITLES[t] === v);
  if (exact) return exact;
  const k = v.replace(/[.\s/-]/g, '');
  if (['теория', 'теор', 'лекция', 'урок', 'т', 'изучениенового', 'изучениеновогоматериала'].includes(k)) return 'theory';
  if (k.startsWith('комбин')) return 'combined';
  if (['пз', 'пр', 'практ', 'практика', 'практическая', 'практическаяработа', 'практическоезанятие'].includes(k))
    return k === 'практика' ? 'practice' : 'practical';
  if (k.startsWith('лаб') || k === 'лр') return 'laboratory';
  if (k.startsWith('контрол') || k === 'кр' || k === 'контр') return 'control';
  if (k.startsWith('семин')) return 'seminar';
  if (k.startsWith('экскурс')) return 'excursion';
  if (k.startsWith('курсов')) return 'course_project';
  if (k.startsWith('учебнаяпракт') || k.startsWith('производственнаяпракт') || k.startsWith('видыработ')) return 'practice';
  if (k.startsWith('консульт')) return 'consultation';
  if (k.startsWith('промежуточ') || k.startsWith('экзамен') || k.startsWith('дифзач') || k === 'зачет') return 'attestation';
  return undefined;
}

/** The program term (1..8) an academic term is for a group: by the year it started and its intake. */
export function programTermNo(intakeYear: number, academicYearStart: number, termNumber: number): number {
  return (academicYearStart - intakeYear) * 2 + termNumber;
}

/** The course (1..4) a program term belongs to. */
export const courseOfTermNo = (termNo: number) => Math.ceil(termNo / 2);

export interface PlanLine {
  hours: number;
  lessonType: string;
  selfStudyHours?: number | null;
}

/** Sums a КТП by the kinds of curriculum hours its lessons use. */
export function planHours(lines: readonly PlanLine[]): Hours {
  const h = zeroHours();
  for (const l of lines) {
    const kind = isLessonType(l.lessonType) ? LESSON_TYPE_HOUR_KIND[l.lessonType] : 'theory';
    h[kind] += l.hours;
    h.self_study += l.selfStudyHours ?? 0;
  }
  return h;
}

export interface HoursCheckRow {
  kind: CheckedHourKind;
  curriculum: number;
  plan: number;
  /** plan − curriculum: positive means the plan has too many hours. */
  difference: number;
}

/** п. 3.13: the plan's hours per kind against the curriculum's; only a plan that matches can be approved. */
export function checkPlanHours(plan: Partial<Hours>, curriculum: Partial<Hours>): { rows: HoursCheckRow[]; matches: boolean } {
  const rows = CHECKED_HOUR_KINDS.map((kind) => {
    const c = curriculum[kind] ?? 0;
    const p = plan[kind] ?? 0;
    return { kind, curriculum: c, plan: p, difference: p - c };
  });
  return { rows, matches: rows.every((r) => r.difference === 0) };
}

/** Says in Russian what differs: «Практические занятия: в КТП 20 ч, по плану 24 ч (не хватает 4 ч)». */
export function describeHoursDifference(rows: readonly HoursCheckRow[]): string[] {
  return rows
    .filter((r) => r.difference !== 0)
    .map(
      (r) =>
        `${HOUR_KIND_TITLES[r.kind]}: в КТП ${r.plan} ч, по учебному плану ${r.curriculum} ч (${r.difference > 0 ? `лишних ${r.difference}` : `не хватает ${-r.difference}`} ч)`,
    );
}

/** Weekly load a term's classroom hours imply over its weeks of study (one decimal). */
export function weeklyLoad(hours: Partial<Hours>, weeks: number): number {
  if (weeks <= 0) return 0;
  return Math.round((classroomHours(hours) / weeks) * 10) / 10;
}

export const LESSON_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type LessonPlanStatus = (typeof LESSON_PLAN_STATUSES)[number];

export const LESSON_PLAN_STATUS_TITLES: Record<LessonPlanStatus, string> = {
  draft: 'Черновик',
  submitted: 'На согласовании',
  approved: 'Утверждён',
  returned: 'Возвращён на доработку',
};

/** Which moves a plan may make: draft/returned → submitted → approved | returned; approved → draft (to revise). */
export function canMovePlan(from: LessonPlanStatus, to: LessonPlanStatus): boolean {
  if (to === 'submitted') return from === 'draft' || from === 'returned';
  if (to === 'approved' || to === 'returned') return from === 'submitted';
  if (to === 'draft') return from === 'approved' || from === 'returned';
  return false;
}

/** Edits are allowed while a plan is a draft or was returned. */
export const isPlanEditable = (s: string) => s === 'draft' || s === 'returned';

/**
 * Fulfilment of an assignment (п. 2.12): the share of hours delivered against the hours due by
 * today. Delivered hours above the due ones are shown, never capped.
 */
export function fulfilmentPercent(delivered: number, due: number): number | null {
  if (due <= 0) return null;
  return Math.round((delivered * 1000) / due) / 10;
}
