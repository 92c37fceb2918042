import { describe, expect, it } from 'vitest';
import { bySex, fullNameIn, inferSex, shortNameIn } from './name-cases.js';

const novikova = { last_name: 'Новикова', first_name: 'Марина', middle_name: 'Игоревна' };
const grigoriev = { last_name: 'Григорьев', first_name: 'Кирилл', middle_name: 'Викторович' };

describe('inferring sex', () => {
  it('takes the patronymic first, then the first name, then the surname', () => {
    expect(inferSex(novikova)).toBe('f');
    expect(inferSex(grigoriev)).toBe('m');
    expect(inferSex({ last_name: 'Борейко', first_name: 'Саша', middle_name: 'Петровна' })).toBe('f');
    expect(inferSex({ last_name: 'Мамедов', first_name: 'Эльчин', middle_name: 'Рашид оглы' })).toBe('m');
    expect(inferSex({ last_name: 'Алиева', first_name: 'Лейла', middle_name: 'Вагиф кызы' })).toBe('f');
    expect(inferSex({ last_name: 'Ким', first_name: 'Юлия', middle_name: null })).toBe('f');
    expect(inferSex({ last_name: 'Борейко', first_name: 'Саша', middle_name: null })).toBeNull();
  });
});

describe('names by case', () => {
  it('declines a woman as a woman and a man as a man', () => {
    expect(shortNameIn(novikova, 'genitive')).toBe('Новиковой М. И.');
    expect(shortNameIn(grigoriev, 'genitive')).toBe('Григорьева К. В.');
    expect(fullNameIn(novikova, 'dative')).toBe('Новиковой Марине Игоревне');
    expect(fullNameIn({ last_name: 'Петрова-Водкина', first_name: 'Елена', middle_name: 'Александровна' }, 'genitive')).toBe(
      'Петровой-Водкиной Елены Александровны',
    );
    expect(shortNameIn(grigoriev, 'nominative')).toBe('Григорьев К. В.');
  });
  it('follows the stored sex where the name does not tell', () => {
    const sasha = { last_name: 'Черных', first_name: 'Женя', middle_name: null };
    expect(bySex({ ...sasha, gender: 'f' }, 'его', 'её')).toBe('её');
    expect(bySex({ ...sasha, gender: 'm' }, 'его', 'её')).toBe('его');
    expect(shortNameIn({ last_name: 'Белов', first_name: 'Женя', middle_name: null, gender: 'f' }, 'genitive')).toBe('Белов Ж.');
    expect(shortNameIn({ last_name: 'Белов', first_name: 'Женя', middle_name: null, gender: 'm' }, 'genitive')).toBe('Белова Ж.');
  });
  it('leaves a surname that does not decline as it is', () => {
    expect(shortNameIn({ last_name: 'Шевчук', first_name: 'Анна', middle_name: 'Олеговна' }, 'genitive')).toBe('Шевчук А. О.');
    expect(shortNameIn({ last_name: 'Шевчук', first_name: 'Юрий', middle_name: 'Юлианович' }, 'genitive')).toBe('Шевчука Ю. Ю.');
  });
});
