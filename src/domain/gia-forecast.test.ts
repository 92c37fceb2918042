import { describe, expect, it } from 'vitest';
import {
  GIA_FEATURES,
  GIA_THESIS_FEATURES,
  giaAdviceFor,
  giaChangesFor,
  giaFactsAsOf,
  giaNaive,
  giaOutlook,
  giaPrior,
  giaReasonsOf,
  giaVectorOf,
  pointsBand,
  pointsBandOf,
  trainGia,
  type GiaGradeRow,
  type GiaStudentRecord,
} from './gia-forecast.js';
import { seededRng } from './forecast/model.js';

const grade = (key: string, value: string, setAt: string, over: Partial<GiaGradeRow> = {}): GiaGradeRow => ({
  key,
  kind: 'term',
  value,
  setAt,
  itemKind: 'mdk',
  moduleCode: 'ПМ.01',
  form: 'Э',
  ...over,
});

const record: GiaStudentRecord = {
  grades: [
    grade('a1', '4', '2025-12-28T10:00:00Z'),
    grade('a1', '5', '2026-01-15T10:00:00Z', { kind: 'exam' }),
    grade('a2', '3', '2026-05-30T10:00:00Z', { moduleCode: 'ПМ.02' }),
    grade('a3', '3', '2026-05-30T10:00:00Z', { moduleCode: 'ПМ.02' }),
    grade('a4', '2', '2026-05-30T10:00:00Z', { itemKind: 'discipline', moduleCode: null }),
    grade('p1', '5', '2026-05-20T10:00:00Z', { itemKind: 'industrial_practice', moduleCode: 'ПМ.01', form: 'ДЗ' }),
    grade('k1', '4', '2026-04-20T10:00:00Z', { form: 'КП' }),
    // Given after the date: not known yet.
    grade('a5', '2', '2026-06-20T10:00:00Z', { moduleCode: 'ПМ.03' }),
  ],
  journal: [
    // a1 has its result already; a6 has none yet: its marks' mean counts.
    { key: 'a1', value: '2', date: '2026-05-01', itemKind: 'mdk', moduleCode: 'ПМ.01' },
    { key: 'a6', value: '3', date: '2026-05-01', itemKind: 'mdk', moduleCode: 'ПМ.04' },
    { key: 'a6', value: '4', date: '2026-05-02', itemKind: 'mdk', moduleCode: 'ПМ.04' },
    { key: 'a6', value: 'н', date: '2026-05-03', itemKind: 'mdk', moduleCode: 'ПМ.04' },
    { key: 'a6', value: '2', date: '2026-06-20', itemKind: 'mdk', moduleCode: 'ПМ.04' },
  ],
  moduleExams: [
    { moduleCode: 'ПМ.01', mastered: true, date: '2026-06-01' },
    { moduleCode: 'ПМ.02', mastered: false, date: '2026-06-02' },
    { moduleCode: 'ПМ.03', mastered: true, date: '2026-06-20' },
  ],
  modulesTotal: 4,
  absences: [
    { date: '2026-03-01', value: 'н', hours: 18 },
    { date: '2026-03-02', value: 'б', hours: 6 },
    { date: '2026-03-03', value: 'оп', hours: 2 },
    { date: '2026-06-15', value: 'н', hours: 40 },
  ],
  lessons: [
    { date: '2026-02-01', hours: 100 },
    { date: '2026-06-15', hours: 100 },
  ],
  admission: 'admitted',
};

