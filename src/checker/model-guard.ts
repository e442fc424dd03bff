/**
 * Calls into a model with the contract enforced: what a rule throws, a
 * value that is not data (DataError from interning) and a write to a frozen
 * input become one ModelError naming the protocol, the node and the step,
 * and for a mutation or a crash, the rule's own source line.
 */
import type { Step } from '../model/contract.js';
import { DataError } from './canonical.js';
import { ModelError } from './model-error.js';

/** V8's messages for a write to a frozen object (strict-mode code, as every ES module is). */
const FROZEN_WRITE = /read[- ]only|not extensible|Cannot assign to|Cannot add property|Cannot delete property|Cannot redefine property|object is not extensible|frozen/i;

/** The first stack frame below the checker's own: the rule that threw, as "onVote (coordinator.js:12:5)". */
function ruleFrame(e: Error): string {
  for (const line of (e.stack ?? '').split('\n').slice(1)) {
    const m = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (m === null) continue;
    const file = m[2];
    if (/[\\/](src|dist[\\/]src)[\\/]checker[\\/]/.test(file) || file.startsWith('node:')) continue;
    const name = m[1] === undefined ? '' : `${m[1].replace(/^Object\./, '').replace(/ \[as [^\]]+\]$/, '')} `;
    return `${name}(${file.replace(/^file:\/\//, '').split(/[\\/]/).slice(-2).join('/')}:${m[3]})`;
  }
  return '';
}

/** The ModelError for an exception thrown while the checker ran `where` ("c: handle(vote from r1)") of `protocol`. */
export function modelError(protocol: string, where: string, e: unknown, root = ''): Error {
  if (e instanceof ModelError) return e;
  if (e instanceof DataError) return new ModelError(`${protocol}: ${where}: ${e.under(root)}`);
  if (e instanceof ShapeError) return new ModelError(`${protocol}: ${where} ${e.message}`);
  if (!(e instanceof Error)) return new ModelError(`${protocol}: ${where} threw ${String(e)}`);
  const at = ruleFrame(e);
  if (e instanceof TypeError && FROZEN_WRITE.test(e.message)) {
    return new ModelError(`${protocol}: ${where} mutates a value it was given${at === '' ? '' : ` in ${at}`} (${e.message}); rules must return new values`);
  }
  return new ModelError(`${protocol}: ${where} threw ${e.name}: ${e.message.split('\n')[0]}${at === '' ? '' : ` in ${at}`}`);
}

/** Runs f, turning anything it throws into a ModelError about `where()` (computed only on failure). */
export function guarded<T>(protocol: string, where: () => string, f: () => T, root = ''): T {
  try {
    return f();
  } catch (e) {
    throw modelError(protocol, where(), e, root);
  }
}

/** A model's text for a message, never itself the cause of a second failure while reporting the first. */
export function safeDescribe(describe: () => string, fallback: unknown): string {
  try {
    return describe();
  } catch {
    try {
      return JSON.stringify(fallback) ?? String(fallback);
    } catch {
      return String(fallback);
    }
  }
}

/** A rule's result of the wrong shape; the message completes "c: handle(vote from r1) ...". */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** One outcome of a delivery: the step itself (its client events included) and its label. */
export interface Outcome extends Step<unknown, unknown> {
  /** Null for a plain Step. */
  readonly label: string | null;
}

/** What handle() returned, as outcomes: a Step is one unlabelled outcome; a list is a choice among labelled ones. */
export function outcomesOf(r: unknown): Outcome[] {
  const shape = (x: unknown): x is { state: unknown; send: Outcome['send'] } => typeof x === 'object' && x !== null && 'state' in x && 'send' in x;
  if (Array.isArray(r)) {
    return r.map((x: unknown, k) => {
      const label: unknown = typeof x === 'object' && x !== null ? (x as { label?: unknown }).label : undefined;
      if (!shape(x) || typeof label !== 'string') throw new ShapeError(`returned a list whose item #${k} is not { label: string, state, send }`);
      return { ...x, label };
    });
  }
  if (!shape(r)) throw new ShapeError(`must return { state, send } or a list of { label, state, send } outcomes (got ${r === undefined ? 'undefined' : typeof r})`);
  // The whole step is kept: its client events (invoke, respond) ride along with it.
  return [{ ...r, label: null }];
}
