/** The network file and schedule language: each mistake is one line naming the file, the field and the problem. */
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../../src/checker/netsim/network.js';
import { parseLinks, unroll } from '../../../src/checker/netsim/schedule.js';
import { SpecError } from '../../../src/checker/spec.js';

const base = { description: 'three places', places: ['a', 'b', 'c'] };

function error(net: Record<string, unknown>): string {
  try {
    parseNetwork('net.json', JSON.stringify(net));
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    const m = (e as Error).message;
    expect(m).not.toContain('\n');
    return m;
  }
  throw new Error('no error');
}

describe('network files and the schedule language', () => {
  it.each([
    [{ ...base, schedule: [{ at: 5, crash: 'z' }] }, 'net.json: schedule[0].crash: unknown place "z" (places: a, b, c)'],
    [{ ...base, schedule: [{ at: -1, crash: 'a' }] }, 'net.json: schedule[0].at: must be a time in ms ≥ 0 (got -1)'],
    [{ ...base, schedule: [{ at: 5 }] }, 'net.json: schedule[0]: needs exactly one of partition, heal, crash, restart (got none)'],
    [{ ...base, schedule: [{ at: 5, crash: 'a', restart: 'a' }] }, 'net.json: schedule[0]: needs exactly one of partition, heal, crash, restart (got crash and restart)'],
    [{ ...base, schedule: [{ at: 5, crash: 'a', disk: false }] }, 'net.json: schedule[0].disk: only a restart keeps or loses its disk'],
    [{ ...base, schedule: [{ at: 5, restart: 'a', disk: 'no' }] }, 'net.json: schedule[0].disk: must be true or false (got "no")'],
    [{ ...base, schedule: [{ at: 5, partition: [['a', 'a']] }] }, 'net.json: schedule[0].partition[0]: a place cannot be cut from itself'],
    [{ ...base, schedule: [{ at: 5, partition: [['a']] }] }, 'net.json: schedule[0].partition[0]: must be a [from, to] pair (got ["a"])'],
    [{ ...base, schedule: [{ at: 5, partition: { isolate: 'q' } }] }, 'net.json: schedule[0].partition.isolate: unknown place "q" (places: a, b, c)'],
    [{ ...base, schedule: [{ at: 5, partition: { between: [['a'], ['a', 'b']] } }] }, 'net.json: schedule[0].partition.between: place "a" is in both groups'],
    [{ ...base, schedule: [{ at: 5, partition: { around: 'a' } }] }, 'net.json: schedule[0].partition: unknown link set "around" (known: isolate, between, reachesOnly, or [[from, to], ...])'],
    [{ ...base, schedule: [{ at: 5, heal: 'everything' }] }, 'net.json: schedule[0].heal: must be [[from, to], ...] or one of {"isolate": p}, {"between": [[...], [...]]}, {"reachesOnly": {p: [...]}} (got "everything")'],
    [{ ...base, schedule: [{ at: 5, until: 9, crash: 'a' }] }, 'net.json: schedule[0].until: only a repeating event ("every") has an end'],
    [{ ...base, schedule: [{ at: 5, every: 0, crash: 'a' }] }, 'net.json: schedule[0].every: must be a period in ms > 0 (got 0)'],
    [{ ...base, schedule: [{ at: 5, every: 10, until: 5, crash: 'a' }] }, 'net.json: schedule[0].until: must be a time in ms after "at" (got 5)'],
    [{ ...base, schedule: [{ at: 5, when: 3, crash: 'a' }] }, 'net.json: schedule[0].when: unknown field (known: at, every, until, disk, note, partition, heal, crash, restart)'],
    [{ ...base, schedule: { at: 5 } }, 'net.json: schedule: must be an array of events (got {"at":5})'],
    [{ ...base, links: [{ between: ['a', 'b'], latency: { gaussian: 3 } }] }, 'net.json: links[0].latency: unknown distribution "gaussian" (known: constant, uniform, lognormal, exponential, backoff)'],
    [{ ...base, links: [{ between: ['a', 'b'], latency: { uniform: [5, 1] } }] }, 'net.json: links[0].latency.uniform: hi must be ≥ lo (got [5,1])'],
    [{ ...base, links: [{ from: 'a', to: 'b', loss: 1 }] }, 'net.json: links[0].loss: must be a probability from 0 up to (not including) 1 (got 1)'],
    [{ ...base, links: [{ between: ['a', 'b'] }, { from: 'b', to: 'a' }] }, 'net.json: links[1]: the link b→a is given twice'],
    [{ ...base, default: { latency: { backoff: { initial: 1 } } } }, 'net.json: default.latency.backoff: backoff is for timers, not links'],
    [{ ...base, drift: { a: 'fast' } }, 'net.json: drift.a: must be parts per million, |drift| < 100000 (got "fast")'],
    [{ places: ['a'] }, 'net.json: description: required: what the network is and where its figures come from'],
    [{ ...base, places: ['a', 'a'] }, 'net.json: places: "a" appears twice'],
  ])('%j', (net, message) => {
    expect(error(net)).toBe(message);
  });

  it('expands link-set shorthands into directed links', () => {
    const fail = (f: string, p: string): never => {
      throw new Error(`${f}: ${p}`);
    };
    const places = ['a', 'b', 'c'];
    expect(parseLinks('x', { isolate: 'a' }, places, fail)).toEqual([['a', 'b'], ['b', 'a'], ['a', 'c'], ['c', 'a']]);
    expect(parseLinks('x', { reachesOnly: { c: ['b'] } }, places, fail)).toEqual([['c', 'a'], ['a', 'c']]);
    expect(parseLinks('x', { between: [['a'], ['b', 'c']] }, places, fail)).toEqual([['a', 'b'], ['b', 'a'], ['a', 'c'], ['c', 'a']]);
  });

  it('unrolls repeating events up to the end of the run, in time order', () => {
    const net = parseNetwork('n.json', JSON.stringify({ ...base, schedule: [{ at: 0, every: 40, until: 100, crash: 'a' }, { at: 30, restart: 'a' }] }));
    expect(unroll(net.schedule, 90).map((e) => `${e.at} ${e.action.kind}`)).toEqual(['0 crash', '30 restart', '40 crash', '80 crash']);
  });
});
