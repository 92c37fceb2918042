// Nothing a person typed is lost: what is not yet saved is kept in the browser (localStorage,
// per user, until the server has it), leaving the page with it warns, and a session that ends
// leaves it in place for the next sign-in of the same user.

import { pluralForm } from './format.js';

/** Something that saves in the background: how many changes it still holds, and how to go on. */
export interface UnsavedSource {
  unsaved(): number;
  /** The pages of what it is saving now. */
  paths(): string[];
  /** Called after the same user signed in again: send what waited for the session. */
  resume(): void;
  /** Called when another user signs in: stop, and keep the stored drafts for their owner. */
  dispose(): void;
  /** Saved only when the person presses «Сохранить»: leaving the page loses it. */
  manual?: boolean;
}

let userId: number | null = null;
const sources = new Set<UnsavedSource>();

export const draftUser = () => userId;

/** Sets whose drafts are read and written; a different user drops the sources of the previous one. */
export function setDraftUser(id: number | null) {
  if (id === null) return;
  if (userId !== null && userId !== id) {
    for (const s of sources) s.dispose();
    sources.clear();
  }
  const same = userId === id;
  userId = id;
  if (same) for (const s of [...sources]) s.resume();
}

export function registerUnsaved(s: UnsavedSource) {
  sources.add(s);
  return () => void sources.delete(s);
}

/** Registers a saver until it is disposed (another user signed in); `forget` drops the caller's reference to it. */
export function registerSaver(saver: UnsavedSource, forget: () => void): void {
  const unregister = registerUnsaved({
    unsaved: () => saver.unsaved(),
    paths: () => saver.paths(),
    resume: () => saver.resume(),
    dispose: () => {
      saver.dispose();
      unregister();
      forget();
    },
  });
}

export const unsavedCount = () => [...sources].reduce((n, s) => n + s.unsaved(), 0);

// ——— Drafts in localStorage ———

const draftKey = (area: string) => `ej.unsaved.${userId}.${area}`;

export function readDrafts<T>(area: string): Record<string, T> {
  if (userId === null) return {};
  try {
    const raw = localStorage.getItem(draftKey(area));
    return raw ? (JSON.parse(raw) as Record<string, T>) : {};
  } catch {
    return {};
  }
}

export function writeDrafts<T>(area: string, drafts: Record<string, T>) {
  if (userId === null) return;
  try {
    if (Object.keys(drafts).length) localStorage.setItem(draftKey(area), JSON.stringify(drafts));
    else localStorage.removeItem(draftKey(area));
  } catch {
    // A full or disabled storage: the work is still saved in the background while the page is open.
  }
}

/** Pages with drafts of the signed-in user that nothing in this tab is saving now. */
export function storedDraftPaths(): string[] {
  if (userId === null) return [];
  const live = new Set([...sources].flatMap((s) => s.paths()));
  const paths = new Set<string>();
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k?.startsWith(`ej.unsaved.${userId}.`)) continue;
    for (const d of Object.values(readDrafts<{ path?: string }>(k.slice(`ej.unsaved.${userId}.`.length)))) if (d.path) paths.add(d.path);
  }
  return [...paths].filter((p) => !live.has(p));
}

// ——— Leaving the page ———

const changesWord = (n: number) => pluralForm(n, ['изменение', 'изменения', 'изменений']);

export const leaveQuestion = (n: number) =>
  `Не сохранено ${n} ${changesWord(n)}. Они останутся в этом браузере и сохранятся, как только будет связь с сервером. Всё равно уйти со страницы?`;

/** Asked when a form saved by its «Сохранить» button holds changes: they do not outlive the page. */
export const MANUAL_LEAVE_QUESTION = 'Изменения на этой странице не сохранены и пропадут, если уйти с неё. Всё равно уйти?';

/** Asks before leaving with unsaved changes; true when the person chose to leave. */
export function confirmLeave(): boolean {
  const n = unsavedCount();
  if (n === 0) return true;
  const manual = [...sources].some((s) => s.manual && s.unsaved() > 0);
  return window.confirm(manual ? MANUAL_LEAVE_QUESTION : leaveQuestion(n));
}

let guarded = false;

/** Warns on closing the tab and on following an in-app link while anything is unsaved. */
export function installLeaveGuard() {
  if (guarded) return;
  guarded = true;
  window.addEventListener('beforeunload', (e) => {
    if (unsavedCount() === 0) return;
    e.preventDefault();
    e.returnValue = '';
  });
  // Capture phase, before the router's own click handler: a refused leave never navigates.
  document.addEventListener(
    'click',
    (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download') || a.origin !== location.origin) return;
      if (a.pathname === location.pathname && a.search === location.search) return;
      if (!confirmLeave()) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    true,
  );
}

// ——— Session activity, shared by the tabs of this browser ———

const ACTIVITY_KEY = 'ej.activity';
let activity = Date.now();

/** A request reached the server with a live session: its idle timeout starts again. */
export function noteActivity() {
  activity = Date.now();
  try {
    localStorage.setItem(ACTIVITY_KEY, String(activity));
  } catch {
    // Without storage each tab counts its own activity.
  }
}

export function lastActivity(): number {
  const shared = Number(localStorage.getItem(ACTIVITY_KEY) ?? 0);
  return Math.max(activity, Number.isFinite(shared) ? shared : 0);
}

// ——— Forms kept over an ended session ———
// A form the person filled in is not lost when the session ends under it: when the app falls back to
// the login screen, every open kept form writes its values here (per user), and the same form takes
// them back when it opens after the same user signs in again.

const KEPT_AREA = 'forms';
const keepers = new Map<string, () => unknown>();

/** Registers what a form would keep if the session ended now (undefined: nothing worth keeping). */
export function keepOnSessionEnd(key: string, read: () => unknown): () => void {
  keepers.set(key, read);
  return () => {
    if (keepers.get(key) === read) keepers.delete(key);
  };
}

/** The session ended: the open forms' values are stored for the next sign-in of this user. */
export function keepFormsNow() {
  const drafts = readDrafts<unknown>(KEPT_AREA);
  for (const [key, read] of keepers) {
    const v = read();
    if (v !== undefined) drafts[key] = v;
  }
  writeDrafts(KEPT_AREA, drafts);
}

/** What the form of this key kept when the session ended, if anything. */
export function readKept<T>(key: string): T | undefined {
  const drafts = readDrafts<T>(KEPT_AREA);
  return key in drafts ? drafts[key] : undefined;
}

export const hasKept = (key: string) => readKept(key) !== undefined;

export function dropKept(key: string) {
  const drafts = readDrafts<unknown>(KEPT_AREA);
  if (!(key in drafts)) return;
  delete drafts[key];
  writeDrafts(KEPT_AREA, drafts);
}
