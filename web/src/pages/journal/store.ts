// What a component watches with useSyncExternalStore: listeners, and a revision that grows on each change.

export class Store {
  revision = 0;
  private listeners = new Set<() => void>();

  subscribe(f: () => void) {
    this.listeners.add(f);
    return () => void this.listeners.delete(f);
  }

  /** Tells every listener that something changed. */
  protected notify() {
    this.revision++;
    for (const f of this.listeners) f();
  }

  protected forgetListeners() {
    this.listeners.clear();
  }
}
