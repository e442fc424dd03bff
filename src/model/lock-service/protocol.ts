/**
 * A Paxos lock service after "Skinny" (a coarse-grained lock service in the
 * spirit of Chubby): instances i1..iN run Paxos rounds on who holds the
 * lock; the first `serving` of them take client requests (the rest only
 * accept). A client asks a serving instance to acquire; the instance runs
 * phase 1 and phase 2 on the holder the request makes of the current one
 * (acceptor.ts, proposer.ts) and answers with the ballot that chose the
 * grant as its fencing token. The client writes to a storage server `st`
 * with that token while it believes it holds the lock, then releases
 * (client.ts); the storage refuses a token lower than one it has accepted
 * (storage.ts).
 *
 * Leases (parameter `lease` > 0, with the spec's clocks): a holder believes
 * it holds the lock while its clock < start + D − 2ε, counted from when it
 * first asked; an instance that accepted the grant at clock a reports it as
 * lapsed from a + D + 2ε on, and only then may a proposer grant the lock to
 * another client. Every clock is within ε of global time, so the holder's
 * last instant falls before any instance's vote for it lapses (the
 * argument of src/model/lease/protocol.ts). A holder that pauses, or whose
 * write is slow, may still have its write arrive after its lease: that is
 * what the fencing token is for.
 *
 * Crashes. An instance writes its promise, vote and ballot to disk; it
 * loses the request it was running (the client times out) and the clock
 * reading of its accept, which it counts afresh once back (a resume step).
 * The checker's amnesia fault (a restart without the disk) is the talk's
 * failure story; the promisesInMemory bug makes every restart one.
 */
import { ModelConfigError, type Protocol } from '../contract.js';
import { onAccept, onPrepare, resumeSteps } from './acceptor.js';
import { acquireSteps, giveUpSteps, onAnswer, releaseSteps, retrySteps as clientRetrySteps, writeSteps } from './client.js';
import { describeField, describeMessage, describeState } from './describe.js';
import { initNode, persistNode, staleAt } from './lifecycle.js';
import { fencedWrites, granted, handedOver, mutualExclusion, written } from './properties.js';
import { onCommit, onPromise, onRequest, retrySteps } from './proposer.js';
import { onWrite } from './storage.js';
import { lockSymmetry } from './symmetry.js';
import { lockView } from './view.js';
import type { LockBugs, LockConfig, LockMessage, LockState } from './types.js';

const bugNames: readonly (keyof LockBugs)[] = ['promisesInMemory', 'noFencing', 'grantWithoutQuorum', 'releaseByAnyone'];

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

