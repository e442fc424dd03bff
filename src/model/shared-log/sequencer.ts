/**
 * The sequencer (CORFU, Tango): a counter that hands each writer the next
 * position of the log and tells each reader how far the log reaches. It
 * stores nothing of the log itself; a position it hands out is only a
 * reservation, which the chain's write-once rule turns into a value.
 *
 * Requests are numbered per client and answered once each: on a network
 * that delivers a message any number of times a redelivered request would
 * otherwise burn a position per copy. The counter and that table are on
 * disk (a restart continues where it stopped); bug sequencerFromZero keeps
 * them in memory, so a restarted sequencer starts again from 0.
 */
import type { NodeId, Send, Step } from '../contract.js';
import type { SequencerState, SharedLogConfig, SharedLogMessage } from './types.js';

type Out = Step<SequencerState, SharedLogMessage>;
const none: readonly Send<SharedLogMessage>[] = [];

export function initSequencer(config: SharedLogConfig): SequencerState {
  return { role: 'sequencer', next: 0, asked: config.clients.map(() => -1) };
}

/** Whether request `ask` of `client` was answered already (or a later one was). */
export function answered(config: SharedLogConfig, s: SequencerState, client: NodeId, ask: number): boolean {
  const i = config.clients.indexOf(client);
  return i < 0 || ask <= s.asked[i];
}

function served(config: SharedLogConfig, s: SequencerState, client: NodeId, ask: number): readonly number[] {
  const i = config.clients.indexOf(client);
  return s.asked.map((a, k) => (k === i ? ask : a));
}

/** A writer asks for a position: it gets the next one, and the counter moves on. */
export function onNext(config: SharedLogConfig, s: SequencerState, client: NodeId, ask: number): Out {
  if (answered(config, s, client, ask)) return { state: s, send: none };
  return {
    state: { ...s, next: s.next + 1, asked: served(config, s, client, ask) },
    send: [{ to: client, msg: { t: 'token', ask, pos: s.next } }],
  };
}

/** A reader asks for the tail: every position below it has been handed out. */
export function onTail(config: SharedLogConfig, s: SequencerState, client: NodeId, ask: number): Out {
  if (answered(config, s, client, ask)) return { state: s, send: none };
  return { state: { ...s, asked: served(config, s, client, ask) }, send: [{ to: client, msg: { t: 'tailIs', ask, pos: s.next } }] };
}

/** What survives a crash: the whole state, or (bug sequencerFromZero) nothing, so it restarts from 0. */
export function sequencerDisk(config: SharedLogConfig, s: SequencerState): SequencerState {
  return config.bugs.sequencerFromZero ? initSequencer(config) : s;
}
