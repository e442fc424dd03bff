/**
 * What a node believes and promises at a given reading of its own clock.
 * Belief and promise are functions of (state, clock), never stored flags, so
 * a lease lapses by time passing alone, with no step needed.
 */
import type { LeaseConfig, LeaseState } from './types.js';

/** The node believes it holds a valid lease: it may act as leader. */
export function holdsLease(s: LeaseState, clock: number): boolean {
  return s.lease !== null && clock < s.lease[2];
}

/** The granter may not grant to anyone but `s.grantee` right now. */
export function promiseBinds(s: LeaseState, clock: number): boolean {
  return s.until === null || clock < s.until;
}

/** Where the holder stops acting: its lease counted from `start` by its own clock, less the margin (the lock service counts its holders' leases the same way). */
export function leaseEnd(config: Pick<LeaseConfig, 'duration' | 'holderMargin'>, start: number): number {
  return start + config.duration - config.holderMargin;
}

/** How long a grant made at `clock` binds the granter. */
export function promiseEnd(config: Pick<LeaseConfig, 'duration' | 'granterMargin'>, clock: number): number {
  return clock + config.duration + config.granterMargin;
}

