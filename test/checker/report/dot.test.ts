import { describe, expect, it } from 'vitest';
import { spaceTimeDot, witnessNodes } from '../../../src/checker/report/dot.js';
import type { Trace } from '../../../src/checker/trace.js';
import { pingPong, toySpec } from '../toys.js';
import { walk } from './walk.js';

/** Edges of a DOT text: [tail, head, attribute text]. */
function edges(dot: string): [string, string, string][] {
  return [...dot.matchAll(/^\s*(\w+) -> (\w+)(?: \[(.*)\])?;$/gm)].map((m) => [m[1], m[2], m[3] ?? '']);
}
/** Where arrows leave their sender's box: [sender cell, corridor point]. */
const exits = (dot: string) => edges(dot).filter(([, , a]) => /class="out /.test(a));
/** The last segment of each arrow, into its receiver's box: [receiver cell, attributes]. */
function arrivals(dot: string): [string, string][] {
  return edges(dot)
    .filter(([, , a]) => /class="in /.test(a) && /arrowhead="(normal|tee)"|arrowtail="(normal|tee)"/.test(a))
    .map(([t, h, a]) => [/dir="back"/.test(a) ? t : h, a]);
}
/** A lane's line: segments between its cells and the gap points under them. */
const laneEdges = (dot: string) => edges(dot).filter(([t, h, a]) => /^n\d+r\d+$/.test(t) && /^n\d+h\d+$/.test(h) && a.includes('arrowhead="none"') && a.includes('weight="100"'));

const violation = { property: 'neverTwice', message: 'n2 got two pings', witnesses: ['n2 counted 2'] };

describe('space-time diagram', () => {
  const spec = toySpec(pingPong, { network: 'multiset', faults: { duplicate: 1, drop: 1 } });
  const lossy = walk(spec, ['n1 pings', 'duplicate ping n1→n2', 'deliver ping n1→n2', 'drop ping n1→n2'], violation);
  const dot = spaceTimeDot(lossy);

  it('draws one lane per node, as a line through every row', () => {
    const heads = [...dot.matchAll(/^\s*(n\d+)r0 \[/gm)].map((m) => m[1]);
    expect(heads).toEqual(['n0', 'n1']);
    expect(dot).toContain('n1 (node)');
    expect(dot).toContain('n2 (node)');
    // rows: heads, 4 steps, final (nothing in flight): 5 segments per lane (each through a gap point)
    expect(laneEdges(dot)).toHaveLength(2 * 5);
    // every row is one rank, lanes in order with the corridors between them (n1's right corridor, n2's left)
    expect(dot).toContain('{ rank=same; g2; n0r2; q0r2; l1r2; n1r2; }');
  });

  it('puts each event on its node\'s lane in trace order, with what it changed', () => {
    expect(dot).toMatch(/n0r1 \[label=<.*1\. pings.*sent: false → true/);
    expect(dot).toMatch(/n1r3 \[label=<.*3\. recv ping ← n1.*got: 0 → 1/);
    expect(dot).toMatch(/n1r2 \[label=<.*2\. ⧉ duplicated: ping n1→n2/);
    expect(dot).toMatch(/n1r4 \[label=<.*4\. ✕ lost: ping n1→n2/);
  });

  it('draws an arrow from the send to each delivery, and a lost copy ending in a bar', () => {
    // one send (step 1), leaving the box for n1's right-hand corridor below it
    expect(exits(dot).map(([t, h]) => `${t}>${h}`)).toEqual(['n0r1>q0h1']);
    // down the corridor to row 3 (delivered) and row 4 (lost)
    const trunk = edges(dot).filter(([t, , a]) => t.startsWith('q0') && a.includes('class="trunk"')).map(([t, h]) => `${t}>${h}`);
    expect(trunk).toEqual(['q0h1>q0r2', 'q0r2>q0h2', 'q0h2>q0r3', 'q0r3>q0h3', 'q0h3>q0r4']);
    const ends = arrivals(dot);
    expect(ends.map(([cell]) => cell)).toEqual(['n1r3', 'n1r4']);
    expect(ends[0][1]).toContain('arrowhead="normal"');
    expect(ends[1][1]).toContain('arrowhead="tee"');
    // the duplicate is two copies of one send: the original is delivered, the copy (dashed) lost
    expect(ends[0][1]).not.toContain('dashed');
    expect(ends[1][1]).toContain('style="dashed"');
  });

  it('highlights the violated property, its witnesses and the nodes they name', () => {
    expect(dot).toContain('VIOLATED: neverTwice');
    expect(dot).toContain('• n2 counted 2');
    expect(witnessNodes(lossy)).toEqual(new Set(['n2']));
    expect(dot).toMatch(/n1r5 \[label=<.*fillcolor="#fde0dc"/);
    expect(edges(dot).filter(([, h]) => h === 'violation').map(([t]) => t)).toEqual(['n1r5']);
  });

  it('lists messages never delivered in an in-flight mark at the bottom, with the step that sent them', () => {
    const t = walk(spec, ['n1 pings']);
    const d = spaceTimeDot(t);
    expect(exits(d)).toEqual([]);
    expect(d).toMatch(/n1r2 \[label=<.*in flight \(sent at step\):.*ping ← n1 \(1\)/);
  });

  it('counts undelivered messages per sender on a set network instead of listing them', () => {
    const t = { ...walk(toySpec(pingPong), ['n1 pings']), network: 'set' as const };
    const d = spaceTimeDot(t);
    expect(d).toMatch(/n1r2 \[label=<.*never delivered:.*1 from n1/);
    expect(d).not.toContain('ping ← n1 (1)');
  });

  it('draws one arrow per delivery when a set network delivers a message twice', () => {
    const t = walk(toySpec(pingPong), ['n1 pings', 'deliver ping n1→n2', 'deliver ping n1→n2']);
    const d = spaceTimeDot(t);
    expect(arrivals(d).map(([cell]) => cell)).toEqual(['n1r2', 'n1r3']);
    expect(exits(d)).toHaveLength(1);
  });

  it('states the legend and the topology in the header', () => {
    expect(dot).toContain('arrows, coloured by sender:');
    expect(dot).toContain('━━┫ lost');
    expect(dot).not.toContain('links at the start');
    const oneWay = spaceTimeDot(walk(toySpec(pingPong, { cuts: [['n1', 'n2']] }), []));
    expect(oneWay).toContain('links at the start (↔ both ways, → one way, ✂ cut both ways):');
    expect(oneWay).toContain('n2 → n1');
    const none = spaceTimeDot(walk(toySpec(pingPong, { cuts: [['n1', 'n2'], ['n2', 'n1']] }), []));
    expect(none).toContain('n1 ✂ n2');
  });

  it('marks a crash, dashes the lane while the node is down, and marks the restart', () => {
    const t = walk(toySpec(pingPong, { faults: { crash: 1, restart: 1 } }), ['n2 crashes', 'n2 restarts (disk kept)']);
    const d = spaceTimeDot(t);
    expect(d).toMatch(/n1r1 \[label=<.*1\. ✖ CRASHES/);
    expect(d).toMatch(/n1r2 \[label=<.*2\. ↻ restarts \(disk kept\)/);
    const n2 = laneEdges(d).filter(([tail]) => tail.startsWith('n1r'));
    expect(n2.map(([, , a]) => a.includes('dashed'))).toEqual([false, true, false]);
  });

  it('shows global time and local clocks for specs with time', () => {
    const t = walk(toySpec(pingPong, { time: { maxTime: 2, skew: 1 } }), ['tick: global time 1', "n1's clock advances to 1", 'n1 pings']);
    const d = spaceTimeDot(t, { usesTime: true });
    expect(d).toMatch(/g1 \[label=<.*1\. tick.*t=1/);
    expect(d).toMatch(/n0r2 \[label=<.*2\. local clock \+1.*t=1 clock=1/);
    expect(d).toMatch(/n0r3 \[label=<.*t=1 clock=1/);
    expect(spaceTimeDot(t)).toContain('t=1 clock=1');
  });

  it('marks a lasso: the loop start and an arrow back to it', () => {
    const t: Trace = { ...walk(toySpec(pingPong), ['n1 pings', 'deliver ping n1→n2', 'deliver ping n1→n2']), loop: 1 };
    const d = spaceTimeDot(t);
    expect(d).toContain('lasso: steps 2–3 repeat forever');
    expect(spaceTimeDot({ ...t, view: 'ballots shifted down' })).toContain('lasso: steps 2–3 repeat forever up to the view (ballots shifted down):');
    expect(d).toMatch(/g2 \[label=<.*⟲ loop/);
    expect(d).toMatch(/g3 \[label=<.*↺ to 2/);
    expect(edges(d).filter(([, , a]) => a.includes('class="loop"')).map(([a, b]) => `${a}>${b}`)).toEqual(['g3>g2']);
  });

  it('uses a monospace font and escapes label text', () => {
    expect(dot).toContain('fontname="Courier"');
    const t = { ...lossy, violation: { property: 'p', message: 'a < b & "c"', witnesses: [] } };
    expect(spaceTimeDot(t)).toContain('a &lt; b &amp; &quot;c&quot;');
  });
});
