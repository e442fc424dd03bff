/**
 * Timed runs whose figures follow from the inputs by hand: the simulator
 * must reproduce them exactly (constant latencies) or within a few standard
 * errors of a fixed seed (random ones).
 */
import { describe, expect, it } from 'vitest';
import type { AnyProtocol } from '../../../src/model/contract.js';
import { validateSpec } from '../../../src/checker/spec.js';
import { parseNetwork } from '../../../src/checker/netsim/network.js';
import { netsimSpec } from '../../../src/checker/netsim/run.js';
import { echo, ticker } from './toys.js';

function spec(protocol: AnyProtocol, netsim: Record<string, unknown>, expect: unknown = 'pass') {
  return validateSpec('toy.json', { protocol: protocol.name, netsim, expect }, (n) => (n === protocol.name ? protocol : undefined));
}

const twoNodes = (latency: unknown, extra: Record<string, unknown> = {}) =>
  parseNetwork('two.json', JSON.stringify({ description: 'two places', places: ['a', 'b'], default: { latency }, ...extra }));

describe('netsim on two nodes, in closed form', { timeout: 120_000 }, () => {
  const clients = { timer: 'client', interval: { constant: 100 }, timeout: 500 };

  it('constant 10 ms links: every request takes one round trip, 20 ms; always a leader', () => {
    const r = netsimSpec(spec(echo() as AnyProtocol, { clients, duration: 10_000 }), twoNodes({ constant: 10 }));
    const c = r.runs[0].clients!;
    // Arrivals at 100, 200, ..., judged up to 10,000 - 500.
    expect(c.judged).toBe(95);
    expect(c.completed).toBe(95);
    expect(c.availability).toBe(1);
    expect([c.latency.p50, c.latency.p99, c.latency.max]).toEqual([20, 20, 20]);
    expect(r.runs[0].noLeader).toBe(0);
    expect(r.runs[0].leaderChanges).toBe(1);
  });

  it('the leader down from 2 s to 3 s: availability 89/95, downtime 10%, the waits known to the millisecond', () => {
    const net = twoNodes({ constant: 10 }, { schedule: [{ at: 2000, crash: 'a' }, { at: 3000, restart: 'a' }] });
    const r = netsimSpec(spec(echo() as AnyProtocol, { clients, duration: 10_000 }), net);
    const run = r.runs[0];
    const c = run.clients!;
    // Requests issued at 2000..2900 wait for the restart at 3000 and then take 20 ms:
    // those from 2600 on finish within 500 ms (420, 320, 220, 120 ms), 2000..2500 fail.
    expect(c.judged).toBe(95);
    expect(c.failed).toBe(6);
    expect(c.availability).toBeCloseTo(89 / 95, 12);
    expect(r.latencies[0].filter((v) => v !== 20).sort((x, y) => x - y)).toEqual([120, 220, 320, 420]);
    expect(run.noLeader).toBeCloseTo(0.1, 12);
    expect(run.noQuorum).toBeCloseTo(0.1, 12);
    expect(run.leaderChanges).toBe(2);
    // Recovery: from the crash to the first request issued after it that completes (2600, done at 3020).
    expect(run.recoveries.map((x) => x.recovery)).toEqual([1020, 20]);
  });

  it('uniform 5-15 ms links: mean latency 20 ms within 4.5 standard errors', () => {
    const r = netsimSpec(spec(echo() as AnyProtocol, { clients, duration: 100_000 }), twoNodes({ uniform: [5, 15] }));
    const lat = r.latencies[0];
    const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
    // Two hops, each of variance 10²/12.
    const se = Math.sqrt((2 * 100) / 12 / lat.length);
    expect(lat.length).toBe(995);
    expect(Math.abs(mean - 20)).toBeLessThan(4.5 * se);
    expect(Math.min(...lat)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...lat)).toBeLessThanOrEqual(30);
  });

  it('a clock 5% fast fires a 100 ms timer 105 times in 10.05 s instead of 100', () => {
    const one = parseNetwork('one.json', JSON.stringify({ description: 'one place', places: ['a'] }));
    const fast = parseNetwork('one.json', JSON.stringify({ description: 'one place', places: ['a'], drift: { a: 50_000 } }));
    const s = spec(ticker as AnyProtocol, { timers: { tick: { constant: 100 } }, duration: 10_050 });
    expect(netsimSpec(s, one).runs[0].firings).toEqual({ tick: 100 });
    expect(netsimSpec(s, fast).runs[0].firings).toEqual({ tick: 105 });
  });

  it('a safety violation stops the run and comes with a trace ending in it', () => {
    const s = spec(echo({ commitAhead: true }) as AnyProtocol, { clients, duration: 10_000 }, { violates: 'committedNeverAhead' });
    const r = netsimSpec(s, twoNodes({ constant: 10 }));
    expect(r.violation?.property).toBe('committedNeverAhead');
    // Request 3 is accepted at 300 ms and acknowledged at 320 ms.
    expect(r.violation?.time).toBe(320);
    expect(r.asExpected).toBe(true);
    const last = r.trace!.steps[r.trace!.steps.length - 1];
    expect(last.label).toBe('deliver ack(3) r→c [t=320.000 ms]');
    expect(last.world.time).toBe(320);
    expect(r.trace!.violation?.property).toBe('committedNeverAhead');
  });
});
