/**
 * A client of the shared log, hosting its own copy of the key-value object
 * (Tango): a put or cas is appended (a position from the sequencer, then a
 * write to the head that the tail acknowledges); a get asks the sequencer
 * for the tail and replays the log up to it, reading each position from
 * the chain's tail. A position that reads unwritten may belong to a writer
 * that crashed: the reader fills it with junk at the head (it cannot tell a
 * crashed writer from a slow one, so it fills at once; the fill may still
 * lose to the writer, and the reader then gets the writer's value).
 */
import type { LocalStep, NodeId, Send, Step } from '../contract.js';
import { kv, type KvCommand } from '../machines/kv.js';
import { isAppend, outputAt } from './replay.js';
import type { ClientState, Entry, SharedLogConfig, SharedLogMessage, Slot } from './types.js';

type Out = Step<ClientState, SharedLogMessage>;
const none: readonly Send<SharedLogMessage>[] = [];

export function initClient(): ClientState {
  return { role: 'client', next: 0, phase: 'idle', ask: -1, pos: 0, tries: 0, upTo: 0, filling: false, head: 0, log: [] };
}

function current(config: SharedLogConfig, self: NodeId, s: ClientState): KvCommand {
  return (config.workload[self] ?? [])[s.next - 1];
}

function entryOf(config: SharedLogConfig, self: NodeId, s: ClientState): Entry {
  return { client: self, seq: s.next - 1, cmd: current(config, self, s) };
}

function tail(config: SharedLogConfig): NodeId {
  return config.servers[config.servers.length - 1];
}

/** Invocation: an append asks the sequencer for a position, a get for the tail. */
export function invokeSteps(config: SharedLogConfig, self: NodeId, s: ClientState): LocalStep<ClientState, SharedLogMessage>[] {
  const list = config.workload[self] ?? [];
  if (s.phase !== 'idle' || s.next >= list.length) return [];
  const cmd = list[s.next];
  const ask = s.ask + 1;
  const append = isAppend(cmd);
  return [
    {
      label: `invokes ${kv.describeCommand(cmd)}`,
      state: { ...s, next: s.next + 1, phase: append ? 'token' : 'tail', ask, tries: append ? 1 : 0 },
      send: [{ to: config.sequencer, msg: append ? { t: 'next', ask } : { t: 'tail', ask } }],
      invoke: cmd,
    },
  ];
}

/** The position for this write: send the entry to the head. */
export function onToken(config: SharedLogConfig, self: NodeId, s: ClientState, ask: number, pos: number): Out {
  if (s.phase !== 'token' || ask !== s.ask) return { state: s, send: none };
  return { state: { ...s, phase: 'write', pos }, send: [{ to: config.servers[s.head], msg: { t: 'write', pos, entry: entryOf(config, self, s) } }] };
}

/**
 * Whether an answer for the write concerns it: its command, its position,
 * from a server of the chain as the client knows it. A head the client has
 * learned was dropped may still tell it the position is taken, by junk
 * that never reached the chain that stands; believing it, the writer would
 * append again while its resent write may still land at the new head.
 */
export function answersWrite(config: SharedLogConfig, s: ClientState, pos: number, seq: number, from: NodeId): boolean {
  return s.phase === 'write' && seq === s.next - 1 && pos === s.pos && config.servers.indexOf(from) >= s.head;
}

/** The tail holds the entry: a put is done; a cas replays up to its own position to learn whether it swapped. */
export function onAck(config: SharedLogConfig, self: NodeId, s: ClientState, pos: number, seq: number, from: NodeId): Out {
  if (!answersWrite(config, s, pos, seq, from)) return { state: s, send: none };
  if (current(config, self, s).op === 'put') return { state: { ...s, phase: 'idle' }, send: none, respond: 'ok' };
  return catchUp(config, self, { ...s, phase: 'read', upTo: pos, filling: false });
}

/** The position holds another value (a filler or, under bugs, another writer got there first): ask again, while tries last. */
export function onTaken(config: SharedLogConfig, s: ClientState, pos: number, seq: number, from: NodeId): Out {
  if (!answersWrite(config, s, pos, seq, from)) return { state: s, send: none };
  if (s.tries >= config.attempts) return { state: { ...s, phase: 'stuck' }, send: none };
  const ask = s.ask + 1;
  return { state: { ...s, phase: 'token', ask, tries: s.tries + 1 }, send: [{ to: config.sequencer, msg: { t: 'next', ask } }] };
}

/** The tail: a get replays the log up to it. */
export function onTailIs(config: SharedLogConfig, self: NodeId, s: ClientState, ask: number, pos: number): Out {
  if (s.phase !== 'tail' || ask !== s.ask) return { state: s, send: none };
  return catchUp(config, self, { ...s, phase: 'read', upTo: pos, filling: false });
}

/** Reads the next missing position, or, with the prefix complete, answers from the replay. */
export function catchUp(config: SharedLogConfig, self: NodeId, s: ClientState): Out {
  if (s.log.length < s.upTo) return { state: s, send: [{ to: tail(config), msg: { t: 'read', pos: s.log.length } }] };
  const cmd = current(config, self, s);
  const out = outputAt(s.log, cmd, cmd.op === 'get' ? s.log.length : s.pos);
  return { state: { ...s, phase: 'idle' }, send: none, respond: out };
}

/** The tail's answer for the position being read: a value extends the prefix; unwritten, the reader fills it. */
export function onVal(config: SharedLogConfig, self: NodeId, s: ClientState, pos: number, val: Slot): Out {
  if (s.phase !== 'read' || pos !== s.log.length) return { state: s, send: none };
  if (val !== null) return catchUp(config, self, { ...s, log: [...s.log, val], filling: false });
  if (s.filling) return { state: s, send: none };
  return { state: { ...s, filling: true }, send: [{ to: config.servers[s.head], msg: { t: 'fill', pos } }] };
}

/** The chain has a new head: what was waiting on the old one goes to it. */
export function onChain(config: SharedLogConfig, self: NodeId, s: ClientState, head: number): Out {
  if (head <= s.head) return { state: s, send: none };
  const state = { ...s, head };
  const to = config.servers[head];
  if (s.phase === 'write') return { state, send: [{ to, msg: { t: 'write', pos: s.pos, entry: entryOf(config, self, s) } }] };
  if (s.phase === 'read' && s.filling) return { state, send: [{ to, msg: { t: 'fill', pos: s.log.length } }] };
  return { state, send: none };
}
