import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/checker/bfs.js';
import { labelledSuccessors } from '../../src/checker/replay.js';
import { System } from '../../src/checker/system.js';
import type { Protocol } from '../../src/model/contract.js';
import { pingPong, toySpec } from './toys.js';

const sysOf = (spec: ReturnType<typeof toySpec>) => new System(spec.protocol, spec.config, spec.settings);
const labels = (sys: System, w: Int32Array) => labelledSuccessors(sys, w).map((s) => s.step.label).sort();
const follow = (sys: System, w: Int32Array, label: string): Int32Array => {
  const next = labelledSuccessors(sys, w).find((s) => s.step.label === label);
  if (next === undefined) throw new Error(`no successor "${label}" among ${labels(sys, w).join(' | ')}`);
  return next.world;
};
const count = (spec: ReturnType<typeof toySpec>) => bfs(sysOf(spec), [], { limits: spec.limits }).states;

/** n1 sends m1 then m2 to n2 (two local steps); n2 records the order it receives them. */
const twoMessages: Protocol<null, readonly string[], string, readonly string[]> = {
  ...(pingPong as unknown as Protocol<null, readonly string[], string, readonly string[]>),
  name: 'two',
  init: () => [],
  local: (_c, self, s) =>
    self === 'n1' && s.length < 2 ? [{ label: `sends m${s.length + 1}`, state: [...s, `m${s.length + 1}`], send: [{ to: 'n2', msg: `m${s.length + 1}` }] }] : [],
  handle: (_c, _self, s, m) => ({ state: [...s, m], send: [] }),
  describeMessage: (m) => m,
  describeState: (_c, _self, s) => s.join(','),
};

