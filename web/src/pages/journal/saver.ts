import type { ApiRequest, ApiResponse } from '../../../../src/contracts/api.js';
import { diffCell, parseCell, type CellItem, type CellMark } from '../../../../src/domain/journal-input.js';
import { ApiError, call } from '../../api.js';
import { draftUser, readDrafts, registerSaver, writeDrafts } from '../../unsaved.js';
import { Store } from './store.js';

// Background saving of journal cells: what was typed is saved in the background, a dropped
// connection is retried with the same operation ids (the server applies each once), and a
// refusal or a conflict is reported on the cell with the current value. What is not saved yet
// is kept in the browser until it is: a closed tab or an ended session loses nothing.
// One saver serves every page of the signed-in user, so leaving a page does not stop its saves.

type Mark = NonNullable<ApiResponse<'POST /journal/marks'>['mark']>;
/** A mark as a page reads it (the grid's or a lesson's). */
type GridMark = Pick<Mark, 'id' | 'lessonId' | 'studentId' | 'kind' | 'value' | 'workType' | 'weight' | 'version'>;

export const cellKey = (lessonId: number, studentId: number) => `${lessonId}:${studentId}`;

/** waiting: restored from the browser, saved once the lesson's marks are read; paused: the session ended. */
export type CellStatus = 'saving' | 'retrying' | 'waiting' | 'paused' | 'error' | 'conflict';

export interface PendingCell {
  lessonId: number;
  studentId: number;
  text: string;
  items: CellItem[];
  status: CellStatus;
  message?: string;
  /** The refusal came from a closed entry window: a correction request is the way on. */
  closed?: boolean;
  /** The write undoes an earlier action (Ctrl+Z): its events say so. */
  undo?: boolean;
  /** The page it was typed on, to lead back to it. */
  path?: string;
}

export interface SaveState {
  saving: number;
  retrying: boolean;
  /** Changes waiting for the next sign-in. */
  paused: number;
  problems: { key: string; message: string }[];
}

/** What the save indicator watches. */
export interface Saver {
  revision: number;
  state(): SaveState;
  subscribe(f: () => void): () => void;
}

interface StoredCell {
  lessonId: number;
  studentId: number;
  text: string;
  undo?: boolean;
  path?: string;
}

/** How the saver reaches the server: the API, or a fake in tests. */
export interface MarkTransport {
  create(body: ApiRequest<'POST /journal/marks'>['body']): Promise<ApiResponse<'POST /journal/marks'>>;
  update(id: number, body: ApiRequest<'PATCH /journal/marks/:id'>['body']): Promise<ApiResponse<'PATCH /journal/marks/:id'>>;
  remove(id: number, query: ApiRequest<'DELETE /journal/marks/:id'>['query']): Promise<ApiResponse<'DELETE /journal/marks/:id'>>;
  lesson(id: number): Promise<ApiResponse<'GET /journal/lessons/:id'>>;
  /** Waits before a retry. */
  sleep(ms: number): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const apiMarks: MarkTransport = {
  create: (body) => call('POST /journal/marks', { body }),
  update: (id, body) => call('PATCH /journal/marks/:id', { params: { id }, body }),
  remove: (id, query) => call('DELETE /journal/marks/:id', { params: { id }, query }),
  lesson: (id) => call('GET /journal/lessons/:id', { params: { id } }),
  sleep,
};

/** The page a change was typed on (none outside a browser). */
export const currentPath = () => globalThis.location?.pathname;

export const newOpId = () =>
  (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');
export const retriable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429);
const STORE = 'cells';
const KEPT: readonly CellStatus[] = ['saving', 'retrying', 'waiting', 'paused'];

export class CellSaver extends Store implements Saver {
  private server = new Map<string, CellMark[]>();
  private loaded = new Set<number>();
  readonly pending = new Map<string, PendingCell>();
  private running = new Set<string>();
  private disposed = false;
  private persistQueued = false;
  /** Counts completed writes; a read older than a cell's last write must not replace it. */
  private seq = 0;
  private writtenAt = new Map<string, number>();
  /** Called after a conflict, so the page reloads what the server holds now. */
  onConflict: (() => void) | null = null;
  private readonly transport: MarkTransport;

  constructor(o: { restore?: boolean; transport?: MarkTransport } = {}) {
    super();
    this.transport = o.transport ?? apiMarks;
    if (!o.restore) return;
    for (const [key, c] of Object.entries(readDrafts<StoredCell>(STORE))) {
      const parsed = parseCell(c.text);
      if (parsed.ok) this.pending.set(key, { ...c, items: parsed.items, status: 'waiting' });
    }
  }

