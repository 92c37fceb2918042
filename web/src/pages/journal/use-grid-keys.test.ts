import { describe, expect, it } from 'vitest';
import { clampPos, editKey, gridKey, type KeyPress } from './use-grid-keys.js';

const press = (key: string, o: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...o,
});
const size = { rows: 3, cols: 4 };
const mid = { r: 1, c: 1 };

describe('grid keys: moving', () => {
  it('arrows move one cell and stop at the edges', () => {
    expect(gridKey(press('ArrowDown'), mid, size)).toEqual({ kind: 'move', to: { r: 2, c: 1 } });
    expect(gridKey(press('ArrowUp'), mid, size)).toEqual({ kind: 'move', to: { r: 0, c: 1 } });
    expect(gridKey(press('ArrowRight'), mid, size)).toEqual({ kind: 'move', to: { r: 1, c: 2 } });
    expect(gridKey(press('ArrowLeft'), mid, size)).toEqual({ kind: 'move', to: { r: 1, c: 0 } });
    expect(gridKey(press('ArrowDown'), { r: 2, c: 3 }, size)).toEqual({ kind: 'move', to: { r: 2, c: 3 } });
    expect(gridKey(press('ArrowLeft'), { r: 0, c: 0 }, size)).toEqual({ kind: 'move', to: { r: 0, c: 0 } });
  });

  it('Home and End go to the first and the last lesson of the row', () => {
    expect(gridKey(press('Home'), { r: 2, c: 2 }, size)).toEqual({ kind: 'move', to: { r: 2, c: 0 } });
    expect(gridKey(press('End'), { r: 2, c: 0 }, size)).toEqual({ kind: 'move', to: { r: 2, c: 3 } });
  });

  it('Tab goes along the row and wraps to the next one; Shift+Tab back', () => {
    expect(gridKey(press('Tab'), mid, size)).toEqual({ kind: 'move', to: { r: 1, c: 2 } });
    expect(gridKey(press('Tab'), { r: 1, c: 3 }, size)).toEqual({ kind: 'move', to: { r: 2, c: 0 } });
    expect(gridKey(press('Tab', { shiftKey: true }), mid, size)).toEqual({ kind: 'move', to: { r: 1, c: 0 } });
    expect(gridKey(press('Tab', { shiftKey: true }), { r: 1, c: 0 }, size)).toEqual({ kind: 'move', to: { r: 0, c: 3 } });
  });

  it('Tab out of the last cell and Shift+Tab out of the first are left to the browser', () => {
    expect(gridKey(press('Tab'), { r: 2, c: 3 }, size)).toBeNull();
    expect(gridKey(press('Tab', { shiftKey: true }), { r: 0, c: 0 }, size)).toBeNull();
  });

  it('an empty grid takes no keys', () => {
    expect(gridKey(press('ArrowDown'), { r: 0, c: 0 }, { rows: 0, cols: 4 })).toBeNull();
    expect(gridKey(press('5'), { r: 0, c: 0 }, { rows: 3, cols: 0 })).toBeNull();
  });
});

describe('grid keys: editing', () => {
  it('Enter and F2 edit the cell with its text; a printable key starts over with that key', () => {
    expect(gridKey(press('Enter'), mid, size)).toEqual({ kind: 'edit', initial: null });
    expect(gridKey(press('F2'), mid, size)).toEqual({ kind: 'edit', initial: null });
    expect(gridKey(press('5'), mid, size)).toEqual({ kind: 'edit', initial: '5' });
    expect(gridKey(press('н'), mid, size)).toEqual({ kind: 'edit', initial: 'н' });
  });

  it('space, modified keys and other named keys are not the grid’s', () => {
    expect(gridKey(press(' '), mid, size)).toBeNull();
    expect(gridKey(press('c', { ctrlKey: true }), mid, size)).toBeNull();
    expect(gridKey(press('v', { metaKey: true }), mid, size)).toBeNull();
    expect(gridKey(press('5', { altKey: true }), mid, size)).toBeNull();
    expect(gridKey(press('Escape'), mid, size)).toBeNull();
    expect(gridKey(press('PageDown'), mid, size)).toBeNull();
  });

  it('Backspace and Delete clear the cell', () => {
    expect(gridKey(press('Backspace'), mid, size)).toEqual({ kind: 'clear' });
    expect(gridKey(press('Delete'), mid, size)).toEqual({ kind: 'clear' });
  });

  it('Ctrl+Z and Cmd+Z undo, in either keyboard layout; Ctrl+Shift+Z does not', () => {
    expect(gridKey(press('z', { ctrlKey: true }), mid, size)).toEqual({ kind: 'undo' });
    expect(gridKey(press('я', { ctrlKey: true }), mid, size)).toEqual({ kind: 'undo' });
    expect(gridKey(press('Z', { metaKey: true, code: 'KeyZ' }), mid, size)).toEqual({ kind: 'undo' });
    expect(gridKey(press('Z', { ctrlKey: true, shiftKey: true, code: 'KeyZ' }), mid, size)).toBeNull();
  });
});

describe('editor keys', () => {
  it('Escape cancels', () => {
    expect(editKey(press('Escape'), mid, size)).toEqual({ kind: 'cancel' });
  });

  it('Enter and ArrowDown save and go down, ArrowUp up, Tab along the row', () => {
    expect(editKey(press('Enter'), mid, size)).toEqual({ kind: 'commit', to: { r: 2, c: 1 } });
    expect(editKey(press('ArrowDown'), mid, size)).toEqual({ kind: 'commit', to: { r: 2, c: 1 } });
    expect(editKey(press('ArrowUp'), mid, size)).toEqual({ kind: 'commit', to: { r: 0, c: 1 } });
    expect(editKey(press('Tab'), mid, size)).toEqual({ kind: 'commit', to: { r: 1, c: 2 } });
    expect(editKey(press('Tab', { shiftKey: true }), mid, size)).toEqual({ kind: 'commit', to: { r: 1, c: 0 } });
  });

  it('saving on the last row stays there; Tab in the editor does not wrap', () => {
    expect(editKey(press('Enter'), { r: 2, c: 3 }, size)).toEqual({ kind: 'commit', to: { r: 2, c: 3 } });
    expect(editKey(press('Tab'), { r: 1, c: 3 }, size)).toEqual({ kind: 'commit', to: { r: 1, c: 3 } });
  });

  it('typing and moving the caret stay in the editor', () => {
    for (const k of ['5', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Backspace']) expect(editKey(press(k), mid, size)).toBeNull();
  });
});

describe('clampPos', () => {
  it('keeps a position inside the grid', () => {
    expect(clampPos({ r: 0, c: 0 }, -5, 10, size)).toEqual({ r: 0, c: 3 });
    expect(clampPos({ r: 2, c: 3 }, 5, -10, size)).toEqual({ r: 2, c: 0 });
  });
});
