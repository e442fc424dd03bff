/**
 * The storage servers, a chain (CORFU's chain replication per position):
 * the head takes writes and fills, each server stores a position once and
 * passes it on, and the tail answers: it acknowledges the writer, or tells
 * a filler what the position holds. A position at the tail is therefore at
 * every server of the chain, and a reader reads only the tail.
 *
 * Write-once is the whole concurrency control: a write or a fill that finds
 * its position taken loses, and the server passes on (or answers with) the
 * value it holds instead, so a slow writer and a reader filling its hole
 * end with one value, whichever came first. Bugs: ackBeforeTail (the head
 * answers the writer at once), fillOverwrites (a fill is a plain write).
 */
import type { NodeId, Send, Step } from '../contract.js';
import { isHead, isTail, sameValue, slotAt, store, successor } from './chain.js';
import type { Entry, ServerState, SharedLogConfig, SharedLogMessage, Value } from './types.js';

type Out = Step<ServerState, SharedLogMessage>;
type Kind = 'write' | 'fill';
const none: readonly Send<SharedLogMessage>[] = [];

export function initServer(): ServerState {
  return { role: 'server', epoch: 1, log: [] };
}

/** What this server sends once pos holds val: the tail answers `to` (a writer's ack, a filler's value), any other server forwards down the chain. */
export function pass(config: SharedLogConfig, self: NodeId, s: ServerState, pos: number, val: Value, kind: Kind, to: NodeId): Send<SharedLogMessage>[] {
  if (!isTail(config, self)) return [{ to: successor(config, self), msg: { t: 'fwd', epoch: s.epoch, pos, val, kind, for: to } }];
  if (kind === 'write' && val !== 'junk') return [{ to, msg: { t: 'ack', pos, seq: val.seq } }];
  return [{ to, msg: { t: 'val', pos, val } }];
}

/** To a writer whose entry found another value at pos: it lost the position. */
function lost(pos: number, entry: Entry): Send<SharedLogMessage>[] {
  return [{ to: entry.client, msg: { t: 'taken', pos, seq: entry.seq } }];
}

/** A client's write at the head: stored if pos is free; a writer that finds another value there is told so. */
export function onWrite(config: SharedLogConfig, self: NodeId, s: ServerState, pos: number, entry: Entry): Out {
  if (!isHead(config, self, s)) return { state: s, send: none };
  const held = slotAt(s.log, pos);
  if (held === null) {
    const state = { ...s, log: store(s.log, pos, entry) };
    const early: Send<SharedLogMessage>[] = config.bugs.ackBeforeTail && !isTail(config, self) ? [{ to: entry.client, msg: { t: 'ack', pos, seq: entry.seq } }] : [];
    return { state, send: [...pass(config, self, state, pos, entry, 'write', entry.client), ...early] };
  }
  return { state: s, send: sameValue(held, entry) ? none : lost(pos, entry) };
}

/** A reader's fill at the head: junk if pos is free, else the value it holds goes down the chain to the reader. */
export function onFill(config: SharedLogConfig, self: NodeId, s: ServerState, pos: number, reader: NodeId): Out {
  if (!isHead(config, self, s)) return { state: s, send: none };
  const held = slotAt(s.log, pos);
  if (held === null || config.bugs.fillOverwrites) {
    const state = held === 'junk' ? s : { ...s, log: store(s.log, pos, 'junk') };
    return { state, send: pass(config, self, state, pos, 'junk', 'fill', reader) };
  }
  return { state: s, send: pass(config, self, s, pos, held, 'fill', reader) };
}

/**
 * A position passed down the chain. A server that took over refuses the
 * old chain's forwards: the fence that keeps the dropped head's late
 * writes out. A fill that finds the position taken passes on what it
 * holds, so the reader still gets the winning value; a write that does
 * (only the buggy variants get there) tells its writer it lost.
 */
export function onForward(config: SharedLogConfig, self: NodeId, s: ServerState, m: Extract<SharedLogMessage, { t: 'fwd' }>): Out {
  if (m.epoch < s.epoch) return { state: s, send: none };
  const held = slotAt(s.log, m.pos);
  if (held === null || (config.bugs.fillOverwrites && m.kind === 'fill')) {
    const state = sameValue(held, m.val) ? s : { ...s, log: store(s.log, m.pos, m.val) };
    return { state, send: pass(config, self, state, m.pos, m.val, m.kind, m.for) };
  }
  if (m.kind === 'fill') return { state: s, send: pass(config, self, s, m.pos, held, 'fill', m.for) };
  if (sameValue(held, m.val) || m.val === 'junk') return { state: s, send: none };
  return { state: s, send: lost(m.pos, m.val) };
}

/** A reader asks the tail what pos holds (null: unwritten). */
export function onRead(config: SharedLogConfig, self: NodeId, s: ServerState, pos: number, reader: NodeId): Out {
  if (!isTail(config, self)) return { state: s, send: none };
  return { state: s, send: [{ to: reader, msg: { t: 'val', pos, val: slotAt(s.log, pos) } }] };
}