  /** Taken before a read of marks, and given back to `load` with what it read. */
  readToken() {
    return this.seq;
  }

  /**
   * Replaces what the server holds for these lessons (after a fresh read); pending edits stay on
   * top, and edits that waited for these lessons start saving. Cells written since the read began
   * (`since`, from `readToken`) keep what their write returned. `silent` skips notifying (during render).
   */
  load(marks: readonly GridMark[], lessonIds: readonly number[], o: { silent?: boolean; since?: number } = {}) {
    const ids = new Set(lessonIds);
    const keep = (key: string) => this.running.has(key) || (o.since !== undefined && (this.writtenAt.get(key) ?? -1) > o.since);
    for (const key of this.server.keys()) if (ids.has(Number(key.split(':')[0])) && !keep(key)) this.server.delete(key);
    for (const m of marks) {
      const k = cellKey(m.lessonId, m.studentId);
      if (keep(k)) continue;
      const list = this.server.get(k) ?? [];
      if (!list.some((x) => x.id === m.id)) list.push(toCell(m));
      this.server.set(k, list);
    }
    for (const id of ids) this.loaded.add(id);
    for (const [key, p] of this.pending) {
      if (p.status === 'waiting' && ids.has(p.lessonId)) {
        p.status = 'saving';
        queueMicrotask(() => this.start(key));
      }
    }
    if (!o.silent) this.changed();
  }

  private changed() {
    this.notify();
    if (!this.persistQueued) {
      this.persistQueued = true;
      queueMicrotask(() => this.persist());
    }
  }

  private persist() {
    this.persistQueued = false;
    if (this.disposed) return;
    const out: Record<string, StoredCell> = {};
    for (const [key, p] of this.pending) {
      if (KEPT.includes(p.status))
        out[key] = {
          lessonId: p.lessonId,
          studentId: p.studentId,
          text: p.text,
          ...(p.undo ? { undo: true } : {}),
          ...(p.path ? { path: p.path } : {}),
        };
    }
    writeDrafts(STORE, out);
  }

  marks(key: string): CellMark[] {
    return this.server.get(key) ?? [];
  }

  allMarks(): Map<string, CellMark[]> {
    return this.server;
  }

  unsaved() {
    return this.pending.size;
  }

  paths() {
    return [...new Set([...this.pending.values()].flatMap((p) => (p.path ? [p.path] : [])))];
  }

  state(): SaveState {
    let saving = 0;
    let paused = 0;
    let retrying = false;
    const problems: SaveState['problems'] = [];
    for (const [key, p] of this.pending) {
      if (p.status === 'saving' || p.status === 'retrying' || p.status === 'waiting') saving++;
      if (p.status === 'paused') paused++;
      if (p.status === 'retrying') retrying = true;
      if ((p.status === 'error' || p.status === 'conflict') && p.message) problems.push({ key, message: p.message });
    }
    return { saving, retrying, paused, problems };
  }

  /** Sets a cell to what was typed; returns a parse error message, if any. */
  set(lessonId: number, studentId: number, text: string, o: { undo?: boolean } = {}): string | null {
    const parsed = parseCell(text);
    if (!parsed.ok) return parsed.message;
    const key = cellKey(lessonId, studentId);
    const status: CellStatus = this.loaded.has(lessonId) ? 'saving' : 'waiting';
    this.pending.set(key, { lessonId, studentId, text, items: parsed.items, status, undo: o.undo, path: currentPath() });
    this.changed();
    if (status === 'saving') this.start(key);
    return null;
  }

  dismiss(key: string) {
    const p = this.pending.get(key);
    if (p && (p.status === 'error' || p.status === 'conflict')) {
      this.pending.delete(key);
      this.changed();
    }
  }

  /** After the same user signed in again: re-read the lessons of what waited, then save it. */
  resume() {
    const lessons = new Set<number>();
    for (const p of this.pending.values()) {
      if (p.status === 'paused') p.status = 'waiting';
      if (p.status === 'waiting') lessons.add(p.lessonId);
    }
    for (const id of lessons) {
      this.loaded.delete(id);
      const since = this.readToken();
      void this.transport.lesson(id).then(
        (l) =>
          this.load(
            l.students.flatMap((s) => s.marks),
            [id],
            { since },
          ),
        (e) => {
          // The lesson cannot be read any more (deleted, no access): say so on its cells.
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401) this.fail(id, e.message);
        },
      );
    }
    this.changed();
  }

  private fail(lessonId: number, message: string) {
    for (const p of this.pending.values())
      if (p.lessonId === lessonId && p.status === 'waiting') Object.assign(p, { status: 'error', message });
    this.changed();
  }

