/** What the lock service must guarantee, and the witnesses that a check reached the runs that matter. */
import type { Invariant, NodeView, Predicate, Violation, WorldView } from '../contract.js';
import { leaseEnd } from '../lease/validity.js';
import { believesHeld } from './client.js';
import type { ClientState, LockConfig, LockMessage, LockState, StorageState, Write } from './types.js';

type View = WorldView<LockState, LockMessage>;

/** Clients that are up and believe, by their own clocks, that they hold the lock. */
export function holders(config: LockConfig, world: View): NodeView<ClientState>[] {
  const out: NodeView<ClientState>[] = [];
  for (const n of world.nodes) {
    if (n.up && n.state.role === 'client' && believesHeld(config, n.state, n.clock)) out.push(n as NodeView<ClientState>);
  }
  return out;
}

function holderText(config: LockConfig, n: NodeView<ClientState>): string {
  const lease = config.duration > 0 ? `, lease until ${leaseEnd(config, n.state.start)} by its clock ${n.clock}` : '';
  return `${n.id} holds the lock with token ${n.state.token}${lease}`;
}

export const mutualExclusion: Invariant<LockConfig, LockState, LockMessage> = {
  name: 'mutualExclusion',
  description: 'At no instant of global time do two clients both believe, each by its own clock, that they hold the lock.',
  check(config, world): Violation | null {
    const h = holders(config, world);
    if (h.length < 2) return null;
    return { message: `${h.map((n) => n.id).join(' and ')} both believe they hold the lock at global time ${world.time}`, witnesses: h.map((n) => holderText(config, n)) };
  },
};

function storageOf(world: View): StorageState | null {
  for (const n of world.nodes) if (n.state.role === 'storage') return n.state;
  return null;
}

/** The first accepted write whose token is below one accepted before it, with that earlier write. */
export function outOfOrder(writes: readonly Write[]): readonly [Write, Write] | null {
  let top: Write | null = null;
  for (const w of writes) {
    if (top !== null && w[1] < top[1]) return [top, w];
    if (top === null || w[1] > top[1]) top = w;
  }
  return null;
}

export const fencedWrites: Invariant<LockConfig, LockState, LockMessage> = {
  name: 'fencedWrites',
  description:
    "The storage accepts writes in increasing token order only: once it has accepted a write under a grant, it accepts none from a client whose token is older, i.e. whose lock was granted to another since its token was issued.",
  check(config, world): Violation | null {
    const s = storageOf(world);
    const bad = s === null ? null : outOfOrder(s.writes);
    if (bad === null) return null;
    const [before, after] = bad;
    return {
      message: `${config.storage} accepted ${after[0]}'s write with token ${after[1]} after ${before[0]}'s with token ${before[1]}`,
      witnesses: [`accepted writes in order: ${(s as StorageState).writes.map((w) => `${w[0]}@${w[1]}`).join(', ')}`],
    };
  },
};

export const granted: Predicate<LockConfig, LockState, LockMessage> = {
  name: 'granted',
  description: 'Some client believes it holds the lock.',
  holds: (config, world) => holders(config, world).length > 0,
};

export const written: Predicate<LockConfig, LockState, LockMessage> = {
  name: 'written',
  description: 'The storage has accepted a write.',
  holds: (_config, world) => (storageOf(world)?.writes.length ?? 0) > 0,
};

export const handedOver: Predicate<LockConfig, LockState, LockMessage> = {
  name: 'handedOver',
  description: 'The storage has accepted writes from two different clients: the lock passed from one holder to another.',
  holds: (_config, world) => new Set((storageOf(world)?.writes ?? []).map((w) => w[0])).size > 1,
};
