/**
 * Raft with a key-value state machine, checked as its clients see it:
 * linearizable against the kv specification (machines/kv-reference.ts).
 *
 * Servers s1..sN run Raft exactly as src/model/raft has it (election with
 * the up-to-date check, replication with the consistency check, commit of
 * current-term entries): this protocol calls those rules and drains what
 * they produce (server.ts). Clients c1, c2, ... (src/model/clients) send
 * each command to s1 and may time out and retry at s2, s3, ...; the leader
 * appends commands to the log, applies committed entries in order and
 * answers (requests.ts, apply.ts). Gets go through the log, or by ReadIndex,
 * or under a leader lease over the checker's clocks (heartbeat.ts, lease.ts).
 *
 * Not modelled: membership changes, PreVote and CheckQuorum (the lease's
 * promises play CheckQuorum's part), log compaction, followers forwarding
 * requests to the leader.
 */
import type { Protocol } from '../contract.js';
import { initClient, invokeSteps, onReply, timeoutSteps as clientTimeouts } from '../clients/client.js';
import { kvReference } from '../machines/kv-reference.js';
import { onPreVote, onPreVoteResponse, onRequestVote, onVoteResponse, timeoutSteps } from '../raft/election.js';
import { onAppendEntries, onAppendResponse, replicateSteps } from '../raft/replication.js';
import { observeTerm } from '../raft/roles.js';
import { raftTimers } from '../raft/timers.js';
import type { RaftPersisted } from '../raft/types.js';
import { describeField, describeMessage, describeState } from './describe.js';
import { onHeartbeat, onHeartbeatReply } from './heartbeat.js';
import { promiseBinds, resumeSteps } from './lease.js';
import { configure, raftKvBugs, raftKvParams } from './params.js';
import { onClientRequest } from './requests.js';
import { afterRaft, afterRaftSteps, initKvServer, persistKvServer, recoverKvServer, settle, type Out } from './server.js';
import { raftKvNormalize, raftKvStale } from './stale.js';
import type { ClientState } from '../clients/types.js';
import type { NodeState, RaftKvConfig, RaftKvMessage, ServerState } from './types.js';

type Persisted = RaftPersisted | ClientState;

function handleServer(config: RaftKvConfig, self: string, s: ServerState, msg: RaftKvMessage, from: string, clock: number): Out {
  const c = config.raft;
  switch (msg.t) {
    case 'RV':
      // With leases a follower bound by its promise does not even take the higher term (as Raft's leader stickiness).
      if (msg.term > s.raft.term && promiseBinds(config, s, clock)) return { state: s, send: [] };
      return afterRaft(config, self, s, onRequestVote(c, s.raft, msg, from), clock);
    case 'RVR':
      return afterRaft(config, self, s, onVoteResponse(c, self, s.raft, msg, from), clock);
    case 'PV':
      return afterRaft(config, self, s, onPreVote(c, s.raft, msg, from), clock);
    case 'PVR':
      return afterRaft(config, self, s, onPreVoteResponse(c, self, s.raft, msg, from), clock);
    case 'AE':
      return afterRaft(config, self, s, onAppendEntries(c, s.raft, msg, from), clock);
    case 'AER':
      return afterRaft(config, self, s, onAppendResponse(c, self, s.raft, msg, from), clock);
    case 'HB':
      return settle(config, self, s, onHeartbeat(config, s, msg, from, clock), clock);
    case 'HBR': {
      // A refusal from a later term deposes the leader, as any Raft message of a later term does.
      const raft = observeTerm(s.raft, msg.term);
      return raft !== s.raft ? afterRaft(config, self, s, { state: raft, send: [] }, clock) : onHeartbeatReply(config, s, msg, from);
    }
    case 'req':
      return settle(config, self, s, onClientRequest(config, self, s, msg, from, clock), clock);
    case 'resp':
      return { state: s, send: [] };
  }
}

export const raftKv: Protocol<RaftKvConfig, NodeState, RaftKvMessage, Persisted> = {
  name: 'raft-kv',
  summary:
    'Raft replicating a key-value store: clients send commands to the leader, committed entries are applied in order and answered, with a session table against duplicate retries; gets through the log, by ReadIndex or under a leader lease over skewed clocks.',
  params: raftKvParams,
  bugs: raftKvBugs,
  // Only lease reads read clocks; specs of the other paths give time {"maxTime": 0}.
  usesTime: true,
  invariants: [],
  predicates: [],

  configure,
  nodes: (config) => [
    ...config.servers.map((id) => ({ id, role: config.raft.candidates.includes(id) ? 'server' : 'voter' })),
    ...config.clients.map((id) => ({ id, role: 'client' })),
  ],
  init: (config, self) => (config.clients.includes(self) ? initClient() : initKvServer()),

  handle(config, self, state, msg, from, clock) {
    if (state.role === 'client') return msg.t === 'resp' ? onReply(state, msg) : { state, send: [] };
    return handleServer(config, self, state, msg, from, clock);
  },

  local(config, self, state, clock) {
    if (state.role === 'client') return [...invokeSteps(config, self, state), ...clientTimeouts(config, self, state)];
    const timeouts = promiseBinds(config, state, clock) ? [] : timeoutSteps(config.raft, self, state.raft);
    return [
      ...resumeSteps(config, state, clock),
      ...afterRaftSteps(config, self, state, timeouts, clock),
      ...afterRaftSteps(config, self, state, replicateSteps(config.raft, self, state.raft), clock),
    ];
  },

  persisted: (config, state) => (state.role === 'client' ? state : persistKvServer(config, state)),
  recover: (config, _self, disk) => ('term' in disk ? recoverKvServer(config, disk) : disk),
  stale: (config, _self, state, msg, from) => raftKvStale(config, state, msg, from),
  normalize: (_config, _self, state, msg) => raftKvNormalize(state, msg),

  timers: raftTimers.filter((t) => t.name !== 'quorum'),

  describeMessage,
  describeState,
  describeField: (config, _self, field, state) => describeField(config, field, state),
  object: (config) => (config.clients.length === 0 ? null : kvReference),
};
