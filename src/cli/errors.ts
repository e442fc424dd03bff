/**
 * The command line's one error boundary: whatever goes wrong becomes one
 * line on stderr, safe for a terminal and of a sane length, and a documented
 * exit code. A CI job reads the code, so an environment failure must never
 * look like a verdict (1).
 */
import { SpecError } from '../checker/spec.js';
import { SystemError } from '../checker/system.js';
import { NetsimModelError } from '../checker/netsim/engine.js';
import { ModelError } from '../checker/model-error.js';
import { EscapeError, WriteError } from './safe-write.js';
import { InputError } from './spec-files.js';

/** The exit codes, as the README lists them. */
export const EXIT = {
  /** Every verdict as expected. */
  ok: 0,
  /** A property violated, or an expected violation not found. */
  unexpected: 1,
  /** Bad input: a spec, a trace file, an option. */
  input: 2,
  /** A budget (time, states, depth, memory) ran out before the search finished. */
  budget: 3,
  /** The environment failed us: a file could not be written or read, the machine would not give memory. */
  environment: 4,
  /** A bug in synod itself (please report it with SYNOD_DEBUG=1 output). */
  internal: 5,
  /** Stopped by SIGINT (128 + 2) or SIGTERM (128 + 15), as shells report it. */
  sigint: 130,
  sigterm: 143,
} as const;

/** Longest error line printed; the rest is counted, not shown. */
export const MAX_LINE = 400;

/**
 * Control characters (ANSI and OSC escapes, newlines, C1 codes) shown as
 * \uXXXX, so a hostile name cannot move the cursor or retitle the terminal;
 * and the line cut to `max` characters.
 */
export function terminalSafe(text: string, max = Infinity): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  // eslint-disable-next-line no-control-regex
  // \uXXXX, not \xNN: inside a JSON line (C1 codes pass JSON.stringify raw) the result stays valid JSON.
  const safe = cut.replace(/[\0-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => (c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return text.length > max ? `${safe}… (${text.length - max} more characters)` : safe;
}

/** `synod: <message>` as one safe line. */
export function errorLine(message: string): string {
  return `synod: ${terminalSafe(message, MAX_LINE)}\n`;
}

export function warn(message: string): void {
  process.stderr.write(errorLine(`warning: ${message}`));
}

const MEMORY = /Array buffer allocation failed|Invalid typed array length|Invalid array length|out of memory|WebAssembly\.(Memory|instantiate)|Cannot allocate/i;

/** Whether an error is the machine refusing memory (typed arrays, WebAssembly), which a run can survive. */
export function isMemoryError(e: unknown): boolean {
  return e instanceof RangeError ? MEMORY.test(e.message) : e instanceof Error && (MEMORY.test(e.message) || e.name === 'RuntimeError' && /memory/i.test(e.message));
}

/** The exit code and the line for an error that ended a command. */
export function classify(e: unknown): { readonly code: number; readonly message: string } {
  if (e instanceof SpecError || e instanceof InputError || e instanceof SystemError || e instanceof NetsimModelError || e instanceof ModelError || e instanceof EscapeError) return { code: EXIT.input, message: e.message };
  if (e instanceof WriteError) return { code: EXIT.environment, message: e.message };
  if (isMemoryError(e)) return { code: EXIT.environment, message: `out of memory: ${(e as Error).message}` };
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { code: EXIT.input, message: 'input nested too deeply to process' };
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) return { code: EXIT.environment, message: (e as Error).message };
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { code: EXIT.internal, message: `internal error (a bug in synod; SYNOD_DEBUG=1 shows the stack): ${text}` };
}

/** Prints the error as one line (and, with SYNOD_DEBUG=1, its stack) and returns its exit code. */
export function report(e: unknown): number {
  const { code, message } = classify(e);
  process.stderr.write(errorLine(message));
  if (process.env.SYNOD_DEBUG === '1' && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
  return code;
}