describe('ГИА features as of a date', () => {
  const f = giaFactsAsOf(record, '2026-06-09');

  it('takes each assignment’s result as it stood, splits modules, practice and course projects, counts debts', () => {
    expect(f.modules).toEqual([
      { code: 'ПМ.01', grades: [5] },
      { code: 'ПМ.02', grades: [3, 3] },
      { code: 'ПМ.04', grades: [3.5] },
    ]);
    expect(f.practice).toEqual([5]);
    expect(f.projects).toEqual([4]);
    expect(f.debts).toBe(1);
    expect(f).toMatchObject({ examsTaken: 2, examsMastered: 1, examsPending: 2, notMastered: ['ПМ.02'] });
    expect(f).toMatchObject({ heldHours: 100, unexcusedHours: 18, excusedHours: 6 });
  });

  it('drops everything dated after the date', () => {
    const early = giaFactsAsOf(record, '2026-01-01');
    expect(early.modules).toEqual([{ code: 'ПМ.01', grades: [4] }]);
    expect(giaFactsAsOf(record, '2026-05-01').modules.find((m) => m.code === 'ПМ.04')?.grades).toEqual([3]);
    expect(early.examsTaken).toBe(0);
    expect(early.unexcusedHours).toBe(0);
    const late = giaFactsAsOf(record, '2026-06-30');
    expect(late.modules.map((m) => m.code)).toEqual(['ПМ.01', 'ПМ.02', 'ПМ.03', 'ПМ.04']);
    expect(late.unexcusedHours).toBe(58);
  });

  it('makes the vector in the order of the features, NaN where nothing is known', () => {
    const x = giaVectorOf(f);
    expect(x).toHaveLength(GIA_FEATURES.length);
    expect(x[0]).toBeCloseTo(14.5 / 4);
    expect(x[1]).toBe(0.5);
    expect(x[4]).toBeCloseTo(0.18);
    expect(x[6]).toBe(1);
    const none = giaVectorOf(giaFactsAsOf({ ...record, grades: [], journal: [], moduleExams: [], lessons: [] }, '2026-06-09'));
    expect(none.slice(0, 5).every(Number.isNaN)).toBe(true);
    expect(giaNaive(f)).toBe(4);
  });
});

describe('the prior', () => {
  it('rises with the module grades and the module exams, falls with unexcused absences and debts', () => {
    for (const kind of ['demo', 'thesis'] as const) {
      const m = giaPrior(kind);
      const base = [4, 1, 4.3, 4, 0.03, 0.02, 0];
      // The thesis model also reads the supervisor's and the reviewer's grades: not given here.
      const pad = kind === 'thesis' ? [NaN, NaN] : [];
      const e = (x: number[]) => m.expected([...x, ...pad]);
      expect(e([4.8, ...base.slice(1)])).toBeGreaterThan(e(base));
      expect(e([3.2, ...base.slice(1)])).toBeLessThan(e(base));
      expect(e([4, 0.25, ...base.slice(2)])).toBeLessThan(e(base));
      expect(e([...base.slice(0, 4), 0.3, ...base.slice(5)])).toBeLessThan(e(base));
      expect(e([...base.slice(0, 6), 3])).toBeLessThan(e(base));
      expect(m.predictProba([...base, ...pad]).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    }
  });

  it('the thesis rises with the reviewer’s and the supervisor’s grades; a grade not given reads as the usual one', () => {
    const m = giaPrior('thesis');
    expect(m.features).toEqual([...GIA_THESIS_FEATURES]);
    const base = [4, 1, 4.3, 4, 0.03, 0.02, 0];
    const e = (sup: number, rev: number) => m.expected([...base, sup, rev]);
    expect(e(NaN, 5)).toBeGreaterThan(e(NaN, NaN));
    expect(e(NaN, 3)).toBeLessThan(e(NaN, NaN));
    expect(e(5, NaN)).toBeGreaterThan(e(3, NaN));
    // The demo exam's model is as it was: seven features.
    expect(giaPrior('demo').features).toEqual([...GIA_FEATURES]);
  });

  it('weighs the demo exam on the modules more, the thesis on the course project more', () => {
    const demo = giaPrior('demo').coefficients();
    const thesis = giaPrior('thesis').coefficients();
    expect(demo[0]).toBeGreaterThan(thesis[0]);
    expect(thesis[3]).toBeGreaterThan(demo[3]);
  });

  it('is kept for a college with few graduates; enough of its own history moves the model', () => {
    expect(trainGia('demo', [[4, 1, 4, 4, 0, 0, 0]], [4]).source).toBe('prior');
    // A college where the demo exam is harsher than the prior says: one grade lower throughout.
    const rng = seededRng(3);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const pm = 3 + 2 * rng.next();
      x.push([pm, 1, 4.2, 4, 0.03, 0.02, 0]);
      y.push(Math.max(2, Math.min(5, Math.round(pm - 1 + (rng.next() - 0.5)))));
    }
    const { model, source } = trainGia('demo', x, y);
    expect(source).toBe('history');
    const row = [4.5, 1, 4.2, 4, 0.03, 0.02, 0];
    expect(model.expected(row)).toBeLessThan(giaPrior('demo').expected(row) - 0.5);
  });
});

