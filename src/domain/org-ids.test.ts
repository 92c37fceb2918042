import { describe, expect, it } from 'vitest';
import { innProblem, isTimeZone, ogrnProblem } from './org-ids.js';

describe('ИНН and ОГРН by their check digits', () => {
  it('accepts real identifiers', () => {
    expect(innProblem('7707083893')).toBeNull(); // ПАО Сбербанк
    expect(innProblem('500100732259')).toBeNull(); // a person's ИНН (12 digits)
    expect(ogrnProblem('1027700132195')).toBeNull(); // ПАО Сбербанк
    expect(ogrnProblem('304500116000157')).toBeNull(); // ОГРНИП
  });
  it('refuses a typo, a wrong length, letters', () => {
    expect(innProblem('7707083894')).toBe('Неверное контрольное число ИНН.');
    expect(innProblem('500100732258')).toBe('Неверное контрольное число ИНН.');
    expect(innProblem('77070838')).toMatch(/10 цифр/);
    expect(innProblem('77070838АБ')).toMatch(/только из цифр/);
    expect(ogrnProblem('1027700132196')).toBe('Неверное контрольное число ОГРН.');
    expect(ogrnProblem('10277001321')).toMatch(/13 цифр/);
  });
  it('time zones from the IANA list', () => {
    expect(isTimeZone('Asia/Vladivostok')).toBe(true);
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+03:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