export const lockService: Protocol<LockConfig, LockState, LockMessage, LockState> = {
  name: 'lock-service',
  summary: 'A Paxos lock service after Skinny: instances agree on the holder, grants carry the ballot as a fencing token, leases on drifting clocks, a fenced storage server.',
  params: [
    { name: 'instances', description: 'Paxos instances i1, i2, ... (3 or 5 in the talk)', type: 'int', default: 3, min: 1, max: 7 },
    { name: 'serving', description: 'how many instances (i1, i2, ...) take client requests and propose; the others only accept', type: 'int', default: 2, min: 1, max: 4 },
    { name: 'clients', description: 'lock clients c1, c2, ...', type: 'int', default: 2, min: 1, max: 3 },
    { name: 'acquisitions', description: 'acquisitions each client makes, one after another', type: 'int', default: 1, min: 1, max: 3 },
    { name: 'maxRound', description: 'ballots per serving instance (each request and each retry takes one); ballot = round × serving + instance number', type: 'int', default: 2, min: 1, max: 1000 },
    { name: 'retries', description: 'client timeouts per acquisition: each asks the next serving instance again', type: 'int', default: 0, min: 0, max: 3 },
    { name: 'giveUp', description: 'whether a client with no retries left may give up (it then releases, in case an attempt went through)', type: 'bool', default: true },
    { name: 'release', description: 'whether a holder releases the lock (otherwise it keeps it until its lease runs out)', type: 'bool', default: true },
    { name: 'lease', description: 'lease duration D in clock units (0: no leases, a lock is held until released; the spec then needs no time steps)', type: 'int', default: 0, min: 0, max: 30 },
    { name: 'margin', description: 'the clock skew ε allowed for: a holder stops 2ε early, an instance keeps its vote 2ε longer (set it to time.skew)', type: 'int', default: 0, min: 0, max: 10 },
  ],
  bugs: [
    {
      name: 'promisesInMemory',
      description: 'an instance keeps its promise and its accepted vote in memory only (its ballot counter is on disk): every restart forgets them',
      reproduces: "Skinny's instances, which hold Paxos state in memory: two instances that fail and come back empty let a second majority grant the lock again (the talk's failure story)",
    },
    {
      name: 'noFencing',
      description: 'the storage accepts every write: acquiring returns no token it checks',
      reproduces: 'a lock without fencing tokens (Kleppmann, "How to do distributed locking"): a holder paused past its lease writes after the next holder has',
    },
    {
      name: 'grantWithoutQuorum',
      description: 'an instance answers "acquired" once it has set the holder locally, before a quorum has committed',
      reproduces: "Skinny's instance that sets the holder locally before it counts the votes: a competing ballot can still win, and both clients hold the lock",
    },
    {
      name: 'releaseByAnyone',
      description: 'an instance frees the lock on a release from any client, not only from the holder',
      reproduces: "Skinny's release, which any client may call: a client cleaning up after a timed-out acquire frees another client's lock",
    },
  ],
  usesTime: true,
  invariants: [mutualExclusion, fencedWrites],
  predicates: [granted, written, handedOver],
  symmetry: lockSymmetry,
  timers: [
    { name: 'client', description: 'a client asks for the lock' },
    { name: 'timeout', description: 'a client that has heard nothing asks again elsewhere, or gives up' },
    { name: 'retry', description: 'an instance whose ballot stalled runs the request again at its next ballot' },
    { name: 'resume', description: 'a restarted instance starts counting its vote\'s lease afresh' },
  ],

  configure(params, bugs) {
    for (const b of bugs) {
      if (!(bugNames as readonly string[]).includes(b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${bugNames.join(', ')})`);
    }
    const num = (k: string): number => params[k] as number;
    const instances = names('i', num('instances'));
    if (num('serving') > instances.length) throw new ModelConfigError('serving', `serving (${num('serving')}) cannot exceed instances (${instances.length})`);
    const duration = num('lease');
    const margin = num('margin');
    if (duration > 0 && duration <= 2 * margin) {
      throw new ModelConfigError('lease', `a lease of ${duration} with a holder margin of 2·${margin} is never valid: give lease > ${2 * margin}`);
    }
    return {
      instances,
      serving: instances.slice(0, num('serving')),
      clients: names('c', num('clients')),
      storage: 'st',
      majority: Math.floor(instances.length / 2) + 1,
      maxRound: num('maxRound'),
      duration,
      margin,
      holderMargin: 2 * margin,
      granterMargin: 2 * margin,
      acquisitions: num('acquisitions'),
      retries: num('retries'),
      giveUp: params.giveUp as boolean,
      release: params.release as boolean,
      bugs: {
        promisesInMemory: bugs.includes('promisesInMemory'),
        noFencing: bugs.includes('noFencing'),
        grantWithoutQuorum: bugs.includes('grantWithoutQuorum'),
        releaseByAnyone: bugs.includes('releaseByAnyone'),
      },
    };
  },

  nodes: (config) => [
    ...config.instances.map((id) => ({ id, role: config.serving.includes(id) ? 'instance' : 'replica' })),
    ...config.clients.map((id) => ({ id, role: 'client' })),
    { id: config.storage, role: 'storage' },
  ],

  init: initNode,

  handle(config, self, state, msg, from, clock) {
    switch (state.role) {
      case 'client':
        return msg.t === 'granted' || msg.t === 'busy' ? onAnswer(state, msg) : { state, send: [] };
      case 'storage':
        return msg.t === 'write' ? onWrite(config, state, from, msg.token) : { state, send: [] };
      case 'instance':
        switch (msg.t) {
          case 'acquire':
          case 'release':
            return onRequest(config, self, state, { kind: msg.t, client: from, n: msg.n }, clock);
          case '1a':
            return onPrepare(config, state, msg.b, from, clock);
          case '1b':
            return onPromise(config, self, state, msg.b, msg.acc, msg.lapsed, from, clock);
          case '2a':
            return onAccept(config, state, msg.b, msg.holder, from, clock);
          case '2b':
            return onCommit(config, state, msg.b, from);
          default:
            return { state, send: [] };
        }
    }
  },

  local(config, self, state, clock) {
    switch (state.role) {
      case 'client':
        return [...acquireSteps(config, state, clock), ...clientRetrySteps(config, state), ...giveUpSteps(config, state), ...writeSteps(config, state, clock), ...releaseSteps(config, state, clock)];
      case 'storage':
        return [];
      case 'instance':
        return [...resumeSteps(state, clock), ...retrySteps(config, self, state, clock)];
    }
  },

  persisted: persistNode,
  recover: (_config, _self, disk) => disk,
  stale: (config, _self, state, msg, from) => staleAt(config, state, msg, from),

  describeMessage,
  describeState,
  describeField: (config, _self, field, state) => describeField(config, field, state),
  view: lockView,
};
