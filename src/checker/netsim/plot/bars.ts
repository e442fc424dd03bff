/**
 * A comparison across variants or networks, two panels of bars: a
 * percentage on the left (availability, or runs that decided) and a pair of
 * times on the right (p50 and p99 latency, or mean and worst time to decide).
 */
import { PALETTE, axes, document, esc, f2, legend, sx, sy, type Frame } from './svg.js';

export interface BarRow {
  readonly label: string;
  /** A fraction, drawn as a percentage. */
  readonly fraction: number | null;
  readonly times: readonly [number | null, number | null];
}

export interface BarAxes {
  readonly fraction: string;
  readonly times: string;
  readonly timeNames: readonly [string, string];
}

export function comparisonSvg(title: string, rows: readonly BarRow[], names: BarAxes): string {
  const W = 900;
  const H = 380;
  const n = Math.max(1, rows.length);
  const left: Frame = { x: 60, y: 50, w: 300, h: 230, x0: 0, x1: n, y0: 0, y1: 100 };
  const maxLat = Math.max(1, ...rows.flatMap((r) => [r.times[0] ?? 0, r.times[1] ?? 0]));
  const right: Frame = { x: 460, y: 50, w: 320, h: 230, x0: 0, x1: n, y0: 0, y1: maxLat * 1.1 };
  const body: string[] = [];
  body.push(...axes(left, '', names.fraction, { xTicks: false }));
  body.push(...axes(right, '', names.times, { xTicks: false }));
  rows.forEach((r, i) => {
    const bw = left.w / n;
    const x = sx(left, i) + bw * 0.15;
    if (r.fraction !== null) {
      const y = sy(left, r.fraction * 100);
      body.push(`<rect x="${f2(x)}" y="${f2(y)}" width="${f2(bw * 0.7)}" height="${f2(left.y + left.h - y)}" fill="${PALETTE[0]}"/>`);
      body.push(`<text x="${f2(x + bw * 0.35)}" y="${f2(y - 3)}" text-anchor="middle">${(r.fraction * 100).toFixed(1)}</text>`);
    }
    const rw = right.w / n;
    const rx = sx(right, i) + rw * 0.1;
    r.times.forEach((v, j) => {
      if (v === null) return;
      const y = sy(right, v);
      body.push(`<rect x="${f2(rx + j * rw * 0.4)}" y="${f2(y)}" width="${f2(rw * 0.38)}" height="${f2(right.y + right.h - y)}" fill="${PALETTE[j + 1]}"/>`);
      body.push(`<text x="${f2(rx + j * rw * 0.4 + rw * 0.19)}" y="${f2(y - 3)}" text-anchor="middle">${v >= 100 ? Math.round(v) : v.toFixed(1)}</text>`);
    });
    for (const [f, w] of [[left, bw], [right, rw]] as const) {
      const cx = sx(f, i) + w / 2;
      body.push(`<text transform="translate(${f2(cx)},${f2(f.y + f.h + 12)}) rotate(25)" text-anchor="start">${esc(r.label)}</text>`);
    }
  });
  body.push(...legend(W - 100, 60, [{ label: names.timeNames[0], color: PALETTE[1] }, { label: names.timeNames[1], color: PALETTE[2] }]));
  return document(W, H + 40, title, body);
}
