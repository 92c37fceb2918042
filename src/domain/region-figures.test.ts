import { describe, expect, it } from 'vitest';
import { performanceOf } from './performance.js';
import { emptyFigures, mergeSmallGroups, ratesOf, sumFigures, type Figures, type Named } from './region-figures.js';

const fig = (over: Partial<Figures>): Figures => ({ ...emptyFigures(), groups: 1, ...over });
const group = (key: string, students: number): Named<string> => ({ key, name: key, figures: fig({ students }) });

describe('kept figures add up, and their rates are those of the performance report', () => {
  it('a college of two groups: the rates of the sum are performanceOf over all its students', () => {
    // Group A: levels 5, 4, 2 (grades 5 5 | 4 5 | 2 3); group B: 3, н/а (grades 3 | none).
    const a = fig({ students: 3, counts: { '5': 1, '4': 1, '3': 0, '2': 1, 'н/а': 0 }, points: 5 + 5 + 4 + 5 + 2 + 3, graded: 6 });
    const b = fig({ students: 2, counts: { '5': 0, '4': 0, '3': 1, '2': 0, 'н/а': 1 }, points: 3, graded: 1 });
    const p = performanceOf([['5', '5'], ['4', '5'], ['2', '3'], ['3'], ['н/а']]);
    const r = ratesOf(sumFigures([a, b]));
    expect(r).toMatchObject({
      groups: 2,
      students: 5,
      attested: p.n,
      passRate: p.passRate,
      qualityRate: p.qualityRate,
      average: p.average,
    });
    expect(r).toMatchObject({ attested: 5, noDebts: 3, goodAndExcellent: 2, passRate: 60, qualityRate: 40, average: 3.86 });
  });

  it('absences per student, the journal fill and the guardians as shares; nothing counted is null, not zero', () => {
    const r = ratesOf(fig({ students: 4, excused: 6, unexcused: 4, lessons: 8, lessonsOnTime: 6, guardians: 3, guardiansActive: 1 }));
    expect(r).toMatchObject({ absencePerStudent: 2.5, fillRate: 75, guardianRate: 33.3 });
    expect(ratesOf(emptyFigures())).toMatchObject({
      passRate: null,
      average: null,
      fillRate: null,
      guardianRate: null,
      absencePerStudent: null,
    });
  });
});

describe('a group below five students is never shown apart', () => {
  it('big groups stay; the small ones are one row «Прочие группы»', () => {
    const rows = mergeSmallGroups([group('A', 25), group('B', 3), group('C', 4), group('D', 20)], 'other');
    expect(rows.map((r) => r.key)).toEqual(['A', 'D', 'other']);
    expect(rows.at(-1)).toMatchObject({ name: 'Прочие группы', figures: { groups: 2, students: 7 } });
  });

  it('a single small group takes the smallest other group with it, so the total less the rows shown tells nothing', () => {
    const rows = mergeSmallGroups([group('A', 25), group('B', 3), group('D', 20)], 'other');
    expect(rows.map((r) => r.key)).toEqual(['A', 'other']);
    expect(rows[1].figures).toMatchObject({ groups: 2, students: 23 });
  });

  it('two small groups of fewer than five together take another group too', () => {
    const rows = mergeSmallGroups([group('A', 25), group('B', 1), group('C', 2)], 'other');
    expect(rows.map((r) => r.key)).toEqual(['other']);
    expect(rows[0].figures.students).toBe(28);
  });

  it('no small group: nothing merged', () => {
    expect(mergeSmallGroups([group('A', 5), group('B', 30)], 'other').map((r) => r.key)).toEqual(['A', 'B']);
  });
});
