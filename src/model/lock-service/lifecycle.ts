/** A node's life: first boot, what it writes to disk, how it comes back, which messages it will ignore for good. */
import type { NodeId } from '../contract.js';
import { initInstance } from './acceptor.js';
import { instanceBit } from './ballots.js';
import { answerStale, initClient } from './client.js';
import { initStorage, refuses } from './storage.js';
import type { InstanceState, LockConfig, LockMessage, LockState } from './types.js';

export function initNode(config: LockConfig, self: NodeId): LockState {
  if (config.instances.includes(self)) return initInstance();
  return self === config.storage ? initStorage() : initClient();
}

/**
 * An instance writes its promise, its vote and its ballot before it sends
 * anything that depends on them; the request it was running and the
 * clock reading of its accept are lost (the client times out, the lease is
 * counted afresh). With the promisesInMemory bug only the ballot counter is
 * on disk. Clients and the storage keep everything.
 */
export function persistNode(config: LockConfig, s: LockState): LockState {
  if (s.role !== 'instance') return s;
  const fresh = initInstance();
  const kept: InstanceState = config.bugs.promisesInMemory ? { ...fresh, ballot: s.ballot } : { ...fresh, promised: s.promised, accepted: s.accepted, ballot: s.ballot };
  const unknownAccept = config.duration > 0 && kept.accepted !== null && kept.accepted[1] !== null;
  return unknownAccept ? { ...kept, acceptedAt: null } : kept;
}

/**
 * Messages a node ignores now and in every state it can reach, restarts
 * with the disk included: promises, ballots, acquisitions and the storage's
 * highest token only grow. Under promisesInMemory a restart forgets the
 * promise, so requests to the acceptor are never stale.
 */
export function staleAt(config: LockConfig, s: LockState, m: LockMessage, from: NodeId): boolean {
  if (s.role === 'client') return m.t === 'granted' || m.t === 'busy' ? answerStale(s, m.n) : true;
  if (s.role === 'storage') return m.t === 'write' ? refuses(config, s, m.token) : true;
  switch (m.t) {
    case 'acquire':
    case 'release':
      return false;
    case '1a':
      return !config.bugs.promisesInMemory && m.b <= s.promised;
    case '2a':
      return !config.bugs.promisesInMemory && m.b < s.promised;
    case '1b':
      return m.b < s.ballot || (m.b === s.ballot && (s.phase !== 1 || (s.promises & instanceBit(config, from)) !== 0));
    case '2b':
      return m.b < s.ballot || (m.b === s.ballot && (s.phase !== 2 || (s.acks & instanceBit(config, from)) !== 0));
    default:
      return true;
  }
}
