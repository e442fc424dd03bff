/**
 * A protocol with client nodes of its own (primary-backup): the simulator
 * fires their request and retry timers, times each operation from the step
 * that invokes it to the one that receives its response, and checks the
 * clients' history (linearizable) as the run goes. Constant latencies make
 * the figures exact.
 */
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../../src/checker/netsim/network.js';
import { netsimSpec } from '../../../src/checker/netsim/run.js';
import { netsimSettings } from '../../../src/checker/netsim/settings.js';
import { SpecError, validateSpec } from '../../../src/checker/spec.js';
import { findProtocol } from '../../../src/model/registry.js';

// s1 at a, s2 at b, c1 at c: 5 ms one way between the servers, 10 ms from the client to either.
const net = parseNetwork(
  'three.json',
  JSON.stringify({
    description: 'two servers and a client',
    places: ['a', 'b', 'c'],
    links: [
      { between: ['a', 'b'], latency: { constant: 5 } },
      { between: ['a', 'c'], latency: { constant: 10 } },
      { between: ['b', 'c'], latency: { constant: 10 } },
    ],
  }),
);

function spec(netsim: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return validateSpec(
    'pb.json',
    {
      protocol: 'primary-backup',
      params: { clients: 1, ops: 200, keys: 1, workload: 'put-get', retries: 3 },
      properties: ['linearizable'],
      netsim: {
        placement: { s1: 'a', s2: 'b', c1: 'c' },
        timers: { request: { constant: 20 }, retry: { constant: 100 }, failover: { constant: 150 } },
        clients: { timeout: 200 },
        duration: 1000,
        ...netsim,
      },
      expect: 'pass',
      ...extra,
    },
    findProtocol,
  );
}

describe('netsim drives client nodes', { timeout: 120_000 }, () => {
  it('times every operation from invoke to response: one client, 30 ms each, a 20 ms pause between', () => {
    const r = netsimSpec(spec({}), net);
    const c = r.runs[0].clients!;
    // c1→s1 10, s1→s2 5, s2→s1 5, s1→c1 10; invocations at 20, 70, ..., 970; judged up to 1000 - 200.
    expect(c.issued).toBe(20);
    expect(c.judged).toBe(16);
    expect(c.completed).toBe(16);
    expect(c.availability).toBe(1);
    expect(c.retries).toBe(0);
    expect(r.latencies[0]).toEqual(new Array(16).fill(30));
    expect(r.runs[0].firings).toEqual({ request: 20 });
    expect(r.violation).toBeUndefined();
  });

  it('after a cut between the servers the client retries at s2 once it has taken over: 100 + 20 ms per operation', () => {
    const r = netsimSpec(spec({ schedule: [{ at: 500, partition: { between: [['a'], ['b']] } }], duration: 3000 }), net);
    const run = r.runs[0];
    // The backup last hears s1 just before 500 ms and takes over 150 ms later; from then on
    // every operation goes to s1, times out after 100 ms, and s2 answers in one round trip.
    expect(run.firings.failover).toBe(1);
    const late = r.first.book!.ops.filter((o) => o.issued > 800);
    expect(late.filter((o) => o.done !== null).length).toBeGreaterThan(10);
    for (const o of late.filter((x) => x.done !== null)) expect([o.done! - o.issued, o.retries]).toEqual([120, 1]);
    expect(r.violation).toBeUndefined();
    expect(run.clients!.availability).toBeLessThan(1);
  });

  it('catches a non-linearizable history as it happens (asynchronous replication, then failover)', () => {
    const s = spec({ schedule: [{ at: 500, partition: { between: [['a'], ['b']] } }], duration: 3000 }, { bugs: ['ackBeforeReplicate'], expect: { violates: 'linearizable' } });
    const r = netsimSpec(s, net);
    expect(r.violation?.property).toBe('linearizable');
    expect(r.violation!.time).toBeGreaterThan(650);
    expect(r.asExpected).toBe(true);
    const last = r.trace!.steps[r.trace!.steps.length - 1];
    // The last step is the client taking the stale answer; the trace's worlds carry the history.
    expect(last.label).toMatch(/^deliver resp#\d+ .* s2→c1 /);
    expect(Object.keys(last.world.history ?? {})).toEqual(['c1']);
  });

  it('is deterministic for a seed', () => {
    const s = spec({ timers: { request: { exponential: 20 }, retry: { uniform: [80, 120] }, failover: { constant: 150 } }, schedule: [{ at: 500, partition: { between: [['a'], ['b']] } }], runs: 3 });
    const a = netsimSpec(s, net);
    const b = netsimSpec(s, net);
    expect(b.runs).toEqual(a.runs);
    expect(b.latencies).toEqual(a.latencies);
    expect(netsimSpec(s, net, { seed: 2 }).latencies).not.toEqual(a.latencies);
  });

  it('takes only a timeout for client nodes, and every client timer needs a delay', () => {
    const bad = (netsim: Record<string, unknown>): string => {
      try {
        netsimSettings(spec(netsim));
      } catch (e) {
        expect(e).toBeInstanceOf(SpecError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(bad({ clients: { timer: 'request', interval: { constant: 5 }, timeout: 100 } })).toBe(
      "pb.json: netsim.clients.timer: primary-backup's clients are nodes of its own: give their timers in netsim.timers; netsim.clients takes only timeout",
    );
    expect(bad({ clients: { timeout: 0 } })).toBe('pb.json: netsim.clients.timeout: must be ms > 0 (got 0)');
    expect(bad({ fifo: 'yes' })).toBe('pb.json: netsim.fifo: must be true or false (got "yes")');
    expect(() => netsimSpec(spec({ timers: { request: { constant: 20 }, failover: { constant: 150 } } }), net)).toThrow(
      /netsim\.timers: c1's step "times out, retries put\(x, 1\) at s2" waits for timer "retry", which has no distribution/,
    );
  });

  it('with fifo, messages between two nodes never overtake each other', () => {
    const jitter = parseNetwork('jitter.json', JSON.stringify({ description: 'wide jitter', places: ['a', 'b', 'c'], default: { latency: { uniform: [1, 50] } } }));
    const three = (fifo: boolean) =>
      spec(
        {
          placement: { s1: 'a', s2: 'b', c1: 'c', c2: 'c', c3: 'c' },
          timers: { request: { constant: 1 }, retry: { constant: 1000 }, failover: { constant: 100_000 } },
          clients: { timeout: 2000 },
          duration: 5000,
          fifo,
        },
        { params: { clients: 3, ops: 300, keys: 1, workload: 'put-get', retries: 3 } },
      );
    // Without order the backup drops an entry that overtook an earlier one (it takes only the next
    // index), so the operations behind it wait for their clients' retries; with order kept, never.
    // No operation takes 1 s otherwise (four hops of at most 50 ms).
    const retries = (fifo: boolean) => netsimSpec(three(fifo), jitter).runs[0].clients!.retries;
    expect(retries(false)).toBeGreaterThan(0);
    expect(retries(true)).toBe(0);
  });
});
