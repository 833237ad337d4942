/**
 * Deadlines for bounded waits and copies, and the hook's clock: a hook must finish within its budget
 * whatever happens, yet a process merely starved of CPU (a loaded machine, twenty hooks started at
 * once) must not be mistaken for a hung one and give up on its event.
 */

/** A point in time that a wait or a copy must not pass. */
export interface Deadline {
  /** Milliseconds left; zero or less once passed. */
  left(): number;
}

/** No deadline. */
export const NEVER: Deadline = { left: () => Infinity };

/** A deadline already reached: try once, do not wait. */
export const NOW: Deadline = { left: () => 0 };

/** A deadline `ms` from now on the wall clock. */
export function wallDeadline(ms: number): Deadline {
  const at = performance.now() + ms;
  return { left: () => at - performance.now() };
}

/**
 * A clock that counts only the time this process could have run: it ticks every `tick` ms and a
 * tick that comes late (the process was not scheduled) adds at most two ticks. On an idle machine
 * it keeps wall time; a hang (git, a lock, stdin) still ends the budget in about as long.
 */
export class RunClock {
  #spent = 0;
  #last = performance.now();
  #tick: number;
  #interval: ReturnType<typeof setInterval>;
  #waiters: { ms: number; resolve: () => void }[] = [];

  constructor(tick = 20) {
    this.#tick = tick;
    this.#interval = setInterval(() => this.#advance(), tick);
  }

  #advance(): void {
    const now = performance.now();
    this.#spent += Math.min(now - this.#last, this.#tick * 2);
    this.#last = now;
    const due = this.#waiters.filter((w) => w.ms <= this.#spent);
    this.#waiters = this.#waiters.filter((w) => w.ms > this.#spent);
    for (const waiter of due) waiter.resolve();
  }

  /** Milliseconds of the budget spent. */
  spent(): number {
    return this.#spent + Math.min(performance.now() - this.#last, this.#tick * 2);
  }

  /** The deadline at `ms` of this clock. */
  deadline(ms: number): Deadline {
    return { left: () => ms - this.spent() };
  }

  /** Resolves once `ms` of the budget are spent. */
  reached(ms: number): Promise<void> {
    return new Promise((resolve) => this.#waiters.push({ ms, resolve }));
  }

  /** Stops ticking (pending `reached` promises never resolve). */
  stop(): void {
    clearInterval(this.#interval);
    this.#waiters = [];
  }
}
