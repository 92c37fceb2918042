import { useState, type KeyboardEvent } from 'react';

// The grid's keyboard: which cell is active, whether it is being edited, and what each key does.
// The transitions are pure functions (`gridKey`, `editKey`) so that they are tested without a
// browser; `useGridKeys` holds the state and hands the page the decisions it must take itself
// (may this cell be edited, write this text, undo).

export interface Pos {
  r: number;
  c: number;
}
export interface Size {
  rows: number;
  cols: number;
}
export interface KeyPress {
  key: string;
  code?: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What a key on the grid (not in the editor) asks for; null: the key is not the grid's. */
export type GridCommand =
  | { kind: 'move'; to: Pos }
  | { kind: 'undo' }
  /** Start editing; `initial` null: with the cell's current text (Enter, F2). */
  | { kind: 'edit'; initial: string | null }
  | { kind: 'clear' };

/** What a key in the cell editor asks for; null: the editor's own (typing, cursor keys). */
export type EditCommand = { kind: 'cancel' } | { kind: 'commit'; to: Pos };

export const clampPos = (p: Pos, dr: number, dc: number, s: Size): Pos => ({
  r: Math.min(s.rows - 1, Math.max(0, p.r + dr)),
  c: Math.min(s.cols - 1, Math.max(0, p.c + dc)),
});

const isUndo = (e: KeyPress) => (e.ctrlKey || e.metaKey) && !e.shiftKey && (e.code === 'KeyZ' || e.key === 'z' || e.key === 'я');

export function gridKey(e: KeyPress, pos: Pos, size: Size): GridCommand | null {
  if (!size.rows || !size.cols) return null;
  const k = e.key;
  if (k === 'ArrowDown') return { kind: 'move', to: clampPos(pos, 1, 0, size) };
  if (k === 'ArrowUp') return { kind: 'move', to: clampPos(pos, -1, 0, size) };
  if (isUndo(e)) return { kind: 'undo' };
  if (k === 'ArrowRight') return { kind: 'move', to: clampPos(pos, 0, 1, size) };
  if (k === 'ArrowLeft') return { kind: 'move', to: clampPos(pos, 0, -1, size) };
  if (k === 'Tab') {
    const last = pos.c === size.cols - 1 && pos.r === size.rows - 1;
    const first = pos.c === 0 && pos.r === 0;
    // Tab out of the last cell (Shift+Tab out of the first) leaves the grid: the browser moves focus.
    if ((e.shiftKey && first) || (!e.shiftKey && last)) return null;
    if (e.shiftKey) return { kind: 'move', to: pos.c > 0 ? { ...pos, c: pos.c - 1 } : { r: pos.r - 1, c: size.cols - 1 } };
    return { kind: 'move', to: pos.c < size.cols - 1 ? { ...pos, c: pos.c + 1 } : { r: pos.r + 1, c: 0 } };
  }
  if (k === 'Home') return { kind: 'move', to: { ...pos, c: 0 } };
  if (k === 'End') return { kind: 'move', to: { ...pos, c: size.cols - 1 } };
  if (k === 'Enter' || k === 'F2') return { kind: 'edit', initial: null };
  if (k === 'Backspace' || k === 'Delete') return { kind: 'clear' };
  if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && k !== ' ') return { kind: 'edit', initial: k };
  return null;
}

export function editKey(e: KeyPress, pos: Pos, size: Size): EditCommand | null {
  const k = e.key;
  if (k === 'Escape') return { kind: 'cancel' };
  const step = k === 'Enter' || k === 'ArrowDown' ? [1, 0] : k === 'ArrowUp' ? [-1, 0] : k === 'Tab' ? [0, e.shiftKey ? -1 : 1] : null;
  return step ? { kind: 'commit', to: clampPos(pos, step[0], step[1], size) } : null;
}

export interface GridKeyHandlers {
  textAt(p: Pos): string;
  /** The text the editor opens with, or null when the cell is not to be edited here (the page says why). */
  begin(p: Pos, initial: string): string | null;
  /** Writes a cell; false keeps the editor open (the page has said why). */
  write(p: Pos, text: string): boolean;
  undo(): void;
}

/** The active cell and its editor, driven by the keyboard. */
export function useGridKeys(size: Size, startCol: number, h: GridKeyHandlers) {
  const [pos, setPos] = useState<Pos>({ r: 0, c: startCol });
  const [editing, setEditing] = useState<string | null>(null);

  const startEdit = (initial: string) => {
    const text = h.begin(pos, initial);
    if (text !== null) setEditing(text);
  };

  const onGridKey = (e: KeyboardEvent<HTMLElement>) => {
    if (editing !== null) return;
    const cmd = gridKey(e, pos, size);
    if (!cmd) return;
    if (cmd.kind === 'move') setPos(cmd.to);
    else if (cmd.kind === 'undo') h.undo();
    else if (cmd.kind === 'edit') startEdit(cmd.initial ?? h.textAt(pos));
    else if (cmd.kind === 'clear' && h.textAt(pos)) h.write(pos, '');
    e.preventDefault();
  };

  const onEditKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const cmd = editKey(e, pos, size);
    if (!cmd) return;
    e.preventDefault();
    if (cmd.kind === 'cancel') return setEditing(null);
    e.stopPropagation();
    if (!h.write(pos, editing ?? '')) return;
    setEditing(null);
    setPos(cmd.to);
  };

  /** A click on a cell: it becomes active, and an open editor closes without saving. */
  const pick = (p: Pos) => {
    setEditing(null);
    setPos(p);
  };

  return { pos, setPos, editing, setEditing, startEdit, pick, onGridKey, onEditKey };
}
