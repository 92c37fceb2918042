import { describe, expect, it } from 'vitest';
import {
  averageRu,
  countRu,
  decimalRu,
  NOUNS,
  numberRu,
  percentRu,
  pluralForm,
  secondsRu,
  shareRu,
  numberWordsRu,
  dateWordsRu,
} from './russian.js';

describe('counts in Russian', () => {
  it('picks the form the number asks for', () => {
    const cases: [number, string][] = [
      [0, '0 занятий'],
      [1, '1 занятие'],
      [2, '2 занятия'],
      [4, '4 занятия'],
      [5, '5 занятий'],
      [11, '11 занятий'],
      [12, '12 занятий'],
      [14, '14 занятий'],
      [21, '21 занятие'],
      [22, '22 занятия'],
      [25, '25 занятий'],
      [101, '101 занятие'],
      [111, '111 занятий'],
    ];
    for (const [n, text] of cases) expect(countRu(n, NOUNS.lesson)).toBe(text);
  });
  it('a fraction takes the genitive singular, with a comma', () => {
    expect(countRu(1.5, NOUNS.hour)).toBe('1,5 часа');
    expect(countRu(0.5, NOUNS.hour)).toBe('0,5 часа');
    expect(pluralForm(2, NOUNS.student)).toBe('обучающихся');
    expect(countRu(1, NOUNS.student)).toBe('1 обучающийся');
    expect(countRu(3, NOUNS.person)).toBe('3 человека');
  });
});

describe('numbers in Russian', () => {
  it('uses a decimal comma', () => {
    expect(numberRu(4.5)).toBe('4,5');
    expect(numberRu(12)).toBe('12');
    expect(numberRu(4.256)).toBe('4,26');
    expect(decimalRu(0, 1)).toBe('0,0');
    expect(decimalRu(4.256, 2)).toBe('4,26');
    expect(numberRu(1234.5).replace(/\s/g, ' ')).toBe('1 234,5');
  });
  it('formats means, rates and durations', () => {
    expect(averageRu(null)).toBe('—');
    expect(averageRu(4)).toBe('4,00');
    expect(percentRu(87.5)).toBe('87,5 %');
    expect(percentRu(undefined)).toBe('—');
    expect([shareRu(904 / 908), shareRu(1), shareRu(0), shareRu(1 / 300), shareRu(0.5), shareRu(null)]).toEqual([
      '99 %',
      '100 %',
      '0 %',
      '1 %',
      '50 %',
      '—',
    ]);
    expect(secondsRu(40)).toBe('0,0 с');
    expect(secondsRu(1250)).toBe('1,3 с');
  });
});

describe('numbers in words', () => {
  it('writes a count of sheets as documents do', () => {
    expect(numberWordsRu(1)).toBe('один');
    expect(numberWordsRu(12)).toBe('двенадцать');
    expect(numberWordsRu(154)).toBe('сто пятьдесят четыре');
    expect(numberWordsRu(200)).toBe('двести');
    expect(numberWordsRu(1021)).toBe('одна тысяча двадцать один');
    expect(numberWordsRu(2002, true)).toBe('две тысячи две');
    expect(numberWordsRu(0)).toBe('ноль');
    expect(() => numberWordsRu(1.5)).toThrow();
  });
  it('writes a date with the month in words', () => {
    expect(dateWordsRu('2026-09-01')).toBe('1 сентября 2026 г.');
  });
});
