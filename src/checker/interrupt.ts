/**
 * A request to stop every search, from a signal. Searches run synchronously,
 * so the signal's handler (on another thread, the CLI's main one) cannot
 * run between their steps: it sets a shared flag that the searches poll
 * where they already poll their time limit, and each stops as if a budget
 * ran out ('interrupted'), with the figures it has.
 */

let flag = new Int32Array(new SharedArrayBuffer(4));

/** Shares the flag with the thread that receives signals (the CLI passes its buffer to the thread it runs in). */
export function useInterruptFlag(buffer: SharedArrayBuffer): void {
  flag = new Int32Array(buffer);
}

/** The flag's buffer, for a thread that should see the same requests. */
export function interruptBuffer(): SharedArrayBuffer {
  return flag.buffer as SharedArrayBuffer;
}

/** Asks every search to stop; `signal` is its number (2 SIGINT, 15 SIGTERM). */
export function requestInterrupt(signal: number): void {
  Atomics.compareExchange(flag, 0, 0, signal);
}

/** The number of the signal that asked to stop, 0 if none. */
export function interruptedBy(): number {
  return Atomics.load(flag, 0);
}

/** Test use: clears the request. */
export function clearInterrupt(): void {
  Atomics.store(flag, 0, 0);
}
