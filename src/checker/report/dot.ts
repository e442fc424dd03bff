/**
 * A counterexample as a Graphviz space-time diagram: one lane per node,
 * time flowing down, one row per step. Each event sits on its node's lane
 * with what it changed; arrows run from each send to its delivery along
 * corridors between the lanes, never under a box (routes.ts); a lost
 * message ends in a bar; messages still in flight at the end are listed at
 * the bottom (on a set network, counted per sender). The header states the
 * parameters, the topology and a legend; the final states of the nodes the
 * violation names, and the violation itself, are highlighted; a lasso's
 * cycle is marked in the step column on the left, with its view.
 */
import type { NodeId } from '../../model/contract.js';
import type { Trace, WorldSnapshot } from '../trace.js';
import { FONT, attrs, clip, lines, wrap, type Line } from './dot-text.js';
import { headerLabel, type Slot } from './dot-header.js';
import { clockText, diagramEvents, traceUsesTime, type EventStyle } from './events.js';
import { messageFlows, type Flow } from './flows.js';
import { gridColumns, routeSegments } from './routes.js';

export interface DiagramOptions {
  /** Show global time and local clocks; by default, when the trace moves them. */
  readonly usesTime?: boolean;
  /** Room in the header for the topology graph (diagram.ts draws it there); without it the topology is listed as text. */
  readonly topology?: Slot;
}

const FILL: Readonly<Record<EventStyle, string>> = {
  local: '#dbe9f6',
  deliver: '#ffffff',
  crash: '#f4c7c3',
  restart: '#d9ead3',
  amnesia: '#fce5cd',
  clock: '#eeeeee',
  network: '#fff2cc',
  cut: '#fce4ec',
  heal: '#e8f5e9',
  drop: '#ffffff',
};

/** One colour per sending node, so a broadcast reads as one family of arrows. Red is kept for faults. */
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79'];

export const RED = '#c62828';
const GREY = '#9e9e9e';

