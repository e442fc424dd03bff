import { describe, expect, it } from 'vitest';
import { spaceTimeDot, witnessNodes } from '../../../src/checker/report/dot.js';
import type { Trace } from '../../../src/checker/trace.js';
import { pingPong, toySpec } from '../toys.js';
import { walk } from './walk.js';

/** Edges of a DOT text: [tail, head, attribute text]. */
function edges(dot: string): [string, string, string][] {
  return [...dot.matchAll(/^\s*(\w+) -> (\w+)(?: \[(.*)\])?;$/gm)].map((m) => [m[1], m[2], m[3] ?? '']);
}
const messageArrows = (dot: string) => edges(dot).filter(([, , a]) => a.includes('constraint="false"') && !a.includes('class="loop"'));
const laneEdges = (dot: string) => edges(dot).filter(([t, h, a]) => /^n\d+r\d+$/.test(t) && /^n\d+r\d+$/.test(h) && a.includes('arrowhead="none"') && a.includes('weight="100"'));

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
    // rows: heads, 4 steps, final (nothing in flight): 5 segments per lane
    expect(laneEdges(dot)).toHaveLength(2 * 5);
    // every row is one rank, lanes in order
    expect(dot).toContain('{ rank=same; g2; n0r2; n1r2; }');
  });

  it('puts each event on its node\'s lane in trace order, with what it changed', () => {
    expect(dot).toMatch(/n0r1 \[label=<.*1\. pings.*sent: false → true/);
    expect(dot).toMatch(/n1r3 \[label=<.*3\. recv ping ← n1.*got: 0 → 1/);
    expect(dot).toMatch(/n1r2 \[label=<.*2\. ⧉ duplicated: ping n1→n2/);
    expect(dot).toMatch(/n1r4 \[label=<.*4\. ✕ lost: ping n1→n2/);
  });

  it('draws an arrow from the send to each delivery, and a lost copy ending in a cross', () => {
    const arrows = messageArrows(dot);
    const delivered = arrows.filter(([, h]) => h === 'n1r3');
    expect(delivered).toHaveLength(1);
    expect(delivered[0][0]).toBe('n0r1');
    const lost = arrows.filter(([, h]) => h === 'n1r4');
    expect(lost).toHaveLength(1);
    expect(lost[0][0]).toBe('n0r1');
    expect(lost[0][2]).toContain('arrowhead="tee"');
    // the duplicate is two copies of one send: both arrows leave step 1, one of them marked as the copy
    expect(arrows.filter(([t]) => t === 'n0r1')).toHaveLength(2);
    expect(arrows.filter(([, , a]) => a.includes('label="copy"'))).toHaveLength(1);
  });

  it('highlights the violated property, its witnesses and the nodes they name', () => {
    expect(dot).toContain('VIOLATED: neverTwice');
    expect(dot).toContain('• n2 counted 2');
    expect(witnessNodes(lossy)).toEqual(new Set(['n2']));
    expect(dot).toMatch(/n1r5 \[label=<.*fillcolor="#fde0dc"/);
    expect(edges(dot).filter(([, h]) => h === 'violation').map(([t]) => t)).toEqual(['n1r5']);
  });

  it('ends messages never delivered in an in-flight mark at the bottom', () => {
    const t = walk(spec, ['n1 pings']);
    const d = spaceTimeDot(t);
    const arrows = messageArrows(d);
    expect(arrows).toEqual([['n0r1', 'n1r2', expect.stringContaining('style="dotted"')]]);
    expect(d).toMatch(/n1r2 \[label=<.*in flight:.*ping ← n1/);
  });

  it('draws one arrow per delivery when a set network delivers a message twice', () => {
    const t = walk(toySpec(pingPong), ['n1 pings', 'deliver ping n1→n2', 'deliver ping n1→n2']);
    const arrows = messageArrows(spaceTimeDot(t));
    expect(arrows.map(([a, b]) => `${a}>${b}`)).toEqual(['n0r1>n1r2', 'n0r1>n1r3']);
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
