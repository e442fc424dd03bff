/**
 * The claim of routes.ts, checked on the rendered geometry: no message
 * arrow passes under any box (an event, a lane's head, a final state, an
 * in-flight mark) other than touching its own sender's and receiver's
 * boxes at their edges.
 */
import { describe, expect, it } from 'vitest';
import { spaceTimeDot } from '../../../src/checker/report/dot.js';
import { gridColumns, routeOf } from '../../../src/checker/report/routes.js';
import { renderSvg } from '../../../src/checker/report/svg.js';
import { checkSpec } from '../../../src/checker/run.js';
import { loadSpecs } from '../../../src/cli/check.js';

interface Box {
  readonly id: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const numbers = (d: string): number[][] => [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

function boxes(svg: string): Box[] {
  return [...svg.matchAll(/<g id="((?:ev|head|final|inflight)\d+|violation)" class="node">[\s\S]*?<(?:path|polygon) [^>]*(?:d|points)="([^"]+)"/g)].map((m) => {
    const ps = numbers(m[2]);
    const xs = ps.map((p) => p[0]);
    const ys = ps.map((p) => p[1]);
    return { id: m[1], x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  });
}

/** Each message edge as a polyline (under splines=line every control point lies on the segment). */
function arrows(svg: string): { cls: string; points: number[][] }[] {
  return [...svg.matchAll(/<g id="edge\d+" class="edge ((?:in|out|trunk)[^"]*)">[\s\S]*?<path [^>]*d="([^"]+)"/g)].map((m) => ({ cls: m[1], points: numbers(m[2]) }));
}

/** Whether segment p-q passes through the inside of b shrunk by 2pt (Liang-Barsky). */
function crosses(p: number[], q: number[], b: Box): boolean {
  const [x0, y0, x1, y1] = [b.x0 + 2, b.y0 + 2, b.x1 - 2, b.y1 - 2];
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  let t0 = 0;
  let t1 = 1;
  for (const [pp, qq] of [[-dx, p[0] - x0], [dx, x1 - p[0]], [-dy, p[1] - y0], [dy, y1 - p[1]]]) {
    if (pp === 0) {
      if (qq < 0) return false;
      continue;
    }
    const t = qq / pp;
    if (pp < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

async function underBoxes(spec: string): Promise<string[]> {
  const [s] = loadSpecs([spec]);
  const r = checkSpec(s);
  if (r.trace === undefined) throw new Error(`${spec}: expected a counterexample`);
  const svg = await renderSvg(spaceTimeDot(r.trace));
  const bs = boxes(svg);
  expect(bs.length).toBeGreaterThan(r.trace.steps.length);
  const as = arrows(svg);
  expect(as.length).toBeGreaterThan(r.trace.steps.length);
  const bad: string[] = [];
  for (const a of as) for (let k = 0; k + 1 < a.points.length; k++) for (const b of bs) if (crosses(a.points[k], a.points[k + 1], b)) bad.push(`${a.cls} under ${b.id}`);
  return bad;
}

describe('message routes', () => {
  it('gives each lane a corridor on each side that has a neighbour, and a lone lane one on its right', () => {
    expect(gridColumns(3).map((c) => `${c.kind}${c.lane}`)).toEqual(['lane0', 'right0', 'left1', 'lane1', 'right1', 'left2', 'lane2']);
    expect(gridColumns(1).map((c) => `${c.kind}${c.lane}`)).toEqual(['lane0', 'right0']);
  });

  it("runs a message down its sender's corridor on the receiver's side", () => {
    const lanes = new Map([['a', 0], ['b', 1], ['c', 2]]);
    const cols = gridColumns(3);
    const left = routeOf({ from: 'c', to: 'a', text: 'm', sentAt: 2, end: { kind: 'deliver', at: 5 } }, lanes, cols);
    expect(left && cols[left.corridor]).toEqual({ kind: 'left', lane: 2 });
    expect(left && [left.from.row, left.to.row]).toEqual([3, 6]);
    const self = routeOf({ from: 'b', to: 'b', text: 'm', sentAt: -1, end: { kind: 'drop', at: 0 } }, lanes, cols);
    expect(self && cols[self.corridor]).toEqual({ kind: 'right', lane: 1 });
    expect(routeOf({ from: 'a', to: 'b', text: 'm', sentAt: 0, end: { kind: 'inflight' } }, lanes, cols)).toBeUndefined();
  });

  it('never passes under a box in the Paxos ignore-promised-values counterexample', { timeout: 120_000 }, async () => {
    expect(await underBoxes('spec/paxos/ignore-promised-values.json')).toEqual([]);
  });

  it('never passes under a box in a Raft counterexample', { timeout: 120_000 }, async () => {
    expect(await underBoxes('spec/raft/no-up-to-date-check.json')).toEqual([]);
  });
});
