/** The server's copy of the key-value machine: applying log entries in order, finding a client's request in the log. */
import { kv } from '../machines/kv.js';
import type { Entry, ServerState } from './types.js';

/** Applies log entries up to `upTo` (at most the log's length). */
export function applyUpTo(s: ServerState, upTo: number): ServerState {
  const end = Math.min(upTo, s.log.length);
  if (end <= s.applied) return s;
  let store = s.store;
  const outputs = [...s.outputs];
  for (let i = s.applied; i < end; i++) {
    const [next, out] = kv.apply(store, s.log[i].cmd);
    store = next;
    outputs.push(out);
  }
  return { ...s, store, outputs, applied: end };
}

/** Where the client's request `seq` sits in the log, or -1. */
export function findEntry(s: ServerState, client: string, seq: number): number {
  return s.log.findIndex((e: Entry) => e.client === client && e.seq === seq);
}