  dispose() {
    this.disposed = true;
    this.forgetListeners();
  }

  private start(key: string) {
    const p = this.pending.get(key);
    if (p && !this.running.has(key)) void this.run(key, p.lessonId, p.studentId);
  }

  private async run(key: string, lessonId: number, studentId: number) {
    this.running.add(key);
    try {
      for (;;) {
        const want = this.pending.get(key);
        if (this.disposed || !want || want.status !== 'saving') return;
        const undo = want.undo ? { undo: true } : {};
        const d = diffCell(this.marks(key), want.items);
        const ops: (() => Promise<void>)[] = [
          ...d.remove.map((r) => {
            const opId = newOpId();
            return async () => {
              await this.transport.remove(r.id, { version: r.version, opId, ...(want.undo ? { undo: '1' as const } : {}) });
              this.server.set(
                key,
                this.marks(key).filter((m) => m.id !== r.id),
              );
            };
          }),
          ...d.update.map((u) => {
            const opId = newOpId();
            return async () => {
              const res = await this.transport.update(u.id, {
                opId,
                version: u.version,
                value: u.value,
                workType: u.workType,
                weight: u.kind === 'grade' ? u.weight : null,
                ...undo,
              });
              this.server.set(
                key,
                this.marks(key).map((m) => (m.id === u.id && res.mark ? toCell(res.mark) : m)),
              );
            };
          }),
          ...d.create.map((c) => {
            const opId = newOpId();
            return async () => {
              const res = await this.transport.create({
                opId,
                lessonId,
                studentId,
                value: c.value,
                workType: c.workType,
                weight: c.kind === 'grade' ? c.weight : null,
                ...undo,
              });
              if (res.mark && !this.marks(key).some((m) => m.id === res.mark!.id))
                this.server.set(key, [...this.marks(key), toCell(res.mark)]);
            };
          }),
        ];
        for (const op of ops) {
          for (let attempt = 0; ; attempt++) {
            if (this.disposed) return;
            try {
              await op();
              this.writtenAt.set(key, ++this.seq);
              break;
            } catch (e) {
              if (retriable(e)) {
                this.pending.set(key, { ...this.pending.get(key)!, status: 'retrying', message: 'Нет связи с сервером — повторяем…' });
                this.changed();
                await this.transport.sleep(Math.min(10_000, 500 * 2 ** attempt));
                const now = this.pending.get(key);
                if (now?.status === 'retrying') now.status = 'saving';
                if (now?.status !== 'saving') return;
                continue;
              }
              const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Не удалось сохранить.');
              if (err.status === 401) {
                // The session ended: keep the change for the next sign-in (kept in the browser meanwhile).
                this.pending.set(key, { ...this.pending.get(key)!, status: 'paused', message: undefined });
                this.changed();
                return;
              }
              const current = (err.details as { current?: Mark | null } | undefined)?.current;
              if (err.status === 409 && current !== undefined) this.replaceFromConflict(key, current);
              if (err.status === 409) this.writtenAt.set(key, ++this.seq);
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
        if (now.status === 'retrying') now.status = 'saving';
      }
    } finally {
      this.running.delete(key);
    }
  }

  private replaceFromConflict(key: string, current: Mark | null) {
    if (!current) return;
    const list = this.marks(key).filter((m) => m.id !== current.id);
    this.server.set(
      key,
      [...list, toCell(current)].sort((a, b) => a.id - b.id),
    );
  }
}

export const toCell = (m: GridMark): CellMark => ({
  id: m.id,
  kind: m.kind,
  value: m.value,
  workType: m.workType,
  weight: m.weight,
  version: m.version,
});

let shared: { user: number | null; saver: CellSaver } | null = null;

/** The signed-in user's cell saver, shared by the lesson page and the grid. */
export function cellSaver(): CellSaver {
  const user = draftUser();
  if (shared?.user === user) return shared.saver;
  const saver = new CellSaver({ restore: true });
  shared = { user, saver };
  registerSaver(saver, () => {
    if (shared?.saver === saver) shared = null;
  });
  if (saver.unsaved()) saver.resume();
  return saver;
}

const readTokens = new WeakMap<object, number>();

/** Reads marks for a page, remembering how far the saver's writes had got when the read began. */
export async function readMarks<T extends object>(read: () => Promise<T>): Promise<T> {
  const since = cellSaver().readToken();
  const data = await read();
  readTokens.set(data, since);
  return data;
}

/** The token of a read made by `readMarks` (none: the read replaces everything not being written). */
export const readTokenOf = (data: object) => readTokens.get(data);
