/**
 * The sequential specification of the key-value map: what `linearizable`
 * and `sequentiallyConsistent` replay a client history against, and what
 * `synod history` checks a recorded history of "kv" against.
 *
 * Written apart from kv.ts on purpose. kv.ts is the machine the protocols
 * replicate (their servers apply committed commands to it); were it also
 * the reference, a bug in it would change the implementation and its
 * specification alike and no history could show it. With the two apart,
 * a wrong kv.ts is a replica that answers what this specification refuses.
 * test/model/machines/kv-reference.test.ts checks the two agree on every
 * command over a small domain. Keep this file the plain sequential
 * definition: get returns the last value put (nil if none), put answers ok,
 * cas(k, from, to) writes `to` and answers true exactly when k holds `from`
 * (nil: k absent), and answers false otherwise, changing nothing.
 */
import type { KvCommand, KvOutput, KvState, KvValue } from './kv.js';
import type { StateMachine } from './machine.js';

/** The value held at `key`, or null: keys of the object's prototype are not keys of the map. */
function valueAt(state: KvState, key: string): KvValue | null {
  return Object.hasOwn(state, key) ? state[key] : null;
}

/** `state` with `key` holding `value` (the same object when it already does). */
function write(state: KvState, key: string, value: KvValue): KvState {
  return valueAt(state, key) === value ? state : { ...state, [key]: value };
}

function nil(v: KvValue | null): string {
  return v === null ? 'nil' : String(v);
}

export const kvReference: StateMachine<KvState, KvCommand, KvOutput> = {
  name: 'kv',
  description: 'a key-value map: get(k) -> value or nil, put(k, v) -> ok, cas(k, from, to) -> swapped',
  init: () => ({}),
  apply(state, c) {
    if (c.op === 'get') return [state, valueAt(state, c.key)];
    if (c.op === 'put') return [write(state, c.key, c.value), 'ok'];
    return valueAt(state, c.key) === c.from ? [write(state, c.key, c.to), true] : [state, false];
  },
  // Every command touches its one key only, so histories split by key (Herlihy and Wing's locality).
  key: (c) => c.key,
  describeCommand(c) {
    if (c.op === 'get') return `get(${c.key})`;
    if (c.op === 'put') return `put(${c.key}, ${c.value})`;
    return `cas(${c.key}, ${nil(c.from)}, ${c.to})`;
  },
  describeOutput: (o) => (o === null ? 'nil' : String(o)),
};
