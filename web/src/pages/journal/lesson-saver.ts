import type { ApiRequest, ApiResponse } from '../../../../src/contracts/api.js';
import type { WorkType } from '../../../../src/domain/marks.js';
import { ApiError, call } from '../../api.js';
import { draftUser, readDrafts, registerSaver, writeDrafts } from '../../unsaved.js';
import { currentPath, newOpId, retriable, sleep, type SaveState, type Saver } from './saver.js';
import { Store } from './store.js';

// The lesson's text (topic, work done, work types, homework, hours) saves in the background as
// the marks do: a pause in typing or leaving a field sends what changed, with the version it was
// based on and an operation id (a retry after a lost answer is applied once); a change made
// elsewhere meanwhile comes back as a conflict with the current text, and the teacher chooses.
// Until the server has it, the draft is kept in the browser.

export interface TextFields {
  topic: string;
  workDone: string;
  workTypes: string[];
  homework: string;
  hours: string;
}
type Field = keyof TextFields;
type Status = 'idle' | 'waiting' | 'saving' | 'retrying' | 'paused' | 'conflict' | 'error';
/** A lesson's text as the server holds it. */
export type LessonText = ApiResponse<'PATCH /journal/lessons/:id'>['lesson'];
type SaveBody = ApiRequest<'PATCH /journal/lessons/:id'>['body'];
/** The fields to save, without the operation id. */
type TextBody = Omit<SaveBody, 'opId'>;
interface Op {
  opId: string;
  body: TextBody;
  sent: Partial<TextFields>;
}
interface Stored {
  fields: Partial<TextFields>;
  version: number | null;
  op: Op | null;
  path: string;
}