describe('faults, each on a system small enough to list by hand', () => {
  it('crash: a node that is up may crash while the budget lasts', () => {
    const sys = sysOf(toySpec(pingPong, { faults: { crash: 1 } }));
    const w0 = sys.initialWorld();
    expect(labels(sys, w0)).toEqual(['n1 crashes', 'n1 pings', 'n2 crashes']);
    const down = follow(sys, w0, 'n1 crashes');
    // Budget spent, n1 down: no local step, no further crash, no restart budget.
    expect(labels(sys, down)).toEqual([]);
  });

  it('crash-stop keeps messages in flight; crash-restart recovers the persisted state', () => {
    const sys = sysOf(toySpec(pingPong, { faults: { crash: 1, restart: 1 } }));
    const sent = follow(sys, sys.initialWorld(), 'n1 pings');
    const down = follow(sys, sent, 'n1 crashes');
    expect(labels(sys, down)).toEqual(['deliver ping n1→n2', 'n1 restarts (disk kept)']);
    const back = follow(sys, down, 'n1 restarts (disk kept)');
    expect(sys.view(back).nodes[0]).toMatchObject({ up: true, state: { sent: true, got: 0 } });
  });

  it('amnesia: the node comes back in its initial state', () => {
    const sys = sysOf(toySpec(pingPong, { faults: { crash: 1, amnesia: 1 } }));
    const sent = follow(sys, sys.initialWorld(), 'n1 pings');
    const down = follow(sys, sent, 'n1 crashes');
    expect(labels(sys, down)).toEqual(['deliver ping n1→n2', 'n1 restarts with its disk lost']);
    const back = follow(sys, down, 'n1 restarts with its disk lost');
    expect(sys.view(back).nodes[0].state).toEqual({ sent: false, got: 0 });
    // It may send again: amnesia re-enables the step it had taken.
    expect(labels(sys, back)).toContain('n1 pings');
  });

  it('a down node receives nothing', () => {
    const sys = sysOf(toySpec(pingPong, { faults: { crash: 1 } }));
    const sent = follow(sys, sys.initialWorld(), 'n1 pings');
    const n2down = follow(sys, sent, 'n2 crashes');
    expect(labels(sys, n2down)).toEqual([]);
  });

  it('drop and duplicate under multiset semantics, each with its own budget', () => {
    const sys = sysOf(toySpec(pingPong, { network: 'multiset', faults: { drop: 1, duplicate: 1 } }));
    const sent = follow(sys, sys.initialWorld(), 'n1 pings');
    expect(labels(sys, sent)).toEqual(['deliver ping n1→n2', 'drop ping n1→n2', 'duplicate ping n1→n2']);
    const twice = follow(sys, sent, 'duplicate ping n1→n2');
    expect(sys.messageCount(twice)).toBe(2);
    // Duplicate budget spent; drop still there.
    expect(labels(sys, twice)).toEqual(['deliver ping n1→n2', 'drop ping n1→n2']);
    const dropped = follow(sys, sent, 'drop ping n1→n2');
    expect(sys.messageCount(dropped)).toBe(0);
  });

  it('cut and heal directed links within the budget; sends over a cut link are lost', () => {
    const sys = sysOf(toySpec(pingPong, { faults: { cuts: 2 } }));
    const w0 = sys.initialWorld();
    expect(labels(sys, w0)).toEqual(['cut n1↛n2', 'cut n2↛n1', 'n1 pings']);
    const cut = follow(sys, w0, 'cut n1↛n2');
    expect(labels(sys, cut)).toEqual(['cut n2↛n1', 'heal n1→n2', 'n1 pings']);
    const lost = follow(sys, cut, 'n1 pings');
    expect(sys.messageCount(lost)).toBe(0);
  });

  it('an asymmetric fixed topology blocks one direction only', () => {
    const sys = sysOf(toySpec(pingPong, { cuts: [['n2', 'n1']] }));
    const sent = follow(sys, sys.initialWorld(), 'n1 pings');
    expect(labels(sys, sent)).toEqual(['deliver ping n1→n2']);
  });

  it('FIFO channels deliver in send order; multisets in any order', () => {
    const fifo = count(toySpec(twoMessages, { network: 'fifo' }));
    const multi = count(toySpec(twoMessages, { network: 'multiset' }));
    // FIFO: n2 can only ever hold [], [m1], [m1,m2]; multiset adds [m2] and [m2,m1].
    const fifoSys = sysOf(toySpec(twoMessages, { network: 'fifo' }));
    const both = follow(fifoSys, follow(fifoSys, fifoSys.initialWorld(), 'n1 sends m1'), 'n1 sends m2');
    expect(labels(fifoSys, both)).toEqual(['deliver m1 n1→n2']);
    const multiSys = sysOf(toySpec(twoMessages, { network: 'multiset' }));
    const both2 = follow(multiSys, follow(multiSys, multiSys.initialWorld(), 'n1 sends m1'), 'n1 sends m2');
    expect(labels(multiSys, both2)).toEqual(['deliver m1 n1→n2', 'deliver m2 n1→n2']);
    expect(multi).toBeGreaterThan(fifo);
  });

  it('time: tick drags lagging clocks along; each clock may run ahead by the skew', () => {
    const sys = sysOf(toySpec(pingPong, { time: { maxTime: 2, skew: 1 } }));
    const w0 = sys.initialWorld();
    expect(labels(sys, w0)).toEqual(['n1 pings', "n1's clock advances to 1", "n2's clock advances to 1", 'tick: global time 1']);
    const ahead = follow(sys, w0, "n1's clock advances to 1");
    // n1 is one ahead: it cannot go further until global time moves.
    expect(labels(sys, ahead).filter((l) => l.startsWith('n1'))).toEqual(['n1 pings']);
    const t1 = follow(sys, w0, 'tick: global time 1');
    expect(sys.view(t1).time).toBe(1);
    expect(sys.view(t1).nodes.map((n) => n.clock)).toEqual([0, 0]);
    const t2 = follow(sys, t1, 'tick: global time 2');
    // Both clocks were a full skew behind, so the tick dragged them to 1.
    expect(sys.view(t2).nodes.map((n) => n.clock)).toEqual([1, 1]);
    // No tick past maxTime.
    expect(labels(sys, t2)).not.toContain('tick: global time 3');
  });

  it('time.nodes: only the named clocks drift; the others read global time', () => {
    const sys = sysOf(toySpec(pingPong, { time: { maxTime: 2, skew: 1, nodes: ['n2'] } }));
    const w0 = sys.initialWorld();
    expect(labels(sys, w0)).toEqual(['n1 pings', "n2's clock advances to 1", 'tick: global time 1']);
    const t1 = follow(sys, w0, 'tick: global time 1');
    // n1 keeps global time; n2 lags until the skew drags it along.
    expect(sys.view(t1).nodes.map((n) => n.clock)).toEqual([1, 0]);
    const t2 = follow(sys, t1, 'tick: global time 2');
    expect(sys.view(t2).nodes.map((n) => n.clock)).toEqual([2, 1]);
    expect(count(toySpec(pingPong, { time: { maxTime: 2, skew: 1, nodes: ['n2'] } }))).toBeLessThan(count(toySpec(pingPong, { time: { maxTime: 2, skew: 1 } })));
  });
});

describe('raising a budget by one never shrinks the state space', () => {
  const base = { crash: 1, restart: 1, amnesia: 1, drop: 1, duplicate: 1, cuts: 1 };
  for (const kind of Object.keys(base) as (keyof typeof base)[]) {
    it(kind, () => {
      const small = count(toySpec(twoMessages, { network: 'multiset', faults: base }));
      const big = count(toySpec(twoMessages, { network: 'multiset', faults: { ...base, [kind]: base[kind] + 1 } }));
      expect(big).toBeGreaterThanOrEqual(small);
    });
  }
});
