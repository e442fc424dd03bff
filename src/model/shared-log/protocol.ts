/**
 * A shared log with a sequencer, after CORFU and Tango (Balakrishnan et
 * al.), replicating a key-value store that every client rebuilds by replay,
 * checked as its clients see it: linearizable against the kv specification.
 *
 * Nodes: the sequencer `seq` hands out positions and tells readers the tail
 * (sequencer.ts); storage servers s1 .. sn form a chain that stores each
 * position once, head to tail (storage.ts), and the second may drop the
 * head and take over (failover.ts); clients c1, c2, ... append puts and
 * cas at positions they are given and answer gets by replaying the log up
 * to the tail, filling holes left by writers that crashed (client.ts,
 * replay.ts). The checker's crash fault stops a node (a client for good:
 * what it had in flight may still land); a restarted sequencer or server
 * comes back from its disk.
 *
 * Not modelled: CORFU's striping over several chains, sealing the storage
 * to rebuild a soft-state sequencer's counter (here the counter is on
 * disk), a second reconfiguration, garbage collection of the log's prefix.
 */
import { ModelConfigError, type Protocol, type Step } from '../contract.js';
import { workloadParams } from '../clients/params.js';
import { kvWorkload, type WorkloadKind } from '../clients/workload.js';
import { kvReference } from '../machines/kv-reference.js';
import { initClient, invokeSteps, onAck, onChain, onTailIs, onTaken, onToken, onVal } from './client.js';
import { describeMessage, describeState } from './describe.js';
import { takeoverSteps } from './failover.js';
import { onePerPosition, prefixAgreement } from './properties.js';
import { initSequencer, onNext, onTail, sequencerDisk } from './sequencer.js';
import { staleMessage } from './stale.js';
import { failedOver, holeFilled, junkReplayed, writerLost } from './witnesses.js';
import { initServer, onFill, onForward, onRead, onWrite } from './storage.js';
import type { ClientState, NodeState, SharedLogBugs, SharedLogConfig, SharedLogMessage } from './types.js';

const bugNames: readonly (keyof SharedLogBugs)[] = ['sequencerFromZero', 'ackBeforeTail', 'fillOverwrites'];
const SEQUENCER = 'seq';

type Out = Step<NodeState, SharedLogMessage>;

function handleClient(config: SharedLogConfig, self: string, s: ClientState, m: SharedLogMessage, from: string): Out {
  switch (m.t) {
    case 'token':
      return onToken(config, self, s, m.ask, m.pos);
    case 'tailIs':
      return onTailIs(config, self, s, m.ask, m.pos);
    case 'ack':
      return onAck(config, self, s, m.pos, m.seq, from);
    case 'taken':
      return onTaken(config, s, m.pos, m.seq, from);
    case 'val':
      return onVal(config, self, s, m.pos, m.val);
    case 'chain':
      return onChain(config, self, s, m.head);
    default:
      return { state: s, send: [] };
  }
}

export const sharedLog: Protocol<SharedLogConfig, NodeState, SharedLogMessage, NodeState> = {
  name: 'shared-log',
  summary: 'A Tango/CORFU shared log: a sequencer hands out positions, a chain of write-once servers stores them, clients replay a key-value store from it and fill holes; checked for linearizability.',
  params: [
    ...workloadParams(2),
    { name: 'servers', description: 'storage servers in the chain, s1 (head) .. sn (tail)', type: 'int', default: 2, min: 1, max: 3 },
    { name: 'attempts', description: 'positions one append may take: one that loses its position to a fill asks the sequencer again', type: 'int', default: 2, min: 1, max: 3 },
    { name: 'failover', description: 'the second server may drop the head from the chain and take over (once)', type: 'bool', default: true },
  ],
  bugs: [
    {
      name: 'sequencerFromZero',
      description: 'the sequencer keeps its counter in memory: restarted, it hands out positions from 0 and reports a tail of 0',
      reproduces: 'a soft-state sequencer restarted without rebuilding its counter from the storage (CORFU seals the storage and reads the highest written position first): readers stop at a stale tail and miss acknowledged appends',
    },
    {
      name: 'ackBeforeTail',
      description: 'the head acknowledges a write as soon as it stores it, while it is still on its way down the chain',
      reproduces: 'chain replication acknowledged at the head instead of the tail: an append acknowledged before it is durable everywhere is lost when the head fails and the chain is reconfigured without it',
    },
    {
      name: 'fillOverwrites',
      description: 'a junk fill is a plain write: it replaces what a position holds, at every server, instead of losing to a value already there',
      reproduces: "CORFU's hole-filling race: a reader that times out on a slow writer (not a crashed one) fills its position while the write still completes, unless the fill is write-once like the write",
    },
  ],
  usesTime: false,
  invariants: [onePerPosition, prefixAgreement],
  predicates: [holeFilled, junkReplayed, writerLost, failedOver],

  configure(params, bugs) {
    for (const b of bugs) {
      if (!(bugNames as readonly string[]).includes(b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${bugNames.join(', ')})`);
    }
    const n = params.servers as number;
    const failover = params.failover as boolean;
    if (failover && n < 2) throw new ModelConfigError('params.failover', 'failover needs at least 2 servers (the second takes over from the head)');
    const clients = Array.from({ length: params.clients as number }, (_, i) => `c${i + 1}`);
    return {
      sequencer: SEQUENCER,
      servers: Array.from({ length: n }, (_, i) => `s${i + 1}`),
      clients,
      workload: kvWorkload(clients, params.ops as number, params.keys as number, params.workload as WorkloadKind),
      attempts: params.attempts as number,
      failover,
      bugs: {
        sequencerFromZero: bugs.includes('sequencerFromZero'),
        ackBeforeTail: bugs.includes('ackBeforeTail'),
        fillOverwrites: bugs.includes('fillOverwrites'),
      },
    };
  },

  nodes: (config) => [
    { id: config.sequencer, role: 'sequencer' },
    ...config.servers.map((id) => ({ id, role: 'server' })),
    ...config.clients.map((id) => ({ id, role: 'client' })),
  ],

  init(config, self) {
    if (self === config.sequencer) return initSequencer(config);
    return config.servers.includes(self) ? initServer() : initClient();
  },

  handle(config, self, state, msg, from) {
    switch (state.role) {
      case 'client':
        return handleClient(config, self, state, msg, from);
      case 'sequencer':
        if (msg.t === 'next') return onNext(config, state, from, msg.ask);
        return msg.t === 'tail' ? onTail(config, state, from, msg.ask) : { state, send: [] };
      case 'server':
        switch (msg.t) {
          case 'write':
            return onWrite(config, self, state, msg.pos, msg.entry);
          case 'fill':
            return onFill(config, self, state, msg.pos, from);
          case 'fwd':
            return onForward(config, self, state, msg);
          case 'read':
            return onRead(config, self, state, msg.pos, from);
          default:
            return { state, send: [] };
        }
    }
  },

  local(config, self, state) {
    if (state.role === 'client') return invokeSteps(config, self, state);
    return state.role === 'server' ? takeoverSteps(config, self, state) : [];
  },

  persisted: (config, state) => (state.role === 'sequencer' ? sequencerDisk(config, state) : state),
  recover: (_config, _self, disk) => disk,
  stale: (config, self, state, msg, from) => staleMessage(config, self, state, msg, from),

  describeMessage,
  describeState,
  object: (config) => (config.clients.length === 0 ? null : kvReference),
};
