/**
 * Leader and term per node over one run: the top panel plots each node's
 * term as a step line, the bottom one a lane per node (solid while it leads,
 * grey while it is down); times when links are cut are shaded across both.
 */
import type { RawRun } from '../engine.js';
import { PALETTE, axes, document, esc, f2, legend, polyline, sx, sy, type Frame } from './svg.js';

export function timelineSvg(title: string, run: RawRun, nodes: readonly string[]): string {
  const W = 900;
  const laneH = 16;
  const top: Frame = { x: 60, y: 40, w: W - 160, h: 180, x0: 0, x1: run.duration / 1000, y0: 0, y1: 1 };
  const maxTerm = Math.max(1, ...run.timeline.map((p) => p.term ?? 0));
  const termFrame: Frame = { ...top, y1: maxTerm };
  const lanes: Frame = { ...top, y: top.y + top.h + 50, h: laneH * nodes.length, y0: 0, y1: nodes.length };
  const H = lanes.y + lanes.h + 50;
  const body: string[] = [];
  // Partitions: shade while any link is cut.
  for (let i = 0; i < run.cuts.length; i++) {
    const c = run.cuts[i];
    if (c.cuts === 0) continue;
    const end = i + 1 < run.cuts.length ? run.cuts[i + 1].t : run.duration;
    for (const f of [termFrame, lanes]) {
      const x0 = sx(f, c.t / 1000);
      const x1 = sx(f, end / 1000);
      body.push(`<rect x="${f2(x0)}" y="${f2(f.y)}" width="${f2(Math.max(0.5, x1 - x0))}" height="${f2(f.h)}" fill="#f4cccc" opacity="0.7"/>`);
    }
  }
  body.push(...axes(termFrame, 'time (s)', 'term'));
  nodes.forEach((id, k) => {
    const pts = run.timeline.filter((p) => p.node === id);
    const line: [number, number][] = [];
    let last: number | null = null;
    for (const p of pts) {
      if (p.term === null) continue;
      const x = sx(termFrame, p.t / 1000);
      if (last !== null) line.push([x, sy(termFrame, last)]);
      line.push([x, sy(termFrame, p.term)]);
      last = p.term;
    }
    if (last !== null) line.push([sx(termFrame, run.duration / 1000), sy(termFrame, last)]);
    if (line.length > 0) body.push(polyline(line, PALETTE[k % PALETTE.length], 1.2));
  });
  body.push(...axes(lanes, 'time (s)', '', { yTicks: false }));
  nodes.forEach((id, k) => {
    const y = lanes.y + k * laneH;
    body.push(`<text x="${f2(lanes.x - 5)}" y="${f2(y + laneH - 4)}" text-anchor="end">${esc(id)}</text>`);
    const pts = run.timeline.filter((p) => p.node === id);
    pts.forEach((p, i) => {
      const end = i + 1 < pts.length ? pts[i + 1].t : run.duration;
      if (!p.leader && p.up) return;
      const x0 = sx(lanes, p.t / 1000);
      const x1 = sx(lanes, end / 1000);
      const fill = p.up ? PALETTE[k % PALETTE.length] : '#999';
      body.push(`<rect x="${f2(x0)}" y="${f2(y + 2)}" width="${f2(Math.max(0.6, x1 - x0))}" height="${laneH - 4}" fill="${fill}"/>`);
    });
  });
  body.push(
    ...legend(W - 90, 50, [
      ...nodes.map((id, k) => ({ label: id, color: PALETTE[k % PALETTE.length] })),
      { label: 'links cut', color: '#f4cccc' },
      { label: 'down', color: '#999' },
    ]),
  );
  body.push(`<text x="${f2(lanes.x)}" y="${f2(lanes.y - 6)}">leader (solid) per node</text>`);
  return document(W, H, title, body);
}
