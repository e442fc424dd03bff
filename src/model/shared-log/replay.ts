/**
 * The object a client builds from the log (Tango): the key-value machine
 * after replaying the log's entries in position order, junk skipped. A cas
 * is decided where it sits: its output is what the machine says when the
 * replay reaches it.
 */
import { kv, type KvCommand, type KvOutput, type KvState } from '../machines/kv.js';
import type { Value } from './types.js';

export function replay(log: readonly Value[], upTo: number = log.length): KvState {
  let state = kv.init();
  for (let i = 0; i < Math.min(upTo, log.length); i++) {
    const v = log[i];
    if (v !== 'junk') state = kv.apply(state, v.cmd)[0];
  }
  return state;
}

/** The output of cmd taking effect at position `at` of the log (a get: after everything read). */
export function outputAt(log: readonly Value[], cmd: KvCommand, at: number): KvOutput {
  return kv.apply(replay(log, at), cmd)[1];
}

/** Whether a command is appended to the log (a put or a cas) rather than answered by replay (a get). */
export function isAppend(cmd: KvCommand): boolean {
  return cmd.op !== 'get';
}
