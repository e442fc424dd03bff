/**
 * Multi-Paxos replicating a key-value store, checked per slot for agreement
 * and, as its clients see it, for linearizability against the kv specification.
 *
 * Every replica s1, s2, ... is an acceptor; the first `candidates` may
 * also lead. A leader runs phase 1 once for all slots (leader.ts): its
 * ballot's promises carry every acceptor's votes, and it re-proposes the
 * highest-ballot value reported for each slot, filling gaps with no-ops
 * (recovery.ts). Then each client command takes the next slot and needs
 * only phase 2. The leader learns a slot from a majority of acks, executes
 * chosen slots in order and answers their clients (executor.ts). Clients
 * (src/model/clients) send to s1 and, after a timeout, to the next
 * candidate. The checker's faults crash replicas; a restarted replica keeps
 * its acceptor's promise and votes, what it learned and executed, and
 * stops leading.
 *
 * Not modelled: learners other than the leader (a follower learns nothing
 * until it leads), reconfiguration, log truncation.
 */
import { ModelConfigError, type Protocol } from '../contract.js';
import { CLIENT_TIMERS, initClient, invokeSteps, onReply, timeoutSteps } from '../clients/client.js';
import { clientParams, clientsPart } from '../clients/params.js';
import { kvReference } from '../machines/kv-reference.js';
import { onAccept, onPrepare } from './acceptor.js';
import { describeField, describeMessage, describeState } from './describe.js';
import { onAck, onPromise, onRequest, startSteps, stepDown } from './leader.js';
import { agreement, allAnswered, gapLeftOpen, requestChosenTwice } from './properties.js';
import { stale } from './stale.js';
import type { MultiPaxosBugs, MultiPaxosConfig, MultiPaxosMessage, NodeState, ServerState } from './types.js';

const bugNames: readonly (keyof MultiPaxosBugs)[] = ['skipLastVotedSlot', 'gapFilledWithCommand', 'executeOutOfOrder'];
const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

export function initServer(): ServerState {
  return { role: 'server', promised: 0, accepted: [], ballot: 0, phase: 0, promises: 0, votes: [], log: [], acks: [], chosen: [], executed: 0, store: {}, sessions: {} };
}

export const multipaxos: Protocol<MultiPaxosConfig, NodeState, MultiPaxosMessage, NodeState> = {
  name: 'multipaxos',
  summary: 'Multi-Paxos replicating a key-value store: one phase 1 per leader for all slots, phase 2 per slot, gaps filled with no-ops, chosen slots executed in order and answered; checked per slot for agreement and for linearizability as its clients see it.',
  params: [
    { name: 'replicas', description: 'replicas s1, s2, ..., each an acceptor', type: 'int', default: 3, min: 1, max: 5 },
    { name: 'candidates', description: 'replicas that may lead (s1 ..), each with ballots of its own; clients try them in order', type: 'int', default: 2, min: 1, max: 3 },
    { name: 'maxRound', description: 'ballots per candidate: ballot = round × candidates + candidate number', type: 'int', default: 1, min: 1, max: 4 },
    { name: 'slots', description: 'log slots a leader may fill', type: 'int', default: 2, min: 1, max: 8 },
    ...clientParams(1, 'the next candidate'),
  ],
  bugs: [
    {
      name: 'skipLastVotedSlot',
      description: 'a new leader re-proposes the slots below the highest one a promise reported a vote for, but not that one, and gives it to the next client command',
      reproduces: 'an off-by-one in the recovery loop (slot < top instead of slot <= top): a slot that may be chosen is treated as free',
    },
    {
      name: 'gapFilledWithCommand',
      description: 'a new leader leaves the gaps below the highest voted slot open and fills them with the next client commands instead of no-ops',
      reproduces: 'the alternative "Paxos Made Simple" §3 mentions and sets aside, handing gaps to the next client commands: safe (nothing can have been chosen in a gap), but every chosen slot after a gap waits for a command that may never come',
    },
    {
      name: 'executeOutOfOrder',
      description: 'a replica applies a slot to the store and answers its client as soon as the slot is chosen, before earlier slots are chosen',
      reproduces: 'applying committed entries as they commit rather than in log order (a replica whose state then diverges from every replica that applies in order)',
    },
  ],
  usesTime: false,
  invariants: [agreement],
  predicates: [gapLeftOpen, allAnswered, requestChosenTwice],

  configure(params, bugs) {
    for (const b of bugs) {
      if (!(bugNames as readonly string[]).includes(b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${bugNames.join(', ')})`);
    }
    const num = (k: string): number => params[k] as number;
    if (num('candidates') > num('replicas')) throw new ModelConfigError('candidates', `candidates (${num('candidates')}) cannot exceed replicas (${num('replicas')})`);
    const acceptors = names('s', num('replicas'));
    const proposers = acceptors.slice(0, num('candidates'));
    return {
      acceptors,
      proposers,
      servers: proposers,
      ...clientsPart(params),
      maxRound: num('maxRound'),
      majority: Math.floor(acceptors.length / 2) + 1,
      slots: num('slots'),
      bugs: {
        skipLastVotedSlot: bugs.includes('skipLastVotedSlot'),
        gapFilledWithCommand: bugs.includes('gapFilledWithCommand'),
        executeOutOfOrder: bugs.includes('executeOutOfOrder'),
      },
    };
  },

  nodes: (config) => [...config.acceptors.map((id) => ({ id, role: 'server' })), ...config.clients.map((id) => ({ id, role: 'client' }))],

  init: (config, self) => (config.clients.includes(self) ? initClient() : initServer()),

  handle(config, self, state, msg, from) {
    if (state.role === 'client') return msg.t === 'resp' ? onReply(state, msg) : { state, send: [] };
    switch (msg.t) {
      case '1a':
        return onPrepare(state, msg.b, from);
      case '1b':
        return onPromise(config, self, state, msg.b, msg.votes, from);
      case '2a':
        return onAccept(state, msg.b, msg.slot, msg.v, from);
      case '2b':
        return onAck(config, state, msg.b, msg.slot, from);
      case 'req':
        return onRequest(config, self, state, msg, from);
      case 'resp':
        return { state, send: [] };
    }
  },

  local(config, self, state) {
    if (state.role === 'client') return [...invokeSteps(config, self, state), ...timeoutSteps(config, self, state)];
    return startSteps(config, self, state);
  },

  persisted: (_config, state) => (state.role === 'server' ? stepDown(state) : state),
  recover: (_config, _self, disk) => disk,

  stale,
  timers: [...CLIENT_TIMERS, { name: 'election', description: 'a candidate that hears from no leader prepares its next ballot' }],
  describeMessage,
  describeState,
  describeField: (config, _self, field, state) => describeField(config, field, state),
  object: (config) => (config.clients.length === 0 ? null : kvReference),
};
