/**
 * Single-decree Paxos, the Synod protocol of "The Part-Time Parliament" and
 * "Paxos Made Simple": proposers run ballots in two phases against a set of
 * acceptors; proposers double as learners that count 2b votes.
 */
import { ModelConfigError, type Protocol } from '../contract.js';
import { initAcceptor, onAccept, onPrepare } from './acceptor.js';
import { describeField, describeMessage, describeState } from './describe.js';
import { initProposer, onAck, onPromise, recoverProposer, startSteps } from './proposer.js';
import { agreement, allDecidedPredicate, decidedPredicate, decidedValues, validity } from './properties.js';
import { stale } from './stale.js';
import { paxosSymmetry } from './symmetry.js';
import { paxosObserve, paxosRestarts, paxosTimers } from './timers.js';
import { paxosView } from './view.js';
import type { PaxosConfig, PaxosMessage, PaxosState } from './types.js';

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const bugNames = ['acceptBelowPromise', 'ignorePromisedValues', 'sharedBallots', 'learnAcrossBallots'] as const;

export const paxos: Protocol<PaxosConfig, PaxosState, PaxosMessage, PaxosState> = {
  name: 'paxos',
  summary: 'Single-decree Paxos (the Synod protocol): unique ballots, two phases, majority quorums; a proposer learns its value from a majority of 2b acks.',
  params: [
    { name: 'acceptors', description: 'number of acceptors (a1, a2, ...)', type: 'int', default: 3, min: 1, max: 7 },
    { name: 'proposers', description: 'number of proposers, each the learner of its own ballots (p1, p2, ...)', type: 'int', default: 2, min: 1, max: 4 },
    { name: 'values', description: 'number of values a proposer may propose (v1, v2, ...)', type: 'int', default: 2, min: 1, max: 4 },
    { name: 'maxRound', description: 'rounds per proposer; ballot = round × proposers + proposer number (past 8 only for netsim: a search would not finish)', type: 'int', default: 2, min: 1, max: 1000 },
  ],
  bugs: [
    {
      name: 'acceptBelowPromise',
      description: 'an acceptor accepts a 2a whose ballot is below the ballot it promised',
      reproduces: 'the promise check dropped from phase 2: an acceptor honours a stale proposer after promising a newer one',
    },
    {
      name: 'ignorePromisedValues',
      description: 'phase 2 proposes the proposer\'s own value, ignoring the votes reported in the 1b promises',
      reproduces: 'the classic one-phase mistake: why Paxos needs phase 1 to carry accepted values forward',
    },
    {
      name: 'sharedBallots',
      description: 'ballots are round numbers, not unique per proposer, so two proposers can run the same ballot (and acceptors re-answer a prepare for the ballot they promised, as retransmission-tolerant implementations do)',
      reproduces: 'ballot numbers without a proposer id tie-breaker (e.g. a timestamp or counter alone)',
    },
    {
      name: 'learnAcrossBallots',
      description: 'a proposer learning the outcome counts 2b acks for one value across different ballots toward one majority',
      reproduces: 'a learner that keys votes by value instead of by (ballot, value)',
    },
  ],
  usesTime: false,
  invariants: [agreement, validity],
  predicates: [decidedPredicate, allDecidedPredicate],
  symmetry: paxosSymmetry,

  configure(params, bugs) {
    const num = (k: string): number => params[k] as number;
    for (const b of bugs) {
      if (!(bugNames as readonly string[]).includes(b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${bugNames.join(', ')})`);
    }
    const acceptors = names('a', num('acceptors'));
    return {
      acceptors,
      proposers: names('p', num('proposers')),
      values: names('v', num('values')),
      maxRound: num('maxRound'),
      majority: Math.floor(acceptors.length / 2) + 1,
      bugs: {
        acceptBelowPromise: bugs.includes('acceptBelowPromise'),
        ignorePromisedValues: bugs.includes('ignorePromisedValues'),
        sharedBallots: bugs.includes('sharedBallots'),
        learnAcrossBallots: bugs.includes('learnAcrossBallots'),
      },
    };
  },

  nodes: (config) => [
    ...config.acceptors.map((id) => ({ id, role: 'acceptor' })),
    ...config.proposers.map((id) => ({ id, role: 'proposer' })),
  ],

  init: (config, self) => (config.acceptors.includes(self) ? initAcceptor() : initProposer()),

  handle(config, self, state, msg, from) {
    if (state.role === 'acceptor') {
      if (msg.t === '1a') return onPrepare(config, state, msg.b, from);
      if (msg.t === '2a') return onAccept(config, state, msg.b, msg.v, from);
      return { state, send: [] };
    }
    if (msg.t === '1b') return onPromise(config, state, msg.b, msg.acc, from);
    if (msg.t === '2b') return onAck(config, state, msg.b, msg.v, from);
    return { state, send: [] };
  },

  local: (config, self, state) => (state.role === 'proposer' ? startSteps(config, self, state) : []),

  persisted: (_config, state) => (state.role === 'proposer' ? recoverProposer(state) : state),
  recover: (_config, _self, persisted) => persisted,

  stale: (config, _self, state, msg, from) => stale(config, state, msg, from),
  timers: paxosTimers,
  restarts: (_config, _self, before, msg, _from, after) => paxosRestarts(before, msg, after),
  observe: (_config, _self, state) => paxosObserve(state),
  describeMessage,
  describeState: (config, _self, state) => describeState(config, state),
  describeField: (config, _self, field, state) => describeField(config, field, state),
  decided: decidedValues,
  view: paxosView,
};
