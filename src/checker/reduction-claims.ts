/**
 * The checker's reductions rest on two claims a model makes about its own
 * handle(): stale(m) says delivering m changes nothing and sends nothing;
 * normalize(m) = m' says delivering m' has exactly the effect of delivering
 * m. Neither is trusted: the first time the search meets a (node state,
 * message) pair it asks handle() for both sides, at every clock the node can
 * read, and a claim that handle() contradicts stops the run with one line
 * naming the rule, the message and the node state. The transitions asked
 * for are the memoised ones the search would use, so a claim costs a model
 * call per distinct pair, once.
 */
import type { AnyProtocol } from '../model/contract.js';
import { SystemError } from './system.js';

/** One side of a claim: the recipient's new state id and what it sends (interned envelope ids). */
export interface ClaimStep {
  readonly val: number;
  readonly sends: Int32Array;
}

/** Whether two steps are the same: the same new state and the same messages sent, in any order. */
export function sameStep(a: ClaimStep, b: ClaimStep): boolean {
  if (a.val !== b.val || a.sends.length !== b.sends.length) return false;
  const x = Array.from(a.sends).sort((p, q) => p - q);
  const y = Array.from(b.sends).sort((p, q) => p - q);
  return x.every((id, k) => id === y[k]);
}

/** What the error names: how to print states and messages of this model. */
export interface ClaimSubject {
  readonly protocol: AnyProtocol;
  readonly config: unknown;
  /** The recipient's id. */
  readonly to: string;
  readonly from: string;
  readonly state: unknown;
  readonly msg: unknown;
  readonly clock: number;
  readonly usesTime: boolean;
  describeState(val: number): string;
  describeSends(sends: Int32Array): string;
}

function head(s: ClaimSubject, rule: string): string {
  const p = s.protocol;
  const at = s.usesTime ? ` at clock ${s.clock}` : '';
  return `model error: ${p.name}.${rule} is wrong for ${p.describeMessage(s.msg)} from ${s.from} to ${s.to} in state {${p.describeState(s.config, s.to, s.state)}}${at}`;
}

function effect(s: ClaimSubject, step: ClaimStep, self: number): string {
  const state = step.val === self ? 'keeps its state' : `goes to {${s.describeState(step.val)}}`;
  return `${state} and sends ${step.sends.length === 0 ? 'nothing' : s.describeSends(step.sends)}`;
}

/** stale() said the delivery is a no-op; handle() says `step`. */
export function staleClaimError(s: ClaimSubject, self: number, step: ClaimStep): SystemError {
  return new SystemError(`${head(s, 'stale()')}: it claims the message is ignored for good, but handle() ${effect(s, step, self)}`);
}

/** normalize() put `canonical` in msg's place; handle() gives the two different steps. */
export function normalizeClaimError(s: ClaimSubject, self: number, canonical: unknown, original: ClaimStep, replaced: ClaimStep): SystemError {
  const c = s.protocol.describeMessage(canonical);
  return new SystemError(`${head(s, 'normalize()')}: it puts ${c} in its place, but handle() of the original ${effect(s, original, self)} while handle() of ${c} ${effect(s, replaced, self)}`);
}

/** normalize() of its own answer gave yet another message. */
export function idempotenceError(s: ClaimSubject, canonical: unknown, again: unknown): SystemError {
  const p = s.protocol;
  return new SystemError(`${head(s, 'normalize()')}: it is not idempotent: it maps the message to ${p.describeMessage(canonical)} and that to ${p.describeMessage(again)}`);
}