describe('points band by the cut-offs', () => {
  it('gives the points that earn a grade, a boundary earning the higher one', () => {
    expect(pointsBand(2, [20, 40, 70])).toEqual({ from: 0, to: 19.99 });
    expect(pointsBand(4, [20, 40, 70])).toEqual({ from: 40, to: 69.99 });
    expect(pointsBand(5, [20, 40, 70])).toEqual({ from: 70, to: 100 });
    expect(pointsBandOf(3, 4, [25, 50, 75])).toEqual({ from: 25, to: 74.99 });
  });
});

describe('reasons and what would change the forecast', () => {
  const f = giaFactsAsOf(record, '2026-06-09');
  const m = giaPrior('demo');

  it('says what the reviewer and the supervisor gave, by the thesis model’s own features', () => {
    const t = giaPrior('thesis');
    const withReviews = { ...f, supervisorGrade: 5, reviewerGrade: 3 };
    const x = giaVectorOf(withReviews, t.features);
    expect(x.slice(-2)).toEqual([5, 3]);
    expect(giaVectorOf(f, t.features).slice(-2).every(Number.isNaN)).toBe(true);
    const texts = giaReasonsOf(withReviews, t.contributions(x), 9, 0, t.features).map((r) => r.text);
    expect(texts).toContain('рецензент оценил работу на 3');
    expect(texts).toContain('руководитель оценил работу на 5');
    // A model kept before these features reads the vector it was trained on.
    expect(giaVectorOf(withReviews)).toHaveLength(GIA_FEATURES.length);
  });

  it('says in Russian what pulls the forecast, from the contributions', () => {
    const reasons = giaReasonsOf(f, m.contributions(giaVectorOf(f)), 7, 0);
    const texts = reasons.map((r) => r.text);
    expect(texts).toContain('1 модульный экзамен из 2 — «освоен»');
    expect(texts).toContain('пропущено 18 % занятий без причины');
    expect(texts).toContain('средний балл по ПМ.02 — 3,0');
    expect(texts).toContain('1 задолженность');
    for (const r of reasons) if (r.feature === 'unexcusedShare' || r.feature === 'debts') expect(r.effect).toBeLessThan(0);
  });

  it('names the steps and their effect; the advice reaches a better grade without probabilities', () => {
    const changes = giaChangesFor(m, f);
    expect(changes.map((c) => c.step)).toEqual([
      'ликвидировать задолженность',
      'пересдать модульный экзамен ПМ.02 на «освоен»',
      'сдать 2 модульных экзамена на «освоен»',
      'подтянуть ПМ.02 до «4»',
      'не пропускать занятия без уважительной причины',
    ]);
    const now = giaOutlook(m, f);
    for (const c of changes) expect(c.risk).toBeLessThanOrEqual(now.risk + 1e-9);
    const advice = giaAdviceFor(m, f);
    expect(advice.target).toBe(Number(now.likely) + 1);
    expect(advice.steps.length).toBeGreaterThan(0);
    expect(JSON.stringify(advice)).not.toMatch(/0\.\d/);
  });
});
