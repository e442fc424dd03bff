/**
 * When a mutant counts as killed, decided from what the checker said and
 * from counts, never from how fast this machine happened to be.
 *
 * Each spec gets a state budget: a fixed multiple of the states the
 * unmutated models explore for it (measured once, deterministic). A mutant
 * whose search stops at that budget, at the spec's depth bound where the
 * unmutated search finished, or at the memory bound, no longer gets the
 * verdict its spec expects; such kills are reported by their own kind so a
 * reader can tell them from violations. The wall clock is only a backstop
 * against a mutant that loops inside one rule (where no budget is checked):
 * a kill by it alone is reported apart, to be re-checked.
 */
import type { CheckResult } from '../../src/checker/run.js';

/** Unmutated figures of one spec. */
export interface Baseline {
  readonly states: number;
  readonly transitions: number;
  /** Wall and CPU seconds of the unmutated search, for the report and the backstop only. */
  readonly seconds: number;
  readonly cpu: number;
}

export interface Budget {
  readonly maxStates: number;
  /** The backstop, seconds: in-process time limit of the search, and (plus a margin) the child's wall limit for this spec. */
  readonly timeLimit: number;
}

/** A mutant may explore this many times the unmutated states before it counts as a state explosion. */
export const STATE_MULTIPLE = 4;
/** ...and at least this many more, so a 9-state liveness spec is not judged on a handful of states. */
export const STATE_FLOOR = 50_000;
/** The backstop: this many times the unmutated wall seconds, and at least BACKSTOP_FLOOR. */
export const BACKSTOP_MULTIPLE = 20;
export const BACKSTOP_FLOOR = 120;

export function budgetFor(b: Baseline): Budget {
  return {
    maxStates: Math.max(STATE_MULTIPLE * b.states, b.states + STATE_FLOOR),
    timeLimit: Math.max(BACKSTOP_FLOOR, Math.ceil(BACKSTOP_MULTIPLE * b.seconds)),
  };
}

/** What one spec's run came to, as the child reports it. */
export type SpecRun =
  | { readonly result: Pick<CheckResult, 'verdict' | 'asExpected' | 'expected' | 'property' | 'limit' | 'states' | 'vacuous'> }
  | { readonly error: { readonly name: string; readonly message: string } };

export const KINDS = ['violation', 'passed', 'vacuous', 'model error', 'crash', 'state explosion', 'depth', 'memory', 'backstop', 'lost'] as const;
export type Kind = (typeof KINDS)[number];

export function kindOf(how: string | undefined): Kind | 'other' {
  return KINDS.find((k) => how?.startsWith(k) === true) ?? 'other';
}

/** Kinds that rest on the machine rather than on the mutant: listed apart, re-checked by hand. */
export const RECHECK: readonly Kind[] = ['backstop'];

const refusedMemory = (e: { name: string; message: string }): boolean =>
  e.name === 'RangeError' && /Array buffer allocation failed|Invalid typed array length|Invalid array length|Map maximum size/i.test(e.message);

/** null: the spec came out as its file says (the mutant lives on); else how it was killed. */
export function judge(run: SpecRun, budget: Budget, base: Baseline): string | null {
  if ('error' in run) {
    const e = run.error;
    const first = e.message.split('\n')[0].slice(0, 300);
    if (e.name === 'SystemError') return first.startsWith('model error') ? first : `model error: ${first}`;
    if (refusedMemory(e)) return `memory: the search was refused memory (${e.name}: ${first})`;
    // An exception out of the mutated rules (or out of the checker, fed what they returned): a crash of mutated code.
    return `crash (${e.name}): ${first}`;
  }
  const r = run.result;
  if (r.verdict === 'incomplete') {
    if (r.limit === 'states') return `state explosion: over ${budget.maxStates} states (${STATE_MULTIPLE}x the unmutated ${base.states})`;
    if (r.limit === 'depth') return `depth: stopped at the spec's depth bound after ${r.states} states (the unmutated search finished)`;
    if (r.limit === 'memory') return `memory: stopped at the memory bound after ${r.states} states`;
    return `backstop: stopped at the ${r.limit ?? '?'} limit (${budget.timeLimit} s) after ${r.states} states`;
  }
  if (r.asExpected) return null;
  if (r.verdict === 'violation') return `violation: ${r.property ?? ''} (expected ${r.expected})`;
  if (r.vacuous !== undefined) return `vacuous pass: never reached ${r.vacuous.join(', ')}`;
  return `passed (expected ${r.expected})`;
}

/** A child that ended without a result: killed by our backstop, or died of something else (retried, then "lost"). */
export function childDied(byBackstop: boolean, spec: string | undefined, wallLimit: number, code: number | null, signal: string | null, stderr: string): { how: string; retry: boolean } {
  if (byBackstop) return { how: `backstop: over ${wallLimit} s wall on ${spec ?? 'the first spec'} (the child was stopped)`, retry: false };
  const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
  const oom = /heap out of memory|Allocation failed/i.test(stderr) ? ' (out of memory)' : '';
  return { how: `lost: the child died${oom}, exit ${code ?? signal ?? '?'}: ${last.slice(0, 200)}`, retry: true };
}
