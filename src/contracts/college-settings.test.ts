import { describe, expect, it } from 'vitest';
import { applySettings, CollegeSettingsPatch, giaCutoffsOf, settingsProblems } from './college-settings.js';

describe('the demo exam’s cut-offs in the registry', () => {
  it('are read from the stored triple, the default where unset or not rising', () => {
    expect(giaCutoffsOf({})).toEqual([20, 40, 70]);
    expect(giaCutoffsOf({ giaCutoffs: { three: 25, four: 45, five: 75 } })).toEqual([25, 45, 75]);
    expect(giaCutoffsOf({ giaCutoffs: { three: 70, four: 40, five: 20 } })).toEqual([20, 40, 70]);
    // Each setting alone falls back to its default, as every setting of the registry.
    expect(giaCutoffsOf({ giaCutoffs: { three: 25, four: 45, five: 'x' } })).toEqual([25, 45, 70]);
    expect(giaCutoffsOf({ giaCutoffs: { three: 75, four: 45, five: 'x' } })).toEqual([20, 40, 70]);
  });
  it('are written whole and must rise, checked against the values in force', () => {
    const stored = applySettings({}, { demoExamCutoff4: 50 });
    expect(stored.giaCutoffs).toEqual({ three: 20, four: 50, five: 70 });
    expect(settingsProblems(stored, { demoExamCutoff5: 50 })).toEqual({ demoExamCutoff5: 'Пороги должны возрастать: «3» < «4» < «5».' });
    expect(settingsProblems(stored, { demoExamCutoff5: 90 })).toEqual({});
    expect(settingsProblems(stored, { journalEntryDays: 3 })).toEqual({});
    expect(CollegeSettingsPatch.safeParse({ demoExamCutoff3: 0 }).success).toBe(false);
    expect(CollegeSettingsPatch.safeParse({ demoExamCutoff3: 100.5 }).success).toBe(false);
  });
});
