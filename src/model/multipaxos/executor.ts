/**
 * The learner and executor: a slot is chosen when a majority accepted this
 * leader's proposal for it; chosen slots are applied to the key-value store
 * in slot order, never past a slot not yet chosen, and each command's
 * client is answered. A command may be chosen in two slots (a client's
 * retry reached two leaders), so the executor keeps a session per client,
 * its last executed request and output, and applies a request only once,
 * as Paxos Made Moderately Complex's replicas do. Bug executeOutOfOrder
 * applies a slot as soon as it is chosen.
 */
import type { Send } from '../contract.js';
import { kv } from '../machines/kv.js';
import type { MultiPaxosConfig, MultiPaxosMessage, ServerState, Value } from './types.js';

export interface Executed {
  readonly state: ServerState;
  readonly send: readonly Send<MultiPaxosMessage>[];
}

/** The slots that may be applied now, in order. */
function runnable(config: MultiPaxosConfig, s: ServerState): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.chosen.length; i++) {
    if ((s.executed >> i) & 1) continue;
    if (s.chosen[i] !== null) out.push(i);
    else if (!config.bugs.executeOutOfOrder) break;
  }
  return out;
}

/** Applies one chosen value: a no-op changes nothing; a request already executed for its client is skipped. */
function apply(s: ServerState, v: Value, send: Send<MultiPaxosMessage>[]): ServerState {
  if (v === 'noop') return s;
  const session = s.sessions[v.client];
  if (session !== undefined && session[0] >= v.seq) return s;
  const [store, out] = kv.apply(s.store, v.cmd);
  send.push({ to: v.client, msg: { t: 'resp', seq: v.seq, out } });
  return { ...s, store, sessions: { ...s.sessions, [v.client]: [v.seq, out] } };
}

export function execute(config: MultiPaxosConfig, s: ServerState): Executed {
  const slots = runnable(config, s);
  if (slots.length === 0) return { state: s, send: [] };
  const send: Send<MultiPaxosMessage>[] = [];
  let state = s;
  for (const i of slots) state = { ...apply(state, s.chosen[i] as Value, send), executed: state.executed | (1 << i) };
  return { state, send };
}

/** The leader learns that `slot` holds `v`, and executes what that makes runnable. */
export function learn(config: MultiPaxosConfig, s: ServerState, slot: number, v: Value): Executed {
  const chosen = [...s.chosen];
  while (chosen.length <= slot) chosen.push(null);
  chosen[slot] = v;
  return execute(config, { ...s, chosen });
}
