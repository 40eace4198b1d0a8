/**
 * A first-come first-served cap on requests in flight that follows Atlas' own signals. The
 * pool's connection count caps them too, but only for the pool this client builds; this cap also
 * holds with an injected dispatcher, and it lets a request be signed at the moment it gets its turn.
 *
 * It starts wide (`initial`, by default the ceiling): a console page's access-list wave goes out
 * at once instead of in sub-waves. It narrows when Atlas pushes back — halved on a 429, and
 * brought down to what `RateLimit-Remaining` says is left — and widens again by one slot per
 * answer that shows room, up to the ceiling.
 */
export interface ConcurrencySignal {
  status: number;
  /** `RateLimit-Remaining`, when Atlas sent it. */
  remaining?: number;
}

export interface ConcurrencyLimitOptions {
  /** Never fewer slots than this; default 2 (or the ceiling when it is smaller). */
  min?: number;
  /** Slots at start; default the ceiling. */
  initial?: number;
}

export class ConcurrencyLimit {
  #active = 0;
  #current: number;
  readonly #waiting: Array<() => void> = [];
  readonly min: number;

  constructor(
    readonly max: number,
    options: ConcurrencyLimitOptions = {},
  ) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('the concurrency cap must be a positive integer');
    this.min = Math.min(max, options.min ?? 2);
    if (!Number.isInteger(this.min) || this.min < 1) throw new RangeError('the least concurrency must be a positive integer');
    this.#current = Math.max(this.min, Math.min(max, options.initial ?? max));
  }

  /** Slots allowed now. */
  get current(): number {
    return this.#current;
  }

  /** Resolves with the function that gives the slot back; call it exactly once. */
  async acquire(): Promise<() => void> {
    if (this.#active < this.#current && this.#waiting.length === 0) {
      this.#active += 1;
    } else {
      // The slot is handed over by release() or a widening, so #active stays counted.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
      this.#admit();
    };
  }

  /** What an answer says about Atlas' room for more. */
  observe(signal: ConcurrencySignal): void {
    const { status, remaining } = signal;
    if (status === 429) {
      this.#current = Math.max(this.min, Math.floor(this.#current / 2));
    } else if (remaining !== undefined && remaining < this.#current) {
      this.#current = Math.max(this.min, remaining);
    } else if (status < 500 && this.#current < this.max) {
      this.#current += 1;
      this.#admit();
    }
  }

  #admit(): void {
    while (this.#active < this.#current && this.#waiting.length > 0) {
      this.#active += 1;
      this.#waiting.shift()!();
    }
  }
}
