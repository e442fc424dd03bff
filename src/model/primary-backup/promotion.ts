/**
 * Failover: the backup suspects the primary has failed and takes over in
 * the next epoch, serving alone. It cannot tell a crashed primary from a
 * slow one, so the step is enabled at any time (once: one failover per
 * run). It applies its whole log: every entry the old primary answered is
 * in it (answers wait for its acknowledgement), and the rest were never
 * answered, so taking effect is allowed. From now on it refuses the old
 * epoch's entries, which fences the old primary off: that primary can no
 * longer complete anything, reads included.
 */
import type { LocalStep } from '../contract.js';
import { applyUpTo } from './store.js';
import type { PrimaryBackupMessage, ServerState } from './types.js';

export function promoteSteps(s: ServerState): LocalStep<ServerState, PrimaryBackupMessage>[] {
  if (s.role !== 'backup' || s.epoch !== 1) return [];
  const state = applyUpTo({ ...s, role: 'primary', epoch: 2, backup: null, acked: s.log.length }, s.log.length);
  return [{ label: `takes over as primary of epoch 2 with ${s.log.length} log entries`, state, send: [], timer: 'failover' }];
}

/**
 * For simulators with time: the backup's failure detector. Its failover
 * timer restarts whenever the primary of its epoch is heard from (an entry
 * or a commit), so it runs out only after that long a silence.
 */
export function failoverRestarts(s: ServerState, msg: PrimaryBackupMessage): readonly string[] {
  return s.role === 'backup' && s.epoch === 1 && (msg.t === 'fwd' || msg.t === 'commit') && msg.epoch === s.epoch ? ['failover'] : [];
}
