import { describe, expect, it } from 'vitest';
import { fitOneSms, measureSms } from './sms.js';

describe('SMS parts', () => {
  it('counts GSM-7 in 160, then 153 per part; extension characters twice', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1, perPart: 160 });
    expect(measureSms('a'.repeat(161))).toMatchObject({ parts: 2, perPart: 153 });
    expect(measureSms('a'.repeat(306))).toMatchObject({ parts: 2 });
    expect(measureSms('a'.repeat(307))).toMatchObject({ parts: 3 });
    expect(measureSms('{'.repeat(80))).toMatchObject({ units: 160, parts: 1 });
    expect(measureSms('€'.repeat(81))).toMatchObject({ units: 162, parts: 2 });
  });
  it('counts Cyrillic in UCS-2: 70, then 67 per part', () => {
    expect(measureSms('я'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, parts: 1, perPart: 70 });
    expect(measureSms('я'.repeat(71))).toMatchObject({ parts: 2, perPart: 67 });
    expect(measureSms('я'.repeat(134))).toMatchObject({ parts: 2 });
    expect(measureSms('я'.repeat(135))).toMatchObject({ parts: 3 });
    // One Cyrillic letter turns the whole text to UCS-2.
    expect(measureSms(`${'a'.repeat(100)}ж`)).toMatchObject({ encoding: 'UCS-2', parts: 2 });
    expect(measureSms('Оценка 5 😀')).toMatchObject({ units: 11 });
  });
  it('shortens a text to one part with an ellipsis', () => {
    const long = 'Иванова Анна получила оценку «2» по дисциплине Математика 27.11.2026, подробности в дневнике';
    const short = fitOneSms(long);
    expect(measureSms(short).parts).toBe(1);
    expect(short.endsWith('…')).toBe(true);
    expect(short.length).toBe(70);
    expect(fitOneSms('Оценка: 5')).toBe('Оценка: 5');
  });
});
