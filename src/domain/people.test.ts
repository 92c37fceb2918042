import { describe, expect, it } from 'vitest';
import {
  loginBase,
  MOVEMENT,
  normalizePhone,
  normalizeSnils,
  parseDateCell,
  programCourses,
  transliterate,
  uniqueLogin,
} from './people.js';

describe('logins', () => {
  it('transliterates as the passport does', () => {
    expect(transliterate('Щербаков')).toBe('shcherbakov');
    expect(transliterate('Ёлкина')).toBe('elkina');
    expect(transliterate('Цой Юлия')).toBe('tsoiiuliia');
  });
  it('makes surname + initials, lower case, without hyphens', () => {
    expect(loginBase({ last_name: 'Римский-Корсаков', first_name: 'Андрей', middle_name: 'Юрьевич' })).toBe('rimskiikorsakov.ai');
    expect(loginBase({ last_name: 'Ким', first_name: 'Юлия', middle_name: null })).toBe('kim.i');
    expect(loginBase({ last_name: 'Жуков', first_name: 'Шамиль', middle_name: 'Ильич' })).toBe('zhukov.si');
  });
  it('adds a number when taken', () => {
    const taken = new Set(['ivanov.ip', 'ivanov.ip2']);
    expect(uniqueLogin('ivanov.ip', (l) => taken.has(l))).toBe('ivanov.ip3');
    expect(uniqueLogin('petrov.ip', (l) => taken.has(l))).toBe('petrov.ip');
  });
});

describe('documents and contacts', () => {
  it('checks the СНИЛС check sum', () => {
    expect(normalizeSnils('11223344595')).toEqual({ value: '112-233-445 95' });
    expect('error' in normalizeSnils('112-233-445 96')).toBe(true);
    expect('error' in normalizeSnils('123')).toBe(true);
  });
  it('normalizes phones', () => {
    expect(normalizePhone('8 914 123 45 67')).toEqual({ value: '+7 (914) 123-45-67' });
    expect('error' in normalizePhone('12345')).toBe(true);
  });
  it('reads dates the way people type them', () => {
    expect(parseDateCell('1.9.2026')).toBe('2026-09-01');
    expect(parseDateCell('2026-02-30')).toBeNull();
    expect(parseDateCell(new Date(Date.UTC(2008, 4, 3)))).toBe('2008-05-03');
    expect(parseDateCell('завтра')).toBeNull();
    expect(parseDateCell('01.01.0001')).toBeNull();
    expect(parseDateCell('0000-00-00')).toBeNull();
  });
});

describe('movement', () => {
  it('allows only sensible transitions', () => {
    expect(MOVEMENT.transfer.from).toEqual(['active']);
    expect(MOVEMENT.reinstate.from).toEqual(['expelled']);
    expect(MOVEMENT.return.needsGroup).toBe(true);
  });
  it('counts courses from terms', () => {
    expect(programCourses(8)).toBe(4);
    expect(programCourses(6)).toBe(3);
    expect(programCourses(5)).toBe(3);
  });
});
