// A state the page reads with useSyncExternalStore: one current snapshot, and listeners told of each change.

/** Holds a state object that is replaced, never mutated, and tells subscribers when it is. */
export class SnapshotStore<T> {
  private readonly listeners = new Set<() => void>()

  constructor(protected state: T) {}

  /** The current state (stable until the next change). */
  getSnapshot = (): T => this.state

  /** Called on every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Replaces the state and tells every listener. */
  protected replace(next: T): void {
    this.state = next
    for (const listener of this.listeners) listener()
  }
}
