import { describe, expect, it, vi } from 'vitest';
import type { Mark, MarkWriteResult } from '../../../../src/contracts/journal.js';
import { ApiError } from '../../api.js';
import { CellSaver, cellKey, type MarkTransport } from './saver.js';

const LESSON = 7;
const STUDENT = 3;
const KEY = cellKey(LESSON, STUDENT);
const network = () => new ApiError(0, 'network', 'Нет связи с сервером.');

type Call = { op: 'create' | 'update' | 'remove'; opId: string | undefined; key: string; value?: string };

/**
 * A server in memory with the journal's write rules: a repeated operation id is applied once
 * (its first answer is given again), a stale version is a 409 with the current mark. `faults`
 * are thrown before the next writes reach it; `lost` answers are lost after the write is applied.
 */
class FakeServer implements MarkTransport {
  marks = new Map<number, Mark>();
  calls: Call[] = [];
  faults: ApiError[] = [];
  lost = 0;
  sleeps: number[] = [];
  lessons = 0;
  private replies = new Map<string, MarkWriteResult>();
  private nextId = 100;
  private inFlight = new Map<string, number>();
  /** The most writes of one cell that were at the server at once. */
  maxPerCell = 0;
  /** The most writes of all cells that were at the server at once. */
  maxTotal = 0;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  hold() {
    this.gate = new Promise((r) => (this.open = r));
  }

  release() {
    this.gate = null;
    this.open?.();
  }

  seed(value: string, o: Partial<Mark> = {}): Mark {
    const m: Mark = {
      id: this.nextId++,
      lessonId: LESSON,
      studentId: STUDENT,
      kind: value === 'н' ? 'absence' : 'grade',
      value,
      workType: value === 'н' ? null : 'oral',
      weight: 1,
      hours: null,
      version: 1,
      createdAt: '',
      updatedAt: '',
      ...o,
    };
    this.marks.set(m.id, m);
    return m;
  }

  inCell(lessonId = LESSON, studentId = STUDENT) {
    return [...this.marks.values()]
      .filter((m) => m.lessonId === lessonId && m.studentId === studentId)
      .map((m) => m.value)
      .sort();
  }

  private async write(call: Call, apply: () => MarkWriteResult): Promise<MarkWriteResult> {
    this.calls.push(call);
    const now = (this.inFlight.get(call.key) ?? 0) + 1;
    this.inFlight.set(call.key, now);
    this.maxPerCell = Math.max(this.maxPerCell, now);
    this.maxTotal = Math.max(
      this.maxTotal,
      [...this.inFlight.values()].reduce((a, b) => a + b, 0),
    );
    try {
      await Promise.resolve();
      if (this.gate) await this.gate;
      const fault = this.faults.shift();
      if (fault) throw fault;
      const seen = call.opId ? this.replies.get(call.opId) : undefined;
      const res = seen ? { ...seen, replayed: true } : apply();
      if (call.opId) this.replies.set(call.opId, res);
      if (this.lost > 0) {
        this.lost--;
        throw network();
      }
      return res;
    } finally {
      this.inFlight.set(call.key, this.inFlight.get(call.key)! - 1);
    }
  }

  private current(id: number, version: number) {
    const m = this.marks.get(id);
    if (!m || m.version !== version) throw new ApiError(409, 'conflict', 'Отметку уже изменили.', {}, { current: m ?? null });
    return m;
  }

  create: MarkTransport['create'] = (b) =>
    this.write({ op: 'create', opId: b.opId, key: cellKey(b.lessonId, b.studentId), value: b.value }, () => {
      const m = this.seed(b.value, { lessonId: b.lessonId, studentId: b.studentId, workType: b.workType ?? null, weight: b.weight ?? 1 });
      return { mark: m, replayed: false };
    });

  update: MarkTransport['update'] = (id, b) =>
    this.write({ op: 'update', opId: b.opId, key: this.keyOf(id), value: b.value }, () => {
      const m = { ...this.current(id, b.version), value: b.value, version: b.version + 1 };
      this.marks.set(id, m);
      return { mark: m, replayed: false };
    });

