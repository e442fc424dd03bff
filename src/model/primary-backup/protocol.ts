/**
 * Primary-backup replication of a key-value store, checked as its clients
 * see it: linearizable against the kv specification (machines/kv-reference.ts).
 *
 * Two servers: s1 starts as primary, s2 as its backup. Clients c1, c2, ...
 * send each command to s1 and may time out and retry at s2. The primary
 * logs every command, forwards it, and answers after the backup's
 * acknowledgement (primary.ts); the backup holds and later applies what it
 * is sent (backup.ts); at any moment the backup may decide the primary has
 * failed and take over, fencing the old epoch off (promotion.ts). The
 * checker's crash fault stops a server for good (its state is what it
 * recovers to, should a spec allow restarts).
 *
 * Not modelled: more than one backup (the view service that drops a dead
 * backup from the view is a protocol of its own), a second failover.
 */
import { ModelConfigError, type Protocol } from '../contract.js';
import { CLIENT_TIMERS, initClient, invokeSteps, onReply, timeoutSteps } from '../clients/client.js';
import type { ClientState } from '../clients/types.js';
import { clientParams, clientsPart } from '../clients/params.js';
import { kvReference } from '../machines/kv-reference.js';
import { onCommit, onForward, onRequestAtBackup } from './backup.js';
import { describeMessage, describeState } from './describe.js';
import { onAck, onRequest } from './primary.js';
import { failoverRestarts, promoteSteps } from './promotion.js';
import type { NodeState, PrimaryBackupBugs, PrimaryBackupConfig, PrimaryBackupMessage, ServerState } from './types.js';

const bugNames: readonly (keyof PrimaryBackupBugs)[] = ['ackBeforeReplicate', 'localReads', 'readFromBackup'];
const SERVERS = ['s1', 's2'] as const;

function initServer(self: string): ServerState {
  const primary = self === SERVERS[0];
  return { role: primary ? 'primary' : 'backup', epoch: 1, backup: primary ? SERVERS[1] : null, log: [], applied: 0, acked: 0, store: {}, outputs: [] };
}

export const primaryBackup: Protocol<PrimaryBackupConfig, NodeState, PrimaryBackupMessage, NodeState> = {
  name: 'primary-backup',
  summary: 'Primary-backup replication of a key-value store with failover, checked for linearizability as its clients see it.',
  // The checker's specs stay at 1-4 operations; long runs under `synod netsim` need more.
  params: clientParams(2, 'the next server', 10000),
  bugs: [
    {
      name: 'ackBeforeReplicate',
      description: 'the primary applies and acknowledges each write at once and forwards it to the backup in the background',
      reproduces: 'asynchronous replication: "data not yet written to secondary, write already acknowledged", lost on failover (MongoDB w:1, MySQL async replicas)',
    },
    {
      name: 'localReads',
      description: 'the primary answers gets from its own store without the round trip through the backup',
      reproduces: 'split brain without a lease: a backup is promoted while the old primary, cut off but alive, still serves reads',
    },
    {
      name: 'readFromBackup',
      description: 'a backup answers gets from its own store, which applies entries only when the commit message arrives',
      reproduces: 'stale reads from a replica (reading from secondaries, read replicas behind the primary)',
    },
  ],
  usesTime: false,
  invariants: [],
  predicates: [],

  configure(params, bugs) {
    for (const b of bugs) {
      if (!(bugNames as readonly string[]).includes(b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${bugNames.join(', ')})`);
    }
    return {
      servers: [...SERVERS],
      ...clientsPart(params),
      bugs: {
        ackBeforeReplicate: bugs.includes('ackBeforeReplicate'),
        localReads: bugs.includes('localReads'),
        readFromBackup: bugs.includes('readFromBackup'),
      },
    };
  },

  nodes: (config) => [...config.servers.map((id) => ({ id, role: 'server' })), ...config.clients.map((id) => ({ id, role: 'client' }))],

  init: (_config, self) => (self.startsWith('c') ? initClient() : initServer(self)),

  handle(config, _self, state, msg, from) {
    if (state.role === 'client') return msg.t === 'resp' ? onReply(state, msg) : { state, send: [] };
    switch (msg.t) {
      case 'req':
        return state.role === 'primary' ? onRequest(config, state, msg, from) : onRequestAtBackup(config, state, msg, from);
      case 'fwd':
        return onForward(state, msg.epoch, msg.index, msg.entry, from);
      case 'ack':
        return onAck(state, msg.epoch, msg.upTo, from);
      case 'commit':
        return onCommit(state, msg.epoch, msg.upTo);
      case 'resp':
        return { state, send: [] };
    }
  },

  local(config, self, state) {
    if (state.role === 'client') return [...invokeSteps(config, self, state as ClientState), ...timeoutSteps(config, self, state as ClientState)];
    return promoteSteps(state);
  },

  timers: [...CLIENT_TIMERS, { name: 'failover', description: 'the backup hears nothing from the primary for this long and takes over' }],
  restarts: (_config, _self, before, msg) => (before.role === 'client' ? [] : failoverRestarts(before, msg)),
  observe: (_config, _self, s) => (s.role === 'client' ? {} : { leader: s.role === 'primary', term: s.epoch, accepted: s.log.length, committed: s.applied }),

  persisted: (_config, state) => state,
  recover: (_config, _self, disk) => disk,

  describeMessage,
  describeState,
  object: (config) => (config.clients.length === 0 ? null : kvReference),
};
