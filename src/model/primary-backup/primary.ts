/**
 * The primary: orders every client command in its log, forwards each entry
 * to the backup, and applies and answers it only once the backup has
 * acknowledged it. Reads go through the log too: the backup's
 * acknowledgement is what proves this node is still the primary (a backup
 * that took over refuses the old epoch), the fencing a lease would
 * otherwise give.
 */
import type { Send, Step } from '../contract.js';
import type { ClientRequest } from '../clients/types.js';
import { isRead, kv } from '../machines/kv.js';
import { applyUpTo, findEntry } from './store.js';
import type { PrimaryBackupConfig, PrimaryBackupMessage, ServerState } from './types.js';

type Out = Step<ServerState, PrimaryBackupMessage>;
const none: readonly Send<PrimaryBackupMessage>[] = [];

/** Replies to the clients of entries newly applied between `from` and s.applied. */
function replies(s: ServerState, from: number): Send<PrimaryBackupMessage>[] {
  const out: Send<PrimaryBackupMessage>[] = [];
  for (let i = from; i < s.applied; i++) out.push({ to: s.log[i].client, msg: { t: 'resp', seq: s.log[i].seq, out: s.outputs[i] } });
  return out;
}

/**
 * A client request. A retry of a request already in the log is answered
 * from the recorded output once applied, or forwarded again until then;
 * a new one is appended and forwarded (or, with no backup, applied at once).
 * Bugs: localReads answers a get from the store on the spot;
 * ackBeforeReplicate applies and answers every write on the spot.
 */
export function onRequest(config: PrimaryBackupConfig, s: ServerState, req: ClientRequest, client: string): Out {
  const at = findEntry(s, client, req.seq);
  if (at >= 0) {
    if (at < s.applied) return { state: s, send: [{ to: client, msg: { t: 'resp', seq: req.seq, out: s.outputs[at] } }] };
    return { state: s, send: s.backup === null ? none : [{ to: s.backup, msg: { t: 'fwd', epoch: s.epoch, index: at, entry: s.log[at] } }] };
  }
  if (config.bugs.localReads && isRead(req.cmd)) {
    return { state: s, send: [{ to: client, msg: { t: 'resp', seq: req.seq, out: kv.apply(s.store, req.cmd)[1] } }] };
  }
  const entry = { client, seq: req.seq, cmd: req.cmd };
  const appended: ServerState = { ...s, log: [...s.log, entry] };
  const index = s.log.length;
  if (s.backup === null || (config.bugs.ackBeforeReplicate && !isRead(req.cmd))) {
    const applied = applyUpTo(appended, index + 1);
    const fwd: Send<PrimaryBackupMessage>[] = s.backup === null ? [] : [{ to: s.backup, msg: { t: 'fwd', epoch: s.epoch, index, entry } }];
    return { state: applied, send: [...fwd, ...replies(applied, s.applied)] };
  }
  return { state: appended, send: [{ to: s.backup, msg: { t: 'fwd', epoch: s.epoch, index, entry } }] };
}

/** The backup holds the first upTo entries: apply them, answer their clients, tell the backup to apply them too. */
export function onAck(s: ServerState, epoch: number, upTo: number, from: string): Out {
  if (s.role !== 'primary' || epoch !== s.epoch || from !== s.backup || upTo <= s.acked) return { state: s, send: none };
  const acked = { ...s, acked: upTo };
  const applied = applyUpTo(acked, upTo);
  return { state: applied, send: [...replies(applied, s.applied), { to: from, msg: { t: 'commit', epoch, upTo } }] };
}
