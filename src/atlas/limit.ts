/**
 * A first-come first-served cap on requests in flight. The pool's connection count caps them
 * too, but only for the pool this client builds; this cap also holds with an injected
 * dispatcher, and it lets a request be signed at the moment it gets its turn.
 */
export class ConcurrencyLimit {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('the concurrency cap must be a positive integer');
  }

  /** Resolves with the function that gives the slot back; call it exactly once. */
  async acquire(): Promise<() => void> {
    if (this.#active < this.max) {
      this.#active += 1;
    } else {
      // The slot is handed over directly by release(), so #active stays counted.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active -= 1;
    };
  }
}