const STORE = 'lessons';
const DEBOUNCE_MS = 700;
const nullable = (s: string) => s.trim() || null;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class LessonTextSaver extends Store implements Saver {
  server: LessonText | null = null;
  private proposal = { topic: null as string | null, homework: null as string | null };
  private draft: Partial<TextFields> = {};
  /** The version the draft was typed over. */
  private base: number | null = null;
  private op: Op | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private path = '';
  status: Status = 'idle';
  message: string | null = null;
  /** Field errors that keep a change from being sent (an empty topic). */
  invalid: Partial<Record<Field, string>> = {};
  conflict: LessonText | null = null;
  onSaved: ((t: LessonText) => void) | null = null;

  constructor(readonly lessonId: number) {
    super();
    const stored = readDrafts<Stored>(STORE)[lessonId];
    if (stored) {
      this.draft = stored.fields;
      this.base = stored.version;
      this.op = stored.op;
      this.path = stored.path;
      this.status = 'waiting';
    }
  }

  /** What the server holds (from the page's read) and what the plan proposes for an empty lesson. */
  init(t: LessonText, proposal: { topic: string | null; homework: string | null }) {
    this.proposal = proposal;
    if (this.server && this.server.version >= t.version) return;
    if (this.server) {
      // A newer text from elsewhere: what the draft only kept for display gives way to it.
      const { body, invalid } = this.check();
      for (const k of Object.keys(this.draft)) if (!(k in body) && !(k in invalid)) delete this.draft[k as Field];
    }
    this.server = t;
    if (this.status === 'waiting' && !this.timer) queueMicrotask(() => this.send());
  }

  private changed() {
    this.notify();
    if (this.disposed) return;
    const all = readDrafts<Stored>(STORE);
    if (this.dirty()) all[this.lessonId] = { fields: this.draft, version: this.base, op: this.op, path: this.path };
    else delete all[this.lessonId];
    writeDrafts(STORE, all);
  }

  /** What the field shows: the draft, else the stored text, else the plan's proposal for an empty lesson. */
  value<F extends Field>(f: F): TextFields[F] {
    if (this.draft[f] !== undefined) return this.draft[f] as TextFields[F];
    return this.stored(f);
  }

  private stored<F extends Field>(f: F): TextFields[F] {
    const s = this.server;
    // The plan's proposal fills a lesson not yet recorded; once recorded, an empty field stays empty.
    const p = s?.recorded ? { topic: null, homework: null } : this.proposal;
    const v: TextFields = {
      topic: s?.topic ?? p.topic ?? '',
      workDone: s?.workDone ?? '',
      workTypes: s?.workTypes.length ? s.workTypes : ['oral'],
      homework: s?.homework ?? p.homework ?? '',
      hours: String(s?.hours ?? ''),
    };
    return v[f];
  }

  /** The teacher changed fields; on a lesson not yet recorded, what the page shows is saved with them. */
  edit(change: Partial<TextFields>, o: { now?: boolean } = {}) {
    if (!this.server) return;
    if (!this.dirty()) {
      this.base = this.server.version;
      this.path = currentPath() ?? '';
      if (!this.server.recorded)
        this.draft = {
          topic: this.value('topic'),
          workDone: this.value('workDone'),
          workTypes: this.value('workTypes'),
          homework: this.value('homework'),
          hours: this.value('hours'),
        };
    }
    this.draft = { ...this.draft, ...change };
    if (this.status === 'idle' || this.status === 'error') this.status = 'waiting';
    this.message = this.status === 'waiting' ? null : this.message;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.send(), o.now ? 0 : DEBOUNCE_MS);
    this.invalid = this.check().invalid;
    this.changed();
  }

  /** Sends at once (leaving a field, Ctrl+Enter). */
  flush() {
    if (this.timer) this.send();
  }

  /**
   * The body of the next save: the fields of the draft that differ from the server. Fields equal to
   * it stay in the draft (they keep what the field shows) but are nothing to save.
   */
  private check() {
    const s = this.server;
    const body: Omit<TextBody, 'version'> = {};
    const invalid: Partial<Record<Field, string>> = {};
    const d = this.draft;
    if (!s) return { body, invalid };
    if (d.topic !== undefined && d.topic.trim() !== (s.topic ?? '')) {
      if (d.topic.trim()) body.topic = d.topic.trim();
      else invalid.topic = 'Укажите тему занятия: пустая тема не сохраняется.';
    }
    if (d.workDone !== undefined && nullable(d.workDone) !== s.workDone) body.workDone = nullable(d.workDone);
    if (d.homework !== undefined && nullable(d.homework) !== s.homework) body.homework = nullable(d.homework);
    if (d.workTypes !== undefined && !same(d.workTypes, s.workTypes)) body.workTypes = d.workTypes as WorkType[]; // the answer types them as strings (contracts LessonText)
    if (d.hours !== undefined && Number(d.hours) !== s.hours) {
      const h = Number(d.hours);
      if (!d.hours.trim() || !Number.isInteger(h) || h < 1 || h > 8) invalid.hours = 'Часов — целое число от 1 до 8.';
      else body.hours = h;
    }
    return { body, invalid };
  }

  private dirty() {
    const { body, invalid } = this.check();
    return !!this.op || Object.keys(body).length > 0 || Object.keys(invalid).length > 0;
  }

  private send() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.disposed || !this.server || this.status === 'conflict' || (this.op && this.status !== 'waiting')) return;
    if (!this.op) {
      const { body, invalid } = this.check();
      this.invalid = invalid;
      if (!Object.keys(body).length) {
        if (!Object.keys(invalid).length) this.base = null;
        this.status = 'idle';
        this.changed();
        return;
      }
      const sent = Object.fromEntries(Object.keys(body).map((k) => [k, this.draft[k as Field]])) as Partial<TextFields>;
      this.op = { opId: newOpId(), body: { ...body, version: this.base ?? this.server.version }, sent };
    }
    void this.push();
  }

  private async push() {
    const op = this.op!;
    this.status = 'saving';
    this.changed();
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await call('PATCH /journal/lessons/:id', { params: { id: this.lessonId }, body: { opId: op.opId, ...op.body } });
        if (this.disposed) return;
        this.server = res.lesson;
        for (const [k, v] of Object.entries(op.sent)) if (same(this.draft[k as Field], v)) delete this.draft[k as Field];
        this.op = null;
        this.base = this.dirty() ? res.lesson.version : null;
        this.status = 'idle';
        this.message = null;
        this.onSaved?.(res.lesson);
        this.changed();
        if (this.dirty() && !this.timer) this.send();
        return;
      } catch (e) {
        if (this.disposed) return;
        if (retriable(e)) {
          this.status = 'retrying';
          this.message = 'Нет связи с сервером — повторяем…';
          this.changed();
          await sleep(Math.min(10_000, 500 * 2 ** attempt));
          if (this.status !== 'retrying') return;
          continue;
        }
        const err = e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Не удалось сохранить запись занятия.');
        if (err.status === 401) {
          // The session ended: the same operation goes again after the next sign-in.
          this.status = 'paused';
          this.message = null;
          this.changed();
          return;
        }
        this.op = null;
        const current = (err.details as { current?: LessonText } | undefined)?.current;
        if (err.status === 409 && current) this.conflict = current;
        this.status = err.status === 409 && current ? 'conflict' : 'error';
        this.message = Object.values(err.fields)[0] ?? err.message;
        this.changed();
        return;
      }
    }
  }

  /** Conflict: keep what was typed here, over the text saved elsewhere. */
  keepMine() {
    if (!this.conflict) return;
    this.server = this.conflict;
    this.base = this.conflict.version;
    this.conflict = null;
    this.status = 'waiting';
    this.message = null;
    this.send();
  }

  /** Conflict or refusal: drop what was typed here and show the saved text. */
  takeSaved() {
    if (this.conflict) this.server = this.conflict;
    this.conflict = null;
    this.draft = {};
    this.base = null;
    this.op = null;
    this.invalid = {};
    this.status = 'idle';
    this.message = null;
    this.changed();
  }

  unsaved() {
    return this.dirty() ? 1 : 0;
  }

  paths() {
    return this.dirty() && this.path ? [this.path] : [];
  }

  state(): SaveState {
    const problems: SaveState['problems'] = Object.entries(this.invalid).map(([k, m]) => ({ key: `text:${k}`, message: m }));
    if ((this.status === 'conflict' || this.status === 'error') && this.message) problems.push({ key: 'text', message: this.message });
    const busy = this.status === 'waiting' || this.status === 'saving' || this.status === 'retrying';
    return {
      saving: busy && !problems.length ? 1 : 0,
      retrying: this.status === 'retrying',
      paused: this.status === 'paused' ? 1 : 0,
      problems,
    };
  }

  resume() {
    if (this.status !== 'paused') return;
    this.status = 'waiting';
    this.send();
  }

  dispose() {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.forgetListeners();
  }
}

const savers = new Map<number, LessonTextSaver>();
let savedFor: number | null = null;

/** The signed-in user's saver of one lesson's text: it outlives the page, so leaving does not stop it. */
export function lessonTextSaver(lessonId: number): LessonTextSaver {
  if (savedFor !== draftUser()) {
    savers.clear();
    savedFor = draftUser();
  }
  let s = savers.get(lessonId);
  if (s) return s;
  const saver = new LessonTextSaver(lessonId);
  savers.set(lessonId, saver);
  registerSaver(saver, () => {
    if (savers.get(lessonId) === saver) savers.delete(lessonId);
  });
  s = saver;
  return s;
}
