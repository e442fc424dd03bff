/**
 * The space-time diagram as written to disk: its DOT text and its SVG, with
 * the topology graph (topology.ts, laid out on its own by circo) drawn into
 * the room the header keeps for it.
 */
import type { Trace } from '../trace.js';
import { TOPOLOGY_SLOT } from './dot-header.js';
import { PALETTE, spaceTimeDot, type DiagramOptions } from './dot.js';
import { renderSvg } from './svg.js';
import { topologyDot } from './topology.js';

export interface Diagram {
  readonly dot: string;
  readonly svg: string;
}

interface SmallSvg {
  readonly width: number;
  readonly height: number;
  readonly viewBox: string;
  readonly body: string;
}

function parseSmall(svg: string): SmallSvg {
  const size = /<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([^"]+)"/.exec(svg);
  const start = svg.indexOf('<g id="graph0"');
  const end = svg.lastIndexOf('</svg>');
  if (size === null || start < 0 || end < 0) throw new Error('unexpected SVG from Graphviz');
  return { width: Number(size[1]), height: Number(size[2]), viewBox: size[3], body: svg.slice(start, end).replace('<g id="graph0"', '<g id="topology"') };
}

/** Puts the small graph where the slot cell was drawn. */
function inject(svg: string, small: SmallSvg): string {
  const re = new RegExp(`<polygon fill="${TOPOLOGY_SLOT}" stroke="none" points="([^"]+)"/>`);
  const m = re.exec(svg);
  if (m === null) return svg;
  const ps = [...m[1].matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])]);
  const x = Math.min(...ps.map((p) => p[0]));
  const y = Math.min(...ps.map((p) => p[1]));
  const w = Math.max(...ps.map((p) => p[0])) - x;
  const h = Math.max(...ps.map((p) => p[1])) - y;
  return svg.replace(m[0], `<svg x="${x}" y="${y}" width="${w}" height="${h}" viewBox="${small.viewBox}">${small.body}</svg>`);
}

export async function renderDiagram(trace: Trace, options: DiagramOptions = {}): Promise<Diagram> {
  const topo = topologyDot(trace, PALETTE);
  if (topo === undefined) {
    const dot = spaceTimeDot(trace, options);
    return { dot, svg: await renderSvg(dot) };
  }
  const small = parseSmall(await renderSvg(topo));
  const dot = spaceTimeDot(trace, { ...options, topology: { width: small.width, height: small.height } });
  return { dot, svg: inject(await renderSvg(dot), small) };
}