function mentions(text: string, id: NodeId): boolean {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${esc}([^A-Za-z0-9_]|$)`).test(text);
}

/** Nodes the violation names: their final states are the evidence. */
export function witnessNodes(trace: Trace): Set<NodeId> {
  const v = trace.violation;
  const out = new Set<NodeId>();
  if (v === undefined) return out;
  const texts = [v.message, ...v.witnesses];
  for (const n of trace.initial.nodes) if (texts.some((t) => mentions(t, n.id))) out.add(n.id);
  return out;
}

/** What an in-flight mark lists for one receiving lane. */
function inflightLines(trace: Trace, mine: readonly Flow[]): Line[] {
  if (mine.length === 0) return [];
  const grey = '#666666';
  if (trace.network === 'set') {
    // A set network keeps every message ever sent: what was never delivered is counted, not listed.
    const per = new Map<string, number>();
    for (const f of mine) per.set(f.from, (per.get(f.from) ?? 0) + 1);
    return [{ text: 'never delivered:', color: grey }, ...[...per].map(([from, k]): Line => ({ text: `${k} from ${from}`, color: grey }))];
  }
  const shown = mine.slice(0, 5).map((f): Line => ({ text: clip(`${f.text} ← ${f.from}${f.sentAt >= 0 ? ` (${f.sentAt + 1})` : ''}`, 44), color: grey }));
  if (mine.length > 5) shown.push({ text: `… ${mine.length - 5} more`, color: grey });
  return [{ text: 'in flight (sent at step):', color: grey }, ...shown];
}

export function spaceTimeDot(trace: Trace, options: DiagramOptions = {}): string {
  const usesTime = options.usesTime ?? traceUsesTime(trace);
  const ids = trace.initial.nodes.map((n) => n.id);
  const laneOf = new Map(ids.map((id, j) => [id, j]));
  const events = diagramEvents(trace, usesTime);
  const flows = messageFlows(trace);
  const inflight = flows.filter((f) => f.end.kind === 'inflight');
  const n = trace.steps.length;
  const inflightRow = inflight.length > 0 ? n + 1 : -1;
  const finalRow = inflight.length > 0 ? n + 2 : n + 1;
  const worlds: WorldSnapshot[] = [trace.initial, ...trace.steps.map((s) => s.world)];
  const final = worlds[worlds.length - 1];
  const witnesses = witnessNodes(trace);
  const columns = gridColumns(ids.length);
  const rows = [0, ...events.map((_, i) => i + 1), ...(inflightRow > 0 ? [inflightRow] : []), finalRow];

  const headLines = (j: number): Line[] => {
    const node = trace.initial.nodes[j];
    const ls: Line[] = [{ text: `${node.id} (${node.role})`, bold: true, color: PALETTE[j % PALETTE.length] }, ...wrap(node.summary, 46).map((t): Line => ({ text: t, color: '#555555' }))];
    if (usesTime) ls.push({ text: clockText(trace.initial, node), color: '#666666' });
    return ls;
  };
  const finalLines = (j: number): Line[] => {
    const node = final.nodes[j];
    const ls: Line[] = [{ text: `${node.id}${node.up ? '' : ' (down)'}`, bold: true }, ...wrap(node.summary, 46).map((t): Line => ({ text: t }))];
    if (usesTime) ls.push({ text: clockText(final, node), color: '#666666' });
    return ls;
  };
  const inflightOf = (j: number): Line[] => inflightLines(trace, inflight.filter((f) => f.to === ids[j]));
  // Every box of a lane fits in the lane's column: the heads are as wide as
  // the widest box below them, so a corridor between two lanes never meets a
  // box (Courier 10pt: 6pt a character).
  const laneChars = ids.map((_, j) => Math.max(...[headLines(j), finalLines(j), inflightOf(j)].flat().map((l) => l.text.length)));
  events.forEach((e) => {
    const j = e.lane === null ? -1 : (laneOf.get(e.lane) ?? -1);
    if (j >= 0) laneChars[j] = Math.max(laneChars[j], ...e.lines.map((l) => l.text.length));
  });
  const laneWidth = (j: number): string => ((laneChars[j] * 6 + 20) / 72).toFixed(2);

  // Between two rows, a gap rank where an arrow leaving a box's bottom turns into its corridor, clear of every box.
  const ranks = rows.flatMap((r, k) => (k + 1 < rows.length ? [`r${r}`, `h${r}`] : [`r${r}`]));
  const cell = (j: number, r: number): string => `n${j}r${r}`;
  const gutter = (r: number): string => `g${r}`;
  const atKey = (c: number, key: string): string => {
    const col = columns[c];
    return `${col.kind === 'lane' ? 'n' : col.kind === 'left' ? 'l' : 'q'}${col.lane}${key}`;
  };
  const at = (c: number, r: number): string => atKey(c, `r${r}`);
  const out: string[] = [];
  out.push('digraph spacetime {');
  out.push(`  graph${attrs({ label: headerLabel(trace, PALETTE, RED, options.topology), labelloc: 't', labeljust: 'l', fontname: FONT, fontsize: 12, newrank: 'true', nodesep: 0.16, ranksep: 0.1, splines: 'line', bgcolor: 'white', pad: 0.3, outputorder: 'edgesfirst' })};`);
  out.push(`  node${attrs({ fontname: FONT, fontsize: 10, shape: 'box', style: 'rounded,filled', fillcolor: 'white', color: '#555555', margin: '0.08,0.04' })};`);
  out.push(`  edge${attrs({ fontname: FONT, fontsize: 9, arrowsize: 0.7 })};`);

  // Corridor points (one per rank) and the lanes' points in the gap ranks: invisible, where arrows turn.
  for (const key of ranks) {
    if (key.startsWith('h')) out.push(`  g${key}${attrs({ shape: 'point', width: 0.01, height: 0.01, label: '', style: 'invis' })};`);
    columns.forEach((c, k) => {
      if (c.kind !== 'lane' || key.startsWith('h')) out.push(`  ${atKey(k, key)}${attrs({ shape: 'point', width: 0.01, height: 0.01, label: '', style: 'invis' })};`);
    });
  }

  // Row 0: the lanes' heads, with the initial states.
  const head: Line[] = [{ text: 'step' }];
  if (usesTime) head.push({ text: 'time' });
  out.push(`  ${gutter(0)}${attrs({ label: lines(head), shape: 'plaintext', style: '' })};`);
  ids.forEach((_, j) => {
    out.push(`  ${cell(j, 0)}${attrs({ label: lines(headLines(j)), width: laneWidth(j), fillcolor: '#f3f3f3', penwidth: 1.5, style: 'filled', id: `head${j}` })};`);
  });

  // Rows 1..n: one event per step, a bare lane point elsewhere.
  events.forEach((e, i) => {
    const r = i + 1;
    const w = worlds[r];
    const g: Line[] = [{ text: `${r}` }];
    if (usesTime) g.push({ text: `t=${w.time}` });
    if (trace.loop === i) g.unshift({ text: '⟲ loop', bold: true, color: '#1565c0' });
    if (trace.loop !== undefined && i === n - 1) g.push({ text: `↺ to ${trace.loop + 1}`, bold: true, color: '#1565c0' });
    const tick = e.lane === null;
    out.push(`  ${gutter(r)}${attrs(tick ? { label: lines([{ text: `${r}. tick`, bold: true }, { text: `t=${w.time}` }]), shape: 'box', style: 'rounded,filled', fillcolor: FILL.clock, id: `ev${r}` } : { label: lines(g), shape: 'plaintext', style: '', id: `row${r}` })};`);
    ids.forEach((id, j) => {
      if (id !== e.lane) {
        out.push(`  ${cell(j, r)}${attrs({ shape: 'point', width: 0.02, height: 0.02, label: '', style: 'invis' })};`);
        return;
      }
      const style = e.style;
      const dashed = style === 'network' || style === 'cut' || style === 'heal' || style === 'drop';
      out.push(
        `  ${cell(j, r)}${attrs({
          label: lines(e.lines),
          fillcolor: FILL[style],
          style: dashed ? 'rounded,filled,dashed' : 'rounded,filled',
          color: style === 'crash' || style === 'drop' || style === 'cut' ? RED : '#555555',
          penwidth: style === 'crash' ? 2 : 1,
          id: `ev${r}`,
        })};`,
      );
    });
  });

  // In flight at the end: one mark per receiving lane, listing (or counting) what never arrived.
  if (inflightRow > 0) {
    out.push(`  ${gutter(inflightRow)}${attrs({ label: lines([{ text: 'in flight' }]), shape: 'plaintext', style: '', fontcolor: '#777777' })};`);
    ids.forEach((_, j) => {
      const ls = inflightOf(j);
      if (ls.length === 0) out.push(`  ${cell(j, inflightRow)}${attrs({ shape: 'point', width: 0.02, height: 0.02, label: '', style: 'invis' })};`);
      else out.push(`  ${cell(j, inflightRow)}${attrs({ label: lines(ls), style: 'rounded,dotted,filled', fillcolor: 'white', color: '#999999', id: `inflight${j}` })};`);
    });
  }

  // Final row: every node's final state; those the violation names in red.
  out.push(`  ${gutter(finalRow)}${attrs({ label: lines([{ text: 'end', bold: true }]), shape: 'plaintext', style: '' })};`);
  final.nodes.forEach((node, j) => {
    const hot = witnesses.has(node.id);
    out.push(`  ${cell(j, finalRow)}${attrs({ label: lines(finalLines(j)), width: laneWidth(j), style: 'filled', fillcolor: hot ? '#fde0dc' : '#f3f3f3', color: hot ? RED : '#555555', penwidth: hot ? 2.5 : 1.5, id: `final${j}` })};`);
  });

  if (trace.violation !== undefined) {
    const v = trace.violation;
    const ls: Line[] = [{ text: `VIOLATED: ${v.property}`, bold: true, color: RED }, ...wrap(v.message, 72).map((t): Line => ({ text: t }))];
    for (const w of v.witnesses) {
      // Indented witnesses are preformatted (a history timeline): kept whole, spaces kept (SVG collapses plain ones).
      if (w.startsWith('  ')) ls.push({ text: w.replace(/ /g, '\u00a0') });
      else wrap(`• ${w}`, 72).forEach((t, k) => ls.push({ text: k === 0 ? t : `  ${t}` }));
    }
    out.push(`  violation${attrs({ label: lines(ls), style: 'filled', fillcolor: '#fde0dc', color: RED, penwidth: 2.5, id: 'violation' })};`);
  }

  // Routes: a corridor segment per (column, rank) and a row segment per (column, row), each drawn once.
  const { down, across, exits: exitList } = routeSegments(flows, laneOf, columns, ranks, PALETTE, RED);
  const exits = exitList.map((e) => `  ${at(e.column, e.row)} -> ${atKey(e.corridor, `h${e.row}`)}${attrs({ constraint: 'false', color: e.color, penwidth: 1.3, arrowhead: 'none', tailport: 's', headclip: 'false', class: `out out${e.row}` })};`);

  // Rows and lanes: each row on one rank, in column order; lanes as vertical lines.
  for (const key of ranks) {
    const g = `g${key.slice(key.startsWith('r') ? 1 : 0)}`;
    const members = [g, ...columns.map((_, c) => atKey(c, key))];
    out.push(`  { rank=same; ${members.join('; ')}; }`);
    out.push(`  ${g} -> ${members[1]}${attrs({ style: 'invis' })};`);
    columns.forEach((_, c) => {
      if (c + 1 >= columns.length) return;
      const seg = across.get(`${c}:${key}`);
      if (seg === undefined) {
        out.push(`  ${atKey(c, key)} -> ${atKey(c + 1, key)}${attrs({ style: 'invis' })};`);
        return;
      }
      const mark = seg.tee === true ? 'tee' : 'normal';
      out.push(
        `  ${atKey(c, key)} -> ${atKey(c + 1, key)}${attrs({
          color: seg.color,
          penwidth: 1.3,
          style: seg.style,
          dir: seg.arrow === 'tail' ? 'back' : 'forward',
          arrowhead: seg.arrow === 'head' ? mark : 'none',
          arrowtail: seg.arrow === 'tail' ? mark : undefined,
          // Unclipped at the corridor points, so a route reads as one unbroken line.
          tailclip: seg.arrow === 'tail' ? undefined : 'false',
          headclip: seg.arrow === 'head' ? undefined : 'false',
          class: seg.cls,
        })};`,
      );
    });
  }
  const gutterOf = (key: string): string => (key.startsWith('r') ? `g${key.slice(1)}` : `g${key}`);
  for (let k = 0; k + 1 < ranks.length; k++) {
    const key = ranks[k];
    const r = Number(key.slice(1));
    const world = r <= n ? worlds[r] : final;
    out.push(`  ${gutterOf(key)} -> ${gutterOf(ranks[k + 1])}${attrs({ style: 'invis', weight: 100 })};`);
    columns.forEach((col, c) => {
      if (col.kind === 'lane') {
        const up = world.nodes[col.lane].up;
        out.push(`  ${atKey(c, key)} -> ${atKey(c, ranks[k + 1])}${attrs({ arrowhead: 'none', weight: 100, penwidth: up ? 2 : 1.5, color: up ? GREY : RED, style: up ? 'solid' : 'dashed', tailclip: 'false', headclip: 'false' })};`);
        return;
      }
      const seg = down.get(`${c}:${key}`);
      out.push(`  ${atKey(c, key)} -> ${atKey(c, ranks[k + 1])}${attrs(seg === undefined ? { style: 'invis', weight: 100 } : { arrowhead: 'none', weight: 100, color: seg.color, penwidth: 1.3, tailclip: 'false', headclip: 'false', class: seg.cls })};`);
    });
  }
  out.push(...exits);
  if (trace.violation !== undefined) {
    out.push(`  { rank=sink; violation; }`);
    const linked = ids.map((id, j) => (witnesses.has(id) ? j : -1)).filter((j) => j >= 0);
    for (const j of linked.length > 0 ? linked : [0]) {
      out.push(`  ${cell(j, finalRow)} -> violation${attrs(linked.length > 0 ? { color: RED, style: 'dashed', arrowhead: 'none' } : { style: 'invis' })};`);
    }
  }

  if (trace.loop !== undefined && n > 0) {
    // Unlabelled: under splines=line a label would bend the edge out into the lanes.
    out.push(`  ${gutter(n)} -> ${gutter(trace.loop + 1)}${attrs({ constraint: 'false', color: '#1565c0', penwidth: 2, tailport: 'w', headport: 'w', class: 'loop' })};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

