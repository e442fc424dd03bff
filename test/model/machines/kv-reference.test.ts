import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { findMachine } from '../../../src/model/machines/index.js';
import { kv, type KvCommand, type KvState, type KvValue } from '../../../src/model/machines/kv.js';
import { kvReference } from '../../../src/model/machines/kv-reference.js';
import { multipaxos } from '../../../src/model/multipaxos/protocol.js';
import { primaryBackup } from '../../../src/model/primary-backup/protocol.js';
import { raftKv } from '../../../src/model/raft-kv/protocol.js';
import { sharedLog } from '../../../src/model/shared-log/protocol.js';
import type { AnyProtocol } from '../../../src/model/contract.js';

const st = (s: KvState): KvState => freeze(s, true);
const KEYS = ['x', 'y'];
const VALUES: readonly (KvValue | null)[] = [null, 1, 2];

/** Every state over keys x, y with values absent, 1 or 2. */
function states(): KvState[] {
  const out: KvState[] = [];
  for (const a of VALUES) for (const b of VALUES) out.push(st({ ...(a === null ? {} : { x: a }), ...(b === null ? {} : { y: b }) }));
  return out;
}

function commands(): KvCommand[] {
  const out: KvCommand[] = [];
  for (const key of KEYS) {
    out.push({ op: 'get', key });
    for (const v of [1, 2]) {
      out.push({ op: 'put', key, value: v });
      for (const from of VALUES) out.push({ op: 'cas', key, from, to: v });
    }
  }
  return out;
}

describe('kv reference (the specification histories are checked against)', () => {
  it('get returns the last value put, nil when none; put answers ok', () => {
    const s = kvReference.apply(st({}), { op: 'put', key: 'x', value: 1 })[0];
    expect(kvReference.apply(s, { op: 'get', key: 'x' })).toEqual([s, 1]);
    expect(kvReference.apply(s, { op: 'get', key: 'y' })).toEqual([s, null]);
    expect(kvReference.apply(s, { op: 'put', key: 'x', value: 2 })).toEqual([{ x: 2 }, 'ok']);
  });

  it('cas writes and answers true exactly when the key holds `from` (nil: absent), else changes nothing', () => {
    expect(kvReference.apply(st({}), { op: 'cas', key: 'x', from: null, to: 3 })).toEqual([{ x: 3 }, true]);
    const s = st({ x: 1 });
    expect(kvReference.apply(s, { op: 'cas', key: 'x', from: null, to: 3 })).toEqual([s, false]);
    expect(kvReference.apply(s, { op: 'cas', key: 'x', from: 2, to: 3 })[0]).toBe(s);
    expect(kvReference.apply(s, { op: 'cas', key: 'x', from: 1, to: 3 })).toEqual([{ x: 3 }, true]);
  });

  it('a key of the object prototype is absent, not a value', () => {
    expect(kvReference.apply(st({}), { op: 'get', key: 'toString' })[1]).toBeNull();
    expect(kvReference.apply(st({}), { op: 'cas', key: 'constructor', from: null, to: 1 })).toEqual([{ constructor: 1 }, true]);
  });

  it('agrees with the replicated machine kv.ts on every command from every state over two keys and two values', () => {
    let n = 0;
    for (const s of states()) {
      for (const c of commands()) {
        expect(kvReference.apply(s, c), `${JSON.stringify(s)} ${kv.describeCommand(c)}`).toEqual(kv.apply(s, c));
        expect(kvReference.key?.(c)).toBe(kv.key?.(c));
        expect(kvReference.describeCommand(c)).toBe(kv.describeCommand(c));
        n++;
      }
    }
    expect(n).toBe(9 * 2 * 9);
    for (const o of [null, 'ok', true, false, 1, 'v']) expect(kvReference.describeOutput(o)).toBe(kv.describeOutput(o));
    expect([kvReference.name, kvReference.description]).toEqual([kv.name, kv.description]);
  });

  it('is the object of every protocol that replicates kv.ts, and what `synod history` checks "kv" against', () => {
    const protocols: readonly AnyProtocol[] = [primaryBackup, raftKv, multipaxos, sharedLog] as unknown as readonly AnyProtocol[];
    for (const p of protocols) {
      const config = p.configure(Object.fromEntries(p.params.map((d) => [d.name, d.default])), []);
      expect(p.object?.(config), p.name).toBe(kvReference);
    }
    expect(findMachine('kv')).toBe(kvReference);
  });
});
