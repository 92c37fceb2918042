import { describe, expect, it } from 'vitest';
import { sortRows, type Column } from './data-table.js';

const rows = [
  { name: 'Ёлкина', group: 'ПК-10' },
  { name: 'Абрамов', group: 'ПК-9' },
  { name: 'Елисеев', group: 'ПК-2' },
];
const columns: Column<(typeof rows)[number]>[] = [
  { key: 'name', title: 'ФИО', cell: (r) => r.name, sort: (r) => r.name },
  { key: 'group', title: 'Группа', cell: (r) => r.group, sort: (r) => r.group },
  { key: 'server', title: 'На сервере', cell: (r) => r.name, sort: true },
];

describe('DataTable sorting', () => {
  it('sorts Russian names in the alphabet and group numbers by value, both ways', () => {
    expect(sortRows(rows, columns, { key: 'name', dir: 1 }).map((r) => r.name)).toEqual(['Абрамов', 'Елисеев', 'Ёлкина']);
    expect(sortRows(rows, columns, { key: 'group', dir: 1 }).map((r) => r.group)).toEqual(['ПК-2', 'ПК-9', 'ПК-10']);
    expect(sortRows(rows, columns, { key: 'group', dir: -1 }).map((r) => r.group)).toEqual(['ПК-10', 'ПК-9', 'ПК-2']);
  });

  it('leaves the rows as they came without an order or when the server sorts', () => {
    expect(sortRows(rows, columns, null)).toBe(rows);
    expect(sortRows(rows, columns, { key: 'server', dir: -1 })).toBe(rows);
  });
});
