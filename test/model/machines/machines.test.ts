import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { findMachine, machines } from '../../../src/model/machines/index.js';
import { isRead, kv, type KvState } from '../../../src/model/machines/kv.js';
import { register } from '../../../src/model/machines/register.js';

const st = (s: KvState): KvState => freeze(s, true);

describe('kv machine', () => {
  it('get reads a key, nil when absent, and returns the very same state', () => {
    const s = st({ x: 1 });
    expect(kv.apply(s, { op: 'get', key: 'x' })).toEqual([s, 1]);
    expect(kv.apply(s, { op: 'get', key: 'x' })[0]).toBe(s);
    expect(kv.apply(s, { op: 'get', key: 'y' })[1]).toBeNull();
  });

  it('put writes and answers ok; rewriting the same value keeps the state object', () => {
    const s = st({ x: 1 });
    expect(kv.apply(s, { op: 'put', key: 'y', value: 2 })).toEqual([{ x: 1, y: 2 }, 'ok']);
    expect(kv.apply(s, { op: 'put', key: 'x', value: 1 })[0]).toBe(s);
  });

  it('cas swaps only from the expected value (nil: absent)', () => {
    const s = st({});
    expect(kv.apply(s, { op: 'cas', key: 'x', from: null, to: 3 })).toEqual([{ x: 3 }, true]);
    expect(kv.apply(st({ x: 1 }), { op: 'cas', key: 'x', from: null, to: 3 })).toEqual([{ x: 1 }, false]);
    expect(kv.apply(st({ x: 1 }), { op: 'cas', key: 'x', from: 1, to: 3 })).toEqual([{ x: 3 }, true]);
  });

  it('names the key of every command and which commands only read', () => {
    expect(kv.key?.({ op: 'cas', key: 'z', from: null, to: 1 })).toBe('z');
    expect(isRead({ op: 'get', key: 'x' })).toBe(true);
    expect(isRead({ op: 'put', key: 'x', value: 1 })).toBe(false);
  });

  it('describes commands and outputs', () => {
    expect(kv.describeCommand({ op: 'cas', key: 'x', from: null, to: 2 })).toBe('cas(x, nil, 2)');
    expect(kv.describeOutput(null)).toBe('nil');
    expect(kv.describeOutput(true)).toBe('true');
  });
});

describe('register machine', () => {
  it('reads, writes and compares-and-sets one value, with no key to split on', () => {
    expect(register.apply(null, { op: 'write', value: 1 })).toEqual([1, 'ok']);
    expect(register.apply(1, { op: 'read' })).toEqual([1, 1]);
    expect(register.apply(1, { op: 'cas', from: 1, to: 2 })).toEqual([2, true]);
    expect(register.apply(2, { op: 'cas', from: 1, to: 3 })).toEqual([2, false]);
    expect(register.key).toBeUndefined();
  });

  it('is found by name with kv', () => {
    expect(machines().map((m) => m.name)).toEqual(['kv', 'register']);
    expect(findMachine('register')).toBe(register);
    expect(findMachine('queue')).toBeUndefined();
  });
});
