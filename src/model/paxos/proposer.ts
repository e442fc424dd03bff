import type { LocalStep, Send, Step } from '../contract.js';
import { acceptorBit, ballotsOf, higherVote, popcount } from './ballots.js';
import type { PaxosConfig, PaxosMessage, ProposerState, Vote } from './types.js';

type Out = Step<ProposerState, PaxosMessage>;
const none: readonly Send<PaxosMessage>[] = [];

export function initProposer(): ProposerState {
  return { role: 'proposer', ballot: 0, phase: 0, value: null, promises: 0, best: null, acks: 0, proposed: [], decided: [] };
}

/**
 * The values a proposer's clients ask it to propose: value j goes to proposer
 * j mod proposers, so with as many values as proposers each has its own.
 */
export function inputsOf(config: PaxosConfig, self: string): readonly string[] {
  const k = config.proposers.indexOf(self);
  const mine = config.values.filter((_, j) => j % config.proposers.length === k);
  return mine.length > 0 ? mine : [config.values[k % config.values.length]];
}

/**
 * Phase 1a: start any of this proposer's ballots above the current one, with
 * one of its inputs; a proposer that has learned the outcome is done.
 */
export function startSteps(
  config: PaxosConfig,
  self: string,
  s: ProposerState,
): readonly LocalStep<ProposerState, PaxosMessage>[] {
  const steps: LocalStep<ProposerState, PaxosMessage>[] = [];
  if (s.decided.length > 0) return steps;
  // With the learnAcrossBallots bug, acks from earlier ballots are kept and counted again.
  const acks = config.bugs.learnAcrossBallots ? s.acks : 0;
  for (const b of ballotsOf(config, self, config.bugs.sharedBallots)) {
    if (b <= s.ballot) continue;
    const send = config.acceptors.map((to) => ({ to, msg: { t: '1a', b } as const }));
    for (const v of inputsOf(config, self)) {
      steps.push({
        label: `starts ballot ${b} with ${v}`,
        timer: 'retry',
        state: { ...s, ballot: b, phase: 1, value: v, promises: 0, best: null, acks },
        send,
      });
    }
  }
  return steps;
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
  const best: Vote | null = higherVote(s.best, acc);
  if (popcount(promises) < config.majority) return { state: { ...s, promises, best }, send: none };
  const v = best === null || config.bugs.ignorePromisedValues ? (s.value as string) : best[1];
  const state: ProposerState = { ...s, phase: 2, value: v, promises: 0, best: null, proposed: insertSorted(s.proposed, v) };
  return { state, send: config.acceptors.map((to) => ({ to, msg: { t: '2a', b, v } })) };
}

/**
 * An ack (2b) for the current ballot's 2a. A majority of acks means the value
 * is chosen, and the proposer learns it. With the learnAcrossBallots bug an
 * ack for the same value from an earlier ballot counts too.
 */
export function onAck(config: PaxosConfig, s: ProposerState, b: number, v: string, from: string): Out {
  const bit = acceptorBit(config, from);
  const current = b === s.ballot || (config.bugs.learnAcrossBallots && b < s.ballot);
  if (s.phase !== 2 || !current || v !== s.value || (s.acks & bit) !== 0) return { state: s, send: none };
  const acks = s.acks | bit;
  if (popcount(acks) < config.majority) return { state: { ...s, acks }, send: none };
  // Learned: the ballot is over, so the acks are dropped rather than kept counting.
  return { state: { ...s, phase: 0, acks: 0, decided: insertSorted(s.decided, v) }, send: none };
}

/** Restart with the disk: the highest ballot used, proposals made and decisions survive. */
export function recoverProposer(s: ProposerState): ProposerState {
  if (s.phase === 0 && s.value === null && s.promises === 0 && s.best === null && s.acks === 0) return s;
  return { ...s, phase: 0, value: null, promises: 0, best: null, acks: 0 };
}
