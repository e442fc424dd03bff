/** Empirical CDFs of client latency, one line per variant, on a log time axis. */
import { PALETTE, document, f2, legend, polyline, sy, tickText, type Frame } from './svg.js';

export interface CdfSeries {
  readonly label: string;
  readonly values: readonly number[];
}

export function cdfSvg(title: string, series: readonly CdfSeries[]): string {
  const labels = series.map((s) => `${s.label} (${s.values.length})`);
  // Wide enough for the longest legend label (about 6.5 px a character at 11 px sans-serif).
  const W = Math.max(760, Math.ceil(60 + 520 + 31 + 6.5 * Math.max(0, ...labels.map((l) => l.length)) + 10));
  const H = 380;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const lo = all.length === 0 ? 0.1 : Math.min(...all);
  const hi = all.length === 0 ? 1 : Math.max(...all);
  const l0 = Math.floor(Math.log10(lo));
  const l1 = Math.max(l0 + 1, Math.ceil(Math.log10(hi)));
  const f: Frame = { x: 60, y: 40, w: 520, h: H - 100, x0: l0, x1: l1, y0: 0, y1: 1 };
  const lx = (v: number): number => f.x + ((Math.log10(Math.max(v, 10 ** l0)) - l0) / (l1 - l0)) * f.w;
  const body: string[] = [`<rect x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}" fill="none" stroke="#444"/>`];
  for (let e = l0; e <= l1; e++) {
    for (const m of e < l1 ? [1, 2, 5] : [1]) {
      const v = m * 10 ** e;
      const x = lx(v);
      body.push(`<line x1="${f2(x)}" y1="${f.y}" x2="${f2(x)}" y2="${f.y + f.h}" stroke="${m === 1 ? '#ccc' : '#eee'}"/>`);
      body.push(`<text x="${f2(x)}" y="${f.y + f.h + 14}" text-anchor="middle">${tickText(v)}</text>`);
    }
  }
  for (const t of [0, 0.25, 0.5, 0.75, 0.9, 0.99, 1]) {
    const y = sy(f, t);
    body.push(`<line x1="${f.x}" y1="${f2(y)}" x2="${f.x + f.w}" y2="${f2(y)}" stroke="#eee"/>`);
    body.push(`<text x="${f.x - 5}" y="${f2(y + 4)}" text-anchor="end">${t}</text>`);
  }
  body.push(`<text x="${f.x + f.w / 2}" y="${f.y + f.h + 32}" text-anchor="middle">request latency (ms, log scale)</text>`);
  body.push(`<text transform="translate(${f.x - 42},${f.y + f.h / 2}) rotate(-90)" text-anchor="middle">fraction of completed requests</text>`);
  series.forEach((s, k) => {
    const v = [...s.values].sort((a, b) => a - b);
    if (v.length === 0) return;
    const pts: [number, number][] = [];
    const n = v.length;
    // At most ~400 points per line: enough to be smooth, small enough to commit.
    const stride = Math.max(1, Math.floor(n / 400));
    for (let i = 0; i < n; i += stride) pts.push([lx(v[i]), sy(f, (i + 1) / n)]);
    pts.push([lx(v[n - 1]), sy(f, 1)]);
    body.push(polyline(pts, PALETTE[k % PALETTE.length]));
  });
  body.push(...legend(f.x + f.w + 15, f.y + 10, series.map((_s, k) => ({ label: labels[k], color: PALETTE[k % PALETTE.length] }))));
  return document(W, H, title, body);
}
