import { describe, expect, it } from 'vitest';
import { cellText, diffCell, parseCell } from './journal-input.js';

describe('cell input', () => {
  it('reads grades, absences, work types and weights', () => {
    expect(parseCell('5')).toEqual({ ok: true, items: [{ kind: 'grade', value: '5', workType: null, weight: null }] });
    expect(parseCell('н')).toEqual({ ok: true, items: [{ kind: 'absence', value: 'н' }] });
    expect(parseCell('оп 4к*3')).toEqual({
      ok: true,
      items: [
        { kind: 'absence', value: 'оп' },
        { kind: 'grade', value: '4', workType: 'control', weight: 3 },
      ],
    });
    expect(parseCell('зач')).toEqual({ ok: true, items: [{ kind: 'grade', value: 'зач', workType: null, weight: null }] });
    expect(parseCell('')).toEqual({ ok: true, items: [] });
  });
  it('forgives the Latin keyboard layout', () => {
    expect(parseCell('y')).toEqual({ ok: true, items: [{ kind: 'absence', value: 'н' }] });
    expect(parseCell('eg')).toEqual({ ok: true, items: [{ kind: 'absence', value: 'уп' }] });
    expect(parseCell('pfx')).toEqual({ ok: true, items: [{ kind: 'grade', value: 'зач', workType: null, weight: null }] });
    expect(parseCell('5r')).toEqual({ ok: true, items: [{ kind: 'grade', value: '5', workType: 'control', weight: null }] });
  });
  it('refuses what is not a mark, saying what is allowed', () => {
    const r = parseCell('6');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Введите 5, 4, 3, 2/);
    expect(parseCell('н б').ok).toBe(false);
    expect(parseCell('5ф').ok).toBe(false);
  });
  it('writes a cell back as typed text', () => {
    expect(
      cellText([
        { kind: 'grade', value: '5', workType: 'oral', weight: 1 },
        { kind: 'absence', value: 'оп', workType: null, weight: 1 },
        { kind: 'grade', value: '4', workType: 'control', weight: 2 },
      ]),
    ).toBe('оп 5 4к');
    expect(cellText([{ kind: 'grade', value: '3', workType: 'oral', weight: 2 }])).toBe('3*2');
  });
  it('diffs a cell into creates, updates and removals', () => {
    const existing = [
      { id: 1, kind: 'grade' as const, value: '5', workType: 'oral', weight: 1, version: 1 },
      { id: 2, kind: 'grade' as const, value: '4', workType: 'oral', weight: 1, version: 3 },
      { id: 3, kind: 'absence' as const, value: 'н', workType: null, weight: 1, version: 1 },
    ];
    const p = parseCell('5 3к');
    if (!p.ok) throw new Error('parse');
    const d = diffCell(existing, p.items);
    expect(d.create).toEqual([]);
    expect(d.update).toEqual([{ id: 2, version: 3, kind: 'grade', value: '3', workType: 'control', weight: 2 }]);
    expect(d.remove).toEqual([{ id: 3, version: 1 }]);
    expect(diffCell([], [{ kind: 'absence', value: 'б' }]).create).toEqual([{ kind: 'absence', value: 'б', workType: null, weight: 1 }]);
  });
});
