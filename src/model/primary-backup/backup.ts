/**
 * The backup: appends the primary's entries in order and acknowledges
 * them, applies them when the primary says they are committed, and refuses
 * every client: only the primary answers (bug readFromBackup: it answers
 * reads from its own copy, which lags by one commit message).
 */
import type { Send, Step } from '../contract.js';
import type { ClientRequest } from '../clients/types.js';
import { isRead, kv } from '../machines/kv.js';
import { applyUpTo } from './store.js';
import type { Entry, PrimaryBackupConfig, PrimaryBackupMessage, ServerState } from './types.js';

type Out = Step<ServerState, PrimaryBackupMessage>;
const none: readonly Send<PrimaryBackupMessage>[] = [];

/** Entry `index` of `epoch`: appended if it is the next one; acknowledged when held (a duplicate is acknowledged again). */
export function onForward(s: ServerState, epoch: number, index: number, entry: Entry, from: string): Out {
  if (s.role !== 'backup' || epoch !== s.epoch || index > s.log.length) return { state: s, send: none };
  const state = index === s.log.length ? { ...s, log: [...s.log, entry] } : s;
  return { state, send: [{ to: from, msg: { t: 'ack', epoch, upTo: state.log.length } }] };
}

export function onCommit(s: ServerState, epoch: number, upTo: number): Out {
  if (s.role !== 'backup' || epoch !== s.epoch) return { state: s, send: none };
  return { state: applyUpTo(s, upTo), send: none };
}

export function onRequestAtBackup(config: PrimaryBackupConfig, s: ServerState, req: ClientRequest, client: string): Out {
  if (!config.bugs.readFromBackup || !isRead(req.cmd)) return { state: s, send: none };
  return { state: s, send: [{ to: client, msg: { t: 'resp', seq: req.seq, out: kv.apply(s.store, req.cmd)[1] } }] };
}
