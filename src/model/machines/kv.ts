/**
 * A key-value map with get, put and compare-and-set: the object of Alice's
 * key-value store, and the state machine Raft, Multi-Paxos, primary-backup
 * and the shared log replicate. Keys are independent, so the tester may
 * check them apart.
 */
import type { Data } from '../contract.js';
import type { StateMachine } from './machine.js';

export type KvValue = string | number;
export type KvState = Readonly<Record<string, KvValue>>;
export type KvCommand =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'put'; readonly key: string; readonly value: KvValue }
  | { readonly op: 'cas'; readonly key: string; readonly from: KvValue | null; readonly to: KvValue };
/** get: the value or null (absent); put: "ok"; cas: whether it swapped. */
export type KvOutput = KvValue | null | 'ok' | boolean;

function show(v: KvValue | null): string {
  return v === null ? 'nil' : String(v);
}

export const kv: StateMachine<KvState, KvCommand, KvOutput> = {
  name: 'kv',
  description: 'a key-value map: get(k) -> value or nil, put(k, v) -> ok, cas(k, from, to) -> swapped',
  init: () => ({}),
  apply(state, c) {
    const current = c.key in state ? state[c.key] : null;
    switch (c.op) {
      case 'get':
        return [state, current];
      case 'put':
        return [current === c.value ? state : { ...state, [c.key]: c.value }, 'ok'];
      case 'cas':
        if (current !== c.from) return [state, false];
        return [current === c.to ? state : { ...state, [c.key]: c.to }, true];
    }
  },
  key: (c) => c.key,
  describeCommand(c) {
    switch (c.op) {
      case 'get':
        return `get(${c.key})`;
      case 'put':
        return `put(${c.key}, ${c.value})`;
      case 'cas':
        return `cas(${c.key}, ${show(c.from)}, ${c.to})`;
    }
  },
  describeOutput: (o) => (o === null ? 'nil' : String(o)),
};

/** Whether a command only reads (a replica may be tempted to answer it from its own copy). */
export function isRead(c: KvCommand): boolean {
  return c.op === 'get';
}

export function isKvCommand(d: Data): d is KvCommand {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return false;
  const o = d as Record<string, Data>;
  return (o.op === 'get' || o.op === 'put' || o.op === 'cas') && typeof o.key === 'string';
}
