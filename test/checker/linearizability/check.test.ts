import { describe, expect, it } from 'vitest';
import { checkHistory, checkOperations } from '../../../src/checker/linearizability/check.js';
import { HistoryError, parseHistory, type Operation } from '../../../src/checker/linearizability/history.js';
import { kv } from '../../../src/model/machines/kv.js';
import { register } from '../../../src/model/machines/register.js';

const put = (key: string, value: number) => ({ op: 'put', key, value });
const get = (key: string) => ({ op: 'get', key });
const op = (client: string, command: Operation['command'], call: number, ret: number | null, output?: Operation['output']): Operation =>
  ret === null ? { client, command, call, ret } : { client, command, call, ret, output: output ?? null };

describe('linearizability on hand-made histories', () => {
  it('accepts a sequential history and gives its order', () => {
    const h = [op('a', put('x', 1), 0, 1, 'ok'), op('b', get('x'), 2, 3, 1)];
    const r = checkOperations(kv, h);
    expect(r.ok).toBe(true);
    expect(r.orders).toEqual([{ key: 'x', order: [0, 1] }]);
  });

  it('rejects a read that misses a write which returned before it began, naming the read', () => {
    const h = [op('a', put('x', 1), 0, 1, 'ok'), op('b', get('x'), 2, 3, null)];
    const r = checkOperations(kv, h);
    expect(r.ok).toBe(false);
    expect(r.blocked).toBe(1);
    expect(r.prefix).toEqual([0]);
    expect(r.message).toContain("b's get(x) returned nil, but after put(x, 1) the kv returns 1");
  });

  it('lets concurrent operations take effect in either order', () => {
    // The read overlaps the write: nil and 1 are both linearizable.
    for (const seen of [null, 1]) {
      const h = [op('a', put('x', 1), 0, 3, 'ok'), op('b', get('x'), 1, 2, seen)];
      expect(checkOperations(kv, h).ok).toBe(true);
    }
  });

  it('rejects a value that goes back: two reads in sequence, new then old, under a concurrent write', () => {
    const h = [op('a', put('x', 1), 0, 10, 'ok'), op('b', get('x'), 1, 2, 1), op('b', get('x'), 3, 4, null)];
    expect(checkOperations(kv, h).ok).toBe(false);
    // ...which is still sequentially consistent? No: b's own order forces nil after 1 with one write.
    expect(checkOperations(kv, h, { consistency: 'sequential' }).ok).toBe(false);
  });

  it('lets a pending write take effect', () => {
    const h = [op('a', put('x', 1), 0, null), op('b', get('x'), 1, 2, 1)];
    expect(checkOperations(kv, h).ok).toBe(true);
  });

  it('lets a pending write never take effect', () => {
    const h = [op('a', put('x', 1), 0, null), op('b', get('x'), 1, 2, null), op('b', get('x'), 3, 4, null)];
    expect(checkOperations(kv, h).ok).toBe(true);
  });

  it('but a pending write cannot take effect before it was invoked', () => {
    const h = [op('b', get('x'), 0, 1, 1), op('a', put('x', 1), 2, null)];
    expect(checkOperations(kv, h).ok).toBe(false);
  });

  it('splits by key: each key is searched alone, and the failing key is named', () => {
    const h = [
      op('a', put('x', 1), 0, 1, 'ok'),
      op('b', put('y', 2), 0, 1, 'ok'),
      op('a', get('y'), 2, 3, 2),
      op('b', get('x'), 2, 3, null),
    ];
    const r = checkOperations(kv, h);
    expect(r.ok).toBe(false);
    expect(r.key).toBe('x');
    expect(r.message).toContain('(key x)');
    const fine = checkOperations(kv, [h[0], h[1], h[2], { ...h[3], output: 1 }]);
    expect(fine.ok).toBe(true);
    expect(fine.orders.map((o) => o.key)).toEqual(['x', 'y']);
  });

  it('does not split a machine without keys', () => {
    const h = [op('a', { op: 'write', value: 1 }, 0, 1, 'ok'), op('b', { op: 'read' }, 2, 3, 1)];
    const r = checkOperations(register, h);
    expect(r.ok).toBe(true);
    expect(r.orders).toEqual([{ key: null, order: [0, 1] }]);
  });

  it('checks compare-and-set outputs', () => {
    const cas = (from: number | null, to: number) => ({ op: 'cas', key: 'x', from, to });
    // Two concurrent cas(nil -> ...): exactly one may win.
    expect(checkOperations(kv, [op('a', cas(null, 1), 0, 2, true), op('b', cas(null, 2), 1, 3, false)]).ok).toBe(true);
    expect(checkOperations(kv, [op('a', cas(null, 1), 0, 2, true), op('b', cas(null, 2), 1, 3, true)]).ok).toBe(false);
  });

  it('tells sequential consistency from linearizability: a stale read in real time but not in client order', () => {
    const h = [op('a', put('x', 1), 0, 1, 'ok'), op('b', get('x'), 2, 3, null)];
    expect(checkOperations(kv, h).ok).toBe(false);
    expect(checkOperations(kv, h, { consistency: 'sequential' }).ok).toBe(true);
  });
});

describe('recorded histories (JSON lines)', () => {
  const text = [
    '{"type":"invoke","client":"c1","command":{"op":"put","key":"x","value":1}}',
    '{"type":"invoke","client":"c2","command":{"op":"get","key":"x"}}',
    '{"type":"return","client":"c1","output":"ok"}',
    '',
    '{"type":"return","client":"c2","output":1}',
    '{"type":"invoke","client":"c2","command":{"op":"get","key":"x"}}',
  ].join('\n');

  it('pairs invokes with returns per client; the last get stays pending', () => {
    const ops = parseHistory(text);
    expect(ops).toEqual([
      { client: 'c1', command: { op: 'put', key: 'x', value: 1 }, call: 0, ret: 2, output: 'ok' },
      { client: 'c2', command: { op: 'get', key: 'x' }, call: 1, ret: 3, output: 1 },
      { client: 'c2', command: { op: 'get', key: 'x' }, call: 4, ret: null },
    ]);
    expect(checkHistory('kv', text).ok).toBe(true);
  });

  it('uses "time" fields when given', () => {
    const timed = '{"type":"invoke","client":"a","command":{"op":"get","key":"x"},"time":5}\n{"type":"return","client":"a","output":null,"time":7.5}';
    expect(parseHistory(timed)).toEqual([{ client: 'a', command: { op: 'get', key: 'x' }, call: 5, ret: 7.5, output: null }]);
  });

  it('names the line and the problem of a malformed history', () => {
    expect(() => parseHistory('{"type":"return","client":"c1","output":1}')).toThrow(new HistoryError(1, 'client c1 returns with no open invoke'));
    expect(() => parseHistory('{"type":"invoke","client":"c1","command":1}\n{"type":"invoke","client":"c1","command":2}')).toThrow(/line 2: client c1 invokes while its operation from event 1 is still open/);
    expect(() => parseHistory('nope')).toThrow(/line 1: not valid JSON/);
    expect(() => parseHistory('{"type":"call","client":"c1"}')).toThrow(/line 1: "type" must be "invoke" or "return"/);
    expect(() => parseHistory('{"type":"return","client":"c1"}')).toThrow(/needs "output"/);
    expect(() => checkHistory('queue', '')).toThrow(/unknown state machine "queue" \(known: kv, register\)/);
  });
});
