/**
 * Raft as in Ongaro & Ousterhout, "In Search of an Understandable Consensus
 * Algorithm" (Figure 2) with the persistence rules of the dissertation:
 * currentTerm, votedFor and the log survive a crash; commitIndex and all
 * leader/candidate bookkeeping do not. Timing is nondeterministic: election
 * timeouts, heartbeats/replication and client requests are local steps that
 * may fire whenever they are enabled.
 */
import type { Protocol } from '../contract.js';
import { describeField, describeMessage, describeState } from './describe.js';
import { onPreVote, onPreVoteResponse, onRequestVote, onVoteResponse, timeoutSteps } from './election.js';
import { configure, raftBugs, raftParams } from './params.js';
import {
  allCommitted,
  committedPredicate,
  electionSafety,
  leaderAppendOnly,
  leaderCompleteness,
  leaderElected,
  logMatching,
  reconfigured,
  stateMachineSafety,
} from './properties.js';
import { clientSteps, onAppendEntries, onAppendResponse, quorumSteps, replicateSteps } from './replication.js';
import { initServer, persist, recoverServer } from './roles.js';
import { normalizeMessage } from './normalize.js';
import { staleMessage } from './stale.js';
import { raftSymmetry, serverRole } from './symmetry.js';
import { raftObserve, raftRestarts, raftTimers } from './timers.js';
import { raftView } from './view.js';
import { adminSteps, finishJointSteps } from './reconfig.js';
import { configurationsOverlap } from './overlap.js';
import type { RaftConfig, RaftMessage, RaftPersisted, RaftState } from './types.js';

export const raft: Protocol<RaftConfig, RaftState, RaftMessage, RaftPersisted> = {
  name: 'raft',
  summary:
    'Raft: leader election with the log up-to-date check, log replication with the consistency check, commit by counting replicas of current-term entries; optional PreVote and CheckQuorum; optional membership changes (single-server or joint consensus).',
  params: raftParams,
  bugs: raftBugs,
  usesTime: false,
  invariants: [electionSafety, logMatching, leaderCompleteness, stateMachineSafety, leaderAppendOnly, configurationsOverlap],
  predicates: [leaderElected, committedPredicate, allCommitted, reconfigured],
  symmetry: raftSymmetry,

  configure,
  // Servers that never campaign are a role of their own, and so are servers outside the initial
  // configuration and servers the administrator may change, so symmetry permutes each kind only among themselves.
  nodes: (config) => config.servers.map((id) => ({ id, role: serverRole(config, id) })),
  init: () => initServer(),

  handle(config, self, state, msg, from) {
    switch (msg.t) {
      case 'RV':
        return onRequestVote(config, state, msg, from);
      case 'RVR':
        return onVoteResponse(config, self, state, msg, from);
      case 'PV':
        return onPreVote(config, state, msg, from);
      case 'PVR':
        return onPreVoteResponse(config, self, state, msg, from);
      case 'AE':
        return onAppendEntries(config, state, msg, from);
      case 'AER':
        return onAppendResponse(config, self, state, msg, from);
    }
  },

  local: (config, self, state) => [
    ...timeoutSteps(config, self, state),
    ...clientSteps(config, self, state),
    ...adminSteps(config, self, state),
    ...finishJointSteps(config, self, state),
    ...replicateSteps(config, self, state),
    ...quorumSteps(config, self, state),
  ],

  persisted: (config, state) => persist(config, state),
  recover: (_config, _self, persisted) => recoverServer(persisted),
  stale: (config, _self, state, msg, from) => staleMessage(config, state, msg, from),
  normalize: (_config, _self, state, msg) => normalizeMessage(state, msg),

  timers: raftTimers,
  restarts: (config, _self, before, msg, _from, after) => raftRestarts(config, before, msg, after),
  observe: (config, _self, state) => raftObserve(config, state),

  describeMessage,
  describeState,
  describeField,
  view: raftView,
};
