/**
 * The storage server the lock protects (Kleppmann, "How to do distributed
 * locking"): it accepts a write only if its fencing token is at least the
 * highest it has accepted, so a holder whose lock has moved on, and whose
 * successor has written, is refused. With the noFencing bug it accepts
 * every write; tokens still travel with writes, unread, so that the
 * property can tell the order the writes came in.
 */
import type { NodeId, Step } from '../contract.js';
import type { LockConfig, LockMessage, StorageState } from './types.js';

export function initStorage(): StorageState {
  return { role: 'storage', writes: [] };
}

/** The highest token among accepted writes (0: none). */
export function highestToken(s: StorageState): number {
  return s.writes.reduce((m, w) => Math.max(m, w[1]), 0);
}

/** Whether the storage refuses a write with this token (now and for good: the highest token only grows). */
export function refuses(config: LockConfig, s: StorageState, token: number): boolean {
  return !config.bugs.noFencing && token < highestToken(s);
}

export function onWrite(config: LockConfig, s: StorageState, from: NodeId, token: number): Step<StorageState, LockMessage> {
  if (refuses(config, s, token)) return { state: s, send: [] };
  return { state: { ...s, writes: [...s.writes, [from, token]] }, send: [] };
}