  remove: MarkTransport['remove'] = (id, q) =>
    this.write({ op: 'remove', opId: q.opId, key: this.keyOf(id) }, () => {
      this.current(id, Number(q.version));
      this.marks.delete(id);
      return { mark: null, replayed: false };
    });

  lesson: MarkTransport['lesson'] = async (id) => {
    this.lessons++;
    const marks = [...this.marks.values()].filter((m) => m.lessonId === id);
    return { id, students: [{ studentId: STUDENT, marks }] } as unknown as Awaited<ReturnType<MarkTransport['lesson']>>;
  };

  sleep = async (ms: number) => void this.sleeps.push(ms);

  private keyOf(id: number) {
    const m = this.marks.get(id);
    return m ? cellKey(m.lessonId, m.studentId) : `mark:${id}`;
  }
}

const setup = (seed: string[] = [], lessons = [LESSON]) => {
  const server = new FakeServer();
  for (const v of seed) server.seed(v);
  const saver = new CellSaver({ transport: server });
  saver.load([...server.marks.values()], lessons);
  return { server, saver };
};
const settled = (saver: CellSaver) => vi.waitFor(() => expect(saver.state().saving).toBe(0));
const shown = (saver: CellSaver, key = KEY) =>
  saver
    .marks(key)
    .map((m) => m.value)
    .sort();

