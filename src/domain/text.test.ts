import { describe, expect, it } from 'vitest';
import { compareRu, fullName, searchKey, shortName } from './text.js';

describe('Russian names', () => {
  it('search key folds case and ё', () => {
    expect(searchKey('Ёлкина', 'Алёна', null)).toBe('елкина алена');
    expect(searchKey('  ПЕТРОВА-Водкина ', 'Анна')).toBe('петрова-водкина анна');
  });
  it('sorts Ё with Е, the dictionary way', () => {
    const names = ['Яковлев', 'Ёлкин', 'Егоров', 'Ершов', 'Абрамов'];
    expect([...names].sort(compareRu)).toEqual(['Абрамов', 'Егоров', 'Ёлкин', 'Ершов', 'Яковлев']);
    // the stored key sorts the same way with a plain binary comparison, as both engines do
    expect([...names].map((n) => searchKey(n)).sort()).toEqual(['абрамов', 'егоров', 'елкин', 'ершов', 'яковлев']);
  });
  it('formats full and short names', () => {
    const p = { last_name: 'Мамин-Сибиряк', first_name: 'Дмитрий', middle_name: 'Наркисович' };
    expect(fullName(p)).toBe('Мамин-Сибиряк Дмитрий Наркисович');
    expect(shortName(p)).toBe('Мамин-Сибиряк Д. Н.');
    expect(shortName({ last_name: 'Ким', first_name: 'Юлия', middle_name: null })).toBe('Ким Ю.');
  });
});
