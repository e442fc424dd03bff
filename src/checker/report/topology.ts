/**
 * The topology a trace starts on, as a small graph for the diagram's
 * header: one circle per node (in its lane's colour), a line for a link
 * that delivers both ways, an arrow for one that delivers one way only; a
 * pair with no line is cut both ways. Drawn only when some link is cut
 * (`topology.cut`, `topology.reachesOnly`): on a full mesh it says nothing.
 */
import type { Trace } from '../trace.js';
import { attrs, FONT } from './dot-text.js';

export function topologyDot(trace: Trace, palette: readonly string[]): string | undefined {
  const cuts = trace.initial.cuts;
  if (cuts.length === 0) return undefined;
  const ids = trace.initial.nodes.map((n) => n.id);
  const cut = new Set(cuts.map(([a, b]) => `${a}>${b}`));
  const up = (a: string, b: string): boolean => !cut.has(`${a}>${b}`);
  const out = ['digraph topology {', `  graph${attrs({ layout: ids.length >= 3 ? 'circo' : 'dot', rankdir: 'LR', bgcolor: 'transparent', pad: 0.05, mindist: 0.6 })};`];
  out.push(`  node${attrs({ shape: 'circle', fixedsize: 'true', width: 0.42, fontname: FONT, fontsize: 10, style: 'filled', fillcolor: 'white', penwidth: 1.6 })};`);
  out.push(`  edge${attrs({ arrowsize: 0.6, penwidth: 1.2, color: '#555555' })};`);
  ids.forEach((id, j) => out.push(`  t${j}${attrs({ label: id, color: palette[j % palette.length], fontcolor: palette[j % palette.length] })};`));
  ids.forEach((a, i) =>
    ids.forEach((b, k) => {
      if (k <= i) return;
      const ab = up(a, b);
      const ba = up(b, a);
      if (ab && ba) out.push(`  t${i} -> t${k}${attrs({ dir: 'none' })};`);
      else if (ab) out.push(`  t${i} -> t${k};`);
      else if (ba) out.push(`  t${k} -> t${i};`);
    }),
  );
  out.push('}');
  return out.join('\n') + '\n';
}