describe('CellSaver', () => {
  it('saves a typed cell as the difference from what the server holds', async () => {
    const { server, saver } = setup(['4']);
    expect(saver.set(LESSON, STUDENT, '5 н')).toBeNull();
    expect(saver.state().saving).toBe(1);
    await settled(saver);
    expect(server.inCell()).toEqual(['5', 'н']);
    expect(server.calls.map((c) => c.op).sort()).toEqual(['create', 'update']);
    expect(shown(saver)).toEqual(['5', 'н']);
    expect(saver.unsaved()).toBe(0);
  });

  it('refuses what does not parse and sends nothing', () => {
    const { server, saver } = setup();
    expect(saver.set(LESSON, STUDENT, '7')).toMatch(/./);
    expect(saver.unsaved()).toBe(0);
    expect(server.calls).toEqual([]);
  });

  it('queues writes to one cell: the next starts from what the previous one left', async () => {
    const { server, saver } = setup();
    server.hold();
    saver.set(LESSON, STUDENT, '5');
    await Promise.resolve();
    saver.set(LESSON, STUDENT, '4');
    saver.set(LESSON, STUDENT, '3');
    expect(saver.pending.get(KEY)?.text).toBe('3');
    server.release();
    await settled(saver);
    // One create for «5», then one update straight to the last text: «4» was overtaken before it was sent.
    expect(server.calls.map((c) => `${c.op} ${c.value}`)).toEqual(['create 5', 'update 3']);
    expect(server.inCell()).toEqual(['3']);
    expect(server.maxPerCell).toBe(1);
  });

  it('keeps each cell in order but saves different cells side by side', async () => {
    const { server, saver } = setup([], [LESSON, LESSON + 1]);
    server.hold();
    saver.set(LESSON, STUDENT, '5');
    saver.set(LESSON + 1, STUDENT, '4');
    saver.set(LESSON, STUDENT, 'н');
    await vi.waitFor(() => expect(server.calls).toHaveLength(2));
    server.release();
    await settled(saver);
    expect(server.maxPerCell).toBe(1);
    expect(server.maxTotal).toBe(2);
    expect(server.inCell()).toEqual(['н']);
    expect(server.inCell(LESSON + 1)).toEqual(['4']);
  });

  it('retries a dropped connection with the same operation id, and the mark is made once', async () => {
    const { server, saver } = setup();
    server.faults.push(network(), new ApiError(503, 'unavailable', 'Сервер занят.'));
    const states: string[] = [];
    saver.subscribe(() => states.push(saver.pending.get(KEY)?.status ?? 'done'));
    saver.set(LESSON, STUDENT, '5');
    await settled(saver);
    expect(server.calls).toHaveLength(3);
    expect(new Set(server.calls.map((c) => c.opId)).size).toBe(1);
    expect(server.sleeps).toEqual([500, 1000]);
    expect(states).toContain('retrying');
    expect(states.at(-1)).toBe('done');
    expect(server.inCell()).toEqual(['5']);
  });

  it('a write whose answer was lost is replayed by its operation id, not applied twice', async () => {
    const { server, saver } = setup();
    server.lost = 1;
    saver.set(LESSON, STUDENT, '5');
    await settled(saver);
    expect(server.calls.map((c) => c.op)).toEqual(['create', 'create']);
    expect(server.calls[0].opId).toBe(server.calls[1].opId);
    expect(server.inCell()).toEqual(['5']);
    expect(shown(saver)).toEqual(['5']);
  });

  it('a mark changed elsewhere is a conflict: the cell shows the current value and the page is told', async () => {
    const { server, saver } = setup(['4']);
    const [mark] = server.marks.values();
    server.marks.set(mark.id, { ...mark, value: '2', version: 2 });
    const onConflict = vi.fn();
    saver.onConflict = onConflict;
    saver.set(LESSON, STUDENT, '5');
    await vi.waitFor(() => expect(saver.pending.get(KEY)?.status).toBe('conflict'));
    expect(onConflict).toHaveBeenCalledOnce();
    expect(shown(saver)).toEqual(['2']);
    expect(saver.state().problems).toEqual([{ key: KEY, message: 'Отметку уже изменили.' }]);
    expect(server.inCell()).toEqual(['2']);
    saver.dismiss(KEY);
    expect(saver.unsaved()).toBe(0);
  });

  it('a refusal is shown on the cell and not retried', async () => {
    const { server, saver } = setup();
    server.faults.push(new ApiError(422, 'entry_closed', 'Срок внесения истёк.'));
    saver.set(LESSON, STUDENT, '5');
    await vi.waitFor(() => expect(saver.pending.get(KEY)?.status).toBe('error'));
    expect(saver.pending.get(KEY)).toMatchObject({ message: 'Срок внесения истёк.', closed: true });
    expect(server.calls).toHaveLength(1);
    expect(server.sleeps).toEqual([]);
  });

  it('an ended session pauses the cell; after the next sign-in the lesson is re-read and the cell saved', async () => {
    const { server, saver } = setup();
    server.faults.push(new ApiError(401, 'unauthorized', 'Войдите снова.'));
    saver.set(LESSON, STUDENT, '5');
    await vi.waitFor(() => expect(saver.state().paused).toBe(1));
    expect(server.inCell()).toEqual([]);
    saver.resume();
    await vi.waitFor(() => expect(server.inCell()).toEqual(['5']));
    await settled(saver);
    expect(server.lessons).toBe(1);
    expect(saver.unsaved()).toBe(0);
  });

  it('a cell typed before its lesson was read waits for the read, then saves against it', async () => {
    const server = new FakeServer();
    server.seed('4');
    const saver = new CellSaver({ transport: server });
    saver.set(LESSON, STUDENT, '5');
    expect(saver.pending.get(KEY)?.status).toBe('waiting');
    await Promise.resolve();
    expect(server.calls).toEqual([]);
    saver.load([...server.marks.values()], [LESSON]);
    await settled(saver);
    expect(server.calls.map((c) => `${c.op} ${c.value}`)).toEqual(['update 5']);
    expect(server.inCell()).toEqual(['5']);
  });

  it('a read that began before a write does not bring back the old value', async () => {
    const { server, saver } = setup(['4']);
    const since = saver.readToken();
    const old = [...server.marks.values()].map((m) => ({ ...m }));
    saver.set(LESSON, STUDENT, '5');
    await settled(saver);
    saver.load(old, [LESSON], { since });
    expect(shown(saver)).toEqual(['5']);
    saver.load(old, [LESSON]);
    expect(shown(saver)).toEqual(['4']);
  });

  it('tells its watchers of each change and stops after it is disposed', async () => {
    const { saver } = setup();
    const seen = vi.fn();
    const off = saver.subscribe(seen);
    const before = saver.revision;
    saver.set(LESSON, STUDENT, '5');
    await settled(saver);
    expect(seen).toHaveBeenCalled();
    expect(saver.revision).toBeGreaterThan(before);
    off();
    seen.mockClear();
    saver.set(LESSON, STUDENT, '4');
    await settled(saver);
    expect(seen).not.toHaveBeenCalled();
  });
});
