import type { LocalStep, Send, Step } from '../contract.js';
import { acceptorBit, ballotsOf, popcount } from './ballots.js';
import type { PaxosConfig, PaxosMessage, ProposerState, Vote } from './types.js';

type Out = Step<ProposerState, PaxosMessage>;
const none: readonly Send<PaxosMessage>[] = [];

export function initProposer(): ProposerState {
  return { role: 'proposer', ballot: 0, phase: 0, value: null, promises: 0, best: null, proposed: [], heard: [] };
}

/** Phase 1a: start any of this proposer's ballots above the current one, with any value. */
export function startSteps(
  config: PaxosConfig,
  self: string,
  s: ProposerState,
): readonly LocalStep<ProposerState, PaxosMessage>[] {
  const steps: LocalStep<ProposerState, PaxosMessage>[] = [];
  for (const b of ballotsOf(config, self)) {
    if (b <= s.ballot) continue;
    const send = config.acceptors.map((to) => ({ to, msg: { t: '1a', b } as const }));
    for (const v of config.values) {
      steps.push({
        label: `starts ballot ${b} with ${v}`,
        state: { ...s, ballot: b, phase: 1, value: v, promises: 0, best: null },
        send,
      });
    }
  }
  return steps;
}

function higher(a: Vote | null, b: Vote | null): Vote | null {
  if (a === null) return b;
  if (b === null) return a;
  return b[0] > a[0] ? b : a;
}

function insertSorted(list: readonly string[], v: string): readonly string[] {
  if (list.includes(v)) return list;
  return [...list, v].sort();
}

/**
 * A promise for the current ballot. On the one that completes a majority the
 * proposer sends 2a with the value of the highest-ballot vote reported, or
 * its own value when none was reported.
 */
export function onPromise(config: PaxosConfig, s: ProposerState, b: number, acc: Vote | null, from: string): Out {
  const bit = acceptorBit(config, from);
  if (s.phase !== 1 || b !== s.ballot || (s.promises & bit) !== 0) return { state: s, send: none };
  const promises = s.promises | bit;
  const best = higher(s.best, acc);
  if (popcount(promises) < config.majority) return { state: { ...s, promises, best }, send: none };
  const v = best === null || config.bugs.ignorePromisedValues ? (s.value as string) : best[1];
  const state: ProposerState = { ...s, phase: 2, value: v, promises: 0, best: null, proposed: insertSorted(s.proposed, v) };
  return { state, send: config.acceptors.map((to) => ({ to, msg: { t: '2a', b, v } })) };
}

/** A learner records which acceptors voted for (ballot, value). */
export function onVoted(config: PaxosConfig, s: ProposerState, b: number, v: string, from: string): Out {
  const bit = acceptorBit(config, from);
  const i = s.heard.findIndex(([hb, hv]) => hb === b && hv === v);
  if (i >= 0 && (s.heard[i][2] & bit) !== 0) return { state: s, send: none };
  const heard =
    i >= 0
      ? s.heard.map((h, j) => (j === i ? ([b, v, h[2] | bit] as const) : h))
      : [...s.heard, [b, v, bit] as const].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return { state: { ...s, heard }, send: none };
}

/** Restart with the disk: ballots used, proposals made and votes heard survive. */
export function recoverProposer(s: ProposerState): ProposerState {
  if (s.phase === 0 && s.value === null && s.promises === 0 && s.best === null) return s;
  return { ...s, phase: 0, value: null, promises: 0, best: null };
}
