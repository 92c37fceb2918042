import type { GridMark, Mark, MarkWriteResult } from '../../../../src/contracts/journal.js';
import { diffCell, parseCell, type CellItem, type CellMark } from '../../../../src/domain/journal-input.js';
import { ApiError, del, patch, post } from '../../api.js';

// Background saving of journal cells: what was typed is saved in the background, a dropped
// connection is retried with the same operation ids (the server applies each once), and a
// refusal or a conflict is reported on the cell with the current value.

export const cellKey = (lessonId: number, studentId: number) => `${lessonId}:${studentId}`;

export type CellStatus = 'saving' | 'retrying' | 'error' | 'conflict';

export interface PendingCell {
  text: string;
  items: CellItem[];
  status: CellStatus;
  message?: string;
  /** The refusal came from a closed entry window: a correction request is the way on. */
  closed?: boolean;
}

export interface SaveState {
  saving: number;
  retrying: boolean;
  problems: { key: string; message: string }[];
}

const newOpId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const retriable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429);

export class CellSaver {
  private server = new Map<string, CellMark[]>();
  readonly pending = new Map<string, PendingCell>();
  private running = new Set<string>();
  private listeners = new Set<() => void>();
  revision = 0;
  /** Called after a conflict, so the page reloads what the server holds now. */
  onConflict: (() => void) | null = null;

  constructor(marks: readonly GridMark[] = []) {
    this.load(marks);
  }

  /** Replaces what the server holds (after a fresh load); pending edits stay on top. */
  load(marks: readonly GridMark[]) {
    this.server.clear();
    for (const m of marks) {
      const k = cellKey(m.lessonId, m.studentId);
      const list = this.server.get(k) ?? [];
      list.push(toCell(m));
      this.server.set(k, list);
    }
    this.changed();
  }

  subscribe(f: () => void) {
    this.listeners.add(f);
    return () => void this.listeners.delete(f);
  }

  private changed() {
    this.revision++;
    for (const f of this.listeners) f();
  }

  marks(key: string): CellMark[] {
    return this.server.get(key) ?? [];
  }

  allMarks(): Map<string, CellMark[]> {
    return this.server;
  }

  state(): SaveState {
    let saving = 0;
    let retrying = false;
    const problems: SaveState['problems'] = [];
    for (const [key, p] of this.pending) {
      if (p.status === 'saving' || p.status === 'retrying') saving++;
      if (p.status === 'retrying') retrying = true;
      if ((p.status === 'error' || p.status === 'conflict') && p.message) problems.push({ key, message: p.message });
    }
    return { saving, retrying, problems };
  }

  /** Sets a cell to what was typed; returns a parse error message, if any. */
  set(lessonId: number, studentId: number, text: string): string | null {
    const parsed = parseCell(text);
    if (!parsed.ok) return parsed.message;
    const key = cellKey(lessonId, studentId);
    this.pending.set(key, { text, items: parsed.items, status: 'saving' });
    this.changed();
    if (!this.running.has(key)) void this.run(key, lessonId, studentId);
    return null;
  }

  dismiss(key: string) {
    const p = this.pending.get(key);
    if (p && (p.status === 'error' || p.status === 'conflict')) {
      this.pending.delete(key);
      this.changed();
    }
  }

  private async run(key: string, lessonId: number, studentId: number) {
    this.running.add(key);
    try {
      for (;;) {
        const want = this.pending.get(key);
        if (!want || want.status === 'error' || want.status === 'conflict') return;
        const d = diffCell(this.marks(key), want.items);
        const ops: (() => Promise<void>)[] = [
          ...d.remove.map((r) => {
            const opId = newOpId();
            return async () => {
              await del<MarkWriteResult>(`/journal/marks/${r.id}?version=${r.version}&opId=${opId}`);
              this.server.set(key, this.marks(key).filter((m) => m.id !== r.id));
            };
          }),
          ...d.update.map((u) => {
            const opId = newOpId();
            return async () => {
              const res = await patch<MarkWriteResult>(`/journal/marks/${u.id}`, { opId, version: u.version, value: u.value, workType: u.workType, weight: u.kind === 'grade' ? u.weight : null });
              this.server.set(key, this.marks(key).map((m) => (m.id === u.id && res.mark ? toCell(res.mark) : m)));
            };
          }),
          ...d.create.map((c) => {
            const opId = newOpId();
            return async () => {
              const res = await post<MarkWriteResult>('/journal/marks', { opId, lessonId, studentId, value: c.value, workType: c.workType, weight: c.kind === 'grade' ? c.weight : null });
              if (res.mark && !this.marks(key).some((m) => m.id === res.mark!.id)) this.server.set(key, [...this.marks(key), toCell(res.mark)]);
            };
          }),
        ];
        for (const op of ops) {
          for (let attempt = 0; ; attempt++) {
            try {
              await op();
              break;
            } catch (e) {
              if (retriable(e)) {
                this.pending.set(key, { ...this.pending.get(key)!, status: 'retrying', message: 'Нет связи с сервером — повторяем…' });
                this.changed();
                await sleep(Math.min(10_000, 500 * 2 ** attempt));
                continue;
              }
              const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Не удалось сохранить.');
              const current = (err.details as { current?: Mark | null } | undefined)?.current;
              if (err.status === 409 && current !== undefined) this.replaceFromConflict(key, current);
              this.pending.set(key, {
                ...this.pending.get(key)!,
                status: err.status === 409 ? 'conflict' : 'error',
                message: err.message,
                closed: err.code === 'entry_closed',
              });
              this.changed();
              if (err.status === 409) this.onConflict?.();
              return;
            }
          }
        }
        const now = this.pending.get(key);
        if (!now || now.text === want.text) {
          this.pending.delete(key);
          this.changed();
          return;
        }
      }
    } finally {
      this.running.delete(key);
    }
  }

  private replaceFromConflict(key: string, current: Mark | null) {
    if (!current) return;
    const list = this.marks(key).filter((m) => m.id !== current.id);
    this.server.set(key, [...list, toCell(current)].sort((a, b) => a.id - b.id));
  }
}

export const toCell = (m: GridMark): CellMark => ({ id: m.id, kind: m.kind, value: m.value, workType: m.workType, weight: m.weight, version: m.version });
