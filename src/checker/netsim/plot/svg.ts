/**
 * A very small SVG writer for the simulator's charts: linear axes with
 * round ticks, polylines, rectangles, text. Written for this one job
 * rather than taking a plotting library: the candidates that render SVG in
 * Node without a browser (vega with its node canvas-less renderer, d3 with
 * jsdom) pull in tens of packages for three chart types, and their output
 * varies with versions; this file's output depends only on the numbers, so
 * committed plots regenerate byte for byte.
 */

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const f2 = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Round tick values covering [lo, hi], about `n` of them. */
export function ticks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

export function tickText(v: number): string {
  if (Math.abs(v) >= 1000) return v.toLocaleString('en-US');
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
}

export interface Frame {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

export const sx = (f: Frame, v: number): number => f.x + ((v - f.x0) / (f.x1 - f.x0 || 1)) * f.w;
export const sy = (f: Frame, v: number): number => f.y + f.h - ((v - f.y0) / (f.y1 - f.y0 || 1)) * f.h;

/** Axes, grid and tick labels of a frame. */
export function axes(f: Frame, xLabel: string, yLabel: string, opts: { xTicks?: boolean; yTicks?: boolean; yFormat?: (v: number) => string } = {}): string[] {
  const out: string[] = [`<rect x="${f2(f.x)}" y="${f2(f.y)}" width="${f2(f.w)}" height="${f2(f.h)}" fill="none" stroke="#444"/>`];
  for (const t of opts.xTicks === false ? [] : ticks(f.x0, f.x1, 8)) {
    const x = sx(f, t);
    out.push(`<line x1="${f2(x)}" y1="${f2(f.y)}" x2="${f2(x)}" y2="${f2(f.y + f.h)}" stroke="#ddd"/>`);
    out.push(`<text x="${f2(x)}" y="${f2(f.y + f.h + 14)}" text-anchor="middle">${tickText(t)}</text>`);
  }
  if (opts.yTicks !== false) {
    for (const t of ticks(f.y0, f.y1, 5)) {
      const y = sy(f, t);
      out.push(`<line x1="${f2(f.x)}" y1="${f2(y)}" x2="${f2(f.x + f.w)}" y2="${f2(y)}" stroke="#eee"/>`);
      out.push(`<text x="${f2(f.x - 5)}" y="${f2(y + 4)}" text-anchor="end">${esc((opts.yFormat ?? tickText)(t))}</text>`);
    }
  }
  out.push(`<text x="${f2(f.x + f.w / 2)}" y="${f2(f.y + f.h + 30)}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(${f2(f.x - 42)},${f2(f.y + f.h / 2)}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  return out;
}

export function polyline(points: readonly (readonly [number, number])[], color: string, width = 1.5): string {
  const text: string[] = [];
  for (const [x, y] of points) {
    const p = `${f2(x)},${f2(y)}`;
    if (text[text.length - 1] !== p) text.push(p);
  }
  return `<polyline fill="none" stroke="${color}" stroke-width="${width}" points="${text.join(' ')}"/>`;
}

export function legend(x: number, y: number, items: readonly { readonly label: string; readonly color: string }[]): string[] {
  return items.flatMap((it, i) => [
    `<rect x="${f2(x)}" y="${f2(y + i * 16 - 9)}" width="12" height="10" fill="${it.color}"/>`,
    `<text x="${f2(x + 16)}" y="${f2(y + i * 16)}">${esc(it.label)}</text>`,
  ]);
}

export function document(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
