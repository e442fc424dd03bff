/** A node's life: first boot, what it writes to disk, how it comes back, which messages it will ignore for good. */
import type { NodeId } from '../contract.js';
import { grantedAlready } from './granter.js';
import { grantStale } from './holder.js';
import type { LeaseConfig, LeaseDisk, LeaseMessage, LeaseState } from './types.js';

/** At first boot nothing was promised before time 0, so there is nothing to wait out. */
export function initLease(config: LeaseConfig): LeaseState {
  return { round: 0, sentAt: null, grants: 0, lease: null, grantee: null, until: 0, granted: config.candidates.map(() => 0) };
}

/** Rounds are written before a request is sent or granted; leases and promises (clock readings) are not. */
export function persistLease(s: LeaseState): LeaseDisk {
  return { round: s.round, granted: s.granted };
}

/**
 * Back from a crash: no lease, no pending request, and a forgotten promise
 * that must be waited out (`until` null) — unless the noWaitOut bug lets the
 * node grant at once.
 */
export function recoverLease(config: LeaseConfig, disk: LeaseDisk): LeaseState {
  return { ...initLease(config), round: disk.round, granted: disk.granted, until: config.bugs.noWaitOut ? 0 : null };
}

/** Messages `s` ignores now and in every state it can reach (restarts with the disk included). */
export function leaseStale(config: LeaseConfig, s: LeaseState, m: LeaseMessage, from: NodeId): boolean {
  return m.t === 'req' ? grantedAlready(config, s, from, m.r) : grantStale(config, s, from, m.r);
}
