/**
 * A counterexample as a Graphviz space-time diagram: one lane per node,
 * time flowing down, one row per step. Each event sits on its node's lane
 * with what it changed; arrows run from each send to its delivery (a lost
 * message ends in a cross, a message still in flight at the end in a mark at
 * the bottom); the final states of the nodes the violation names, and the
 * violation itself, are highlighted; a lasso's cycle is marked in the
 * step column on the left.
 */
import type { NodeId } from '../../model/contract.js';
import type { Trace, WorldSnapshot } from '../trace.js';
import { FONT, attrs, clip, lines, wrap, type Line } from './dot-text.js';
import { clockText, diagramEvents, traceUsesTime, type EventStyle } from './events.js';
import { messageFlows, type Flow } from './flows.js';

export interface DiagramOptions {
  /** Show global time and local clocks; by default, when the trace moves them. */
  readonly usesTime?: boolean;
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
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79'];

const RED = '#c62828';

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

function paramText(trace: Trace): string {
  const ps = Object.entries(trace.params).map(([k, v]) => `${k}=${String(v)}`);
  return `${trace.protocol} ${ps.join(' ')}${trace.bugs.length > 0 ? `  bugs: ${trace.bugs.join(', ')}` : ''}`;
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

  const headLines = (j: number): Line[] => {
    const node = trace.initial.nodes[j];
    const ls: Line[] = [{ text: `${node.id} (${node.role})`, bold: true }, ...wrap(node.summary, 46).map((t): Line => ({ text: t, color: '#555555' }))];
    if (usesTime) ls.push({ text: clockText(trace.initial, node), color: '#666666' });
    return ls;
  };
  const finalLines = (j: number): Line[] => {
    const node = final.nodes[j];
    const ls: Line[] = [{ text: `${node.id}${node.up ? '' : ' (down)'}`, bold: true }, ...wrap(node.summary, 46).map((t): Line => ({ text: t }))];
    if (usesTime) ls.push({ text: clockText(final, node), color: '#666666' });
    return ls;
  };
  const inflightLines = (j: number): Line[] => {
    const mine = inflight.filter((f) => f.to === ids[j]);
    if (mine.length === 0) return [];
    const shown = mine.slice(0, 5).map((f): Line => ({ text: clip(`${f.text} ← ${f.from}`, 40), color: '#666666' }));
    if (mine.length > 5) shown.push({ text: `… ${mine.length - 5} more`, color: '#666666' });
    return [{ text: 'in flight:', color: '#666666' }, ...shown];
  };
  // Every box of a lane fits in the lane's column: the heads are as wide as
  // the widest box below them, so boxes on neighbouring lanes never touch and
  // an arrow between them always has room (Courier 10pt: 6pt a character).
  const laneChars = ids.map((_, j) => Math.max(...[headLines(j), finalLines(j), inflightLines(j)].flat().map((l) => l.text.length)));
  events.forEach((e) => {
    const j = e.lane === null ? -1 : (laneOf.get(e.lane) ?? -1);
    if (j >= 0) laneChars[j] = Math.max(laneChars[j], ...e.lines.map((l) => l.text.length));
  });
  const laneWidth = (j: number): string => ((laneChars[j] * 6 + 20) / 72).toFixed(2);

  const cell = (j: number, r: number): string => `n${j}r${r}`;
  const gutter = (r: number): string => `g${r}`;
  const out: string[] = [];
  const titleLines: Line[] = [{ text: trace.spec, bold: true }, { text: paramText(trace) }];
  if (trace.violation !== undefined) titleLines.push({ text: `violates ${trace.violation.property} after ${n} steps`, color: RED, bold: true });
  if (trace.loop !== undefined) titleLines.push({ text: `lasso: steps ${trace.loop + 1}–${n} repeat forever`, color: '#1565c0', bold: true });
  out.push('digraph spacetime {');
  out.push(`  graph${attrs({ label: lines(titleLines), labelloc: 't', labeljust: 'l', fontname: FONT, fontsize: 12, newrank: 'true', nodesep: 0.45, ranksep: 0.22, splines: 'line', bgcolor: 'white', pad: 0.3, outputorder: 'edgesfirst' })};`);
  out.push(`  node${attrs({ fontname: FONT, fontsize: 10, shape: 'box', style: 'rounded,filled', fillcolor: 'white', color: '#555555', margin: '0.08,0.04' })};`);
  out.push(`  edge${attrs({ fontname: FONT, fontsize: 9, arrowsize: 0.7 })};`);

  // Row 0: the lanes' heads, with the initial states.
  const head: Line[] = [{ text: 'step' }];
  if (usesTime) head.push({ text: 'time' });
  out.push(`  ${gutter(0)}${attrs({ label: lines(head), shape: 'plaintext', style: '' })};`);
  ids.forEach((_, j) => {
    out.push(`  ${cell(j, 0)}${attrs({ label: lines(headLines(j)), width: laneWidth(j), fillcolor: '#f3f3f3', penwidth: 1.5, style: 'filled' })};`);
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
    out.push(`  ${gutter(r)}${attrs(tick ? { label: lines([{ text: `${r}. tick`, bold: true }, { text: `t=${w.time}` }]), shape: 'box', style: 'rounded,filled', fillcolor: FILL.clock } : { label: lines(g), shape: 'plaintext', style: '' })};`);
    ids.forEach((id, j) => {
      if (id !== e.lane) {
        out.push(`  ${cell(j, r)}${attrs({ shape: 'point', width: 0.02, height: 0.02, label: '', color: '#b0b0b0' })};`);
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
        })};`,
      );
    });
  });

  // In flight at the end: one mark per receiving lane, listing what is still on its way.
  if (inflightRow > 0) {
    out.push(`  ${gutter(inflightRow)}${attrs({ label: lines([{ text: 'in flight' }]), shape: 'plaintext', style: '', fontcolor: '#777777' })};`);
    ids.forEach((_, j) => {
      const ls = inflightLines(j);
      if (ls.length === 0) out.push(`  ${cell(j, inflightRow)}${attrs({ shape: 'point', width: 0.02, height: 0.02, label: '', color: '#b0b0b0' })};`);
      else out.push(`  ${cell(j, inflightRow)}${attrs({ label: lines(ls), style: 'rounded,dotted', color: '#999999' })};`);
    });
  }

  // Final row: every node's final state; those the violation names in red.
  out.push(`  ${gutter(finalRow)}${attrs({ label: lines([{ text: 'end', bold: true }]), shape: 'plaintext', style: '' })};`);
  final.nodes.forEach((node, j) => {
    const hot = witnesses.has(node.id);
    out.push(`  ${cell(j, finalRow)}${attrs({ label: lines(finalLines(j)), width: laneWidth(j), style: 'filled', fillcolor: hot ? '#fde0dc' : '#f3f3f3', color: hot ? RED : '#555555', penwidth: hot ? 2.5 : 1.5 })};`);
  });

  if (trace.violation !== undefined) {
    const v = trace.violation;
    const ls: Line[] = [{ text: `VIOLATED: ${v.property}`, bold: true, color: RED }, ...wrap(v.message, 72).map((t): Line => ({ text: t }))];
    for (const w of v.witnesses) wrap(`• ${w}`, 72).forEach((t, k) => ls.push({ text: k === 0 ? t : `  ${t}` }));
    out.push(`  violation${attrs({ label: lines(ls), style: 'filled', fillcolor: '#fde0dc', color: RED, penwidth: 2.5 })};`);
  }

  // Rows and lanes: each row on one rank, in lane order; lanes as vertical lines.
  const rows = [0, ...events.map((_, i) => i + 1), ...(inflightRow > 0 ? [inflightRow] : []), finalRow];
  for (const r of rows) {
    const members = [gutter(r), ...ids.map((_, j) => cell(j, r))];
    out.push(`  { rank=same; ${members.join('; ')}; }`);
    out.push(`  ${members.join(' -> ')}${attrs({ style: 'invis' })};`);
  }
  for (let k = 0; k + 1 < rows.length; k++) {
    const r = rows[k];
    const down = r <= n ? worlds[r] : final;
    out.push(`  ${gutter(r)} -> ${gutter(rows[k + 1])}${attrs({ style: 'invis', weight: 100 })};`);
    ids.forEach((id, j) => {
      const up = down.nodes[j].up;
      out.push(`  ${cell(j, r)} -> ${cell(j, rows[k + 1])}${attrs({ arrowhead: 'none', weight: 100, penwidth: up ? 2 : 1.5, color: up ? '#9e9e9e' : RED, style: up ? 'solid' : 'dashed' })};`);
    });
  }
  if (trace.violation !== undefined) {
    out.push(`  { rank=sink; violation; }`);
    const linked = ids.map((id, j) => (witnesses.has(id) ? j : -1)).filter((j) => j >= 0);
    for (const j of linked.length > 0 ? linked : [0]) {
      out.push(`  ${cell(j, finalRow)} -> violation${attrs(linked.length > 0 ? { color: RED, style: 'dashed', arrowhead: 'none' } : { style: 'invis' })};`);
    }
  }

  // Messages.
  const source = (f: Flow): string => cell(laneOf.get(f.from) ?? 0, f.sentAt + 1);
  for (const f of flows) {
    const from = laneOf.get(f.from) ?? 0;
    const to = laneOf.get(f.to) ?? 0;
    const color = PALETTE[from % PALETTE.length];
    const ports = to > from ? { tailport: 'e', headport: 'w' } : to < from ? { tailport: 'w', headport: 'e' } : { tailport: 's', headport: 'n' };
    const copy = f.duplicatedAt === undefined ? {} : { style: 'dashed', label: 'copy', fontcolor: color };
    if (f.end.kind === 'deliver') {
      out.push(`  ${source(f)} -> ${cell(to, f.end.at + 1)}${attrs({ constraint: 'false', color, penwidth: 1.3, ...ports, ...copy })};`);
    } else if (f.end.kind === 'drop') {
      out.push(`  ${source(f)} -> ${cell(to, f.end.at + 1)}${attrs({ constraint: 'false', color: RED, penwidth: 1.3, arrowhead: 'tee', ...ports, ...copy })};`);
    } else {
      out.push(`  ${source(f)} -> ${cell(to, inflightRow)}${attrs({ constraint: 'false', color: '#bdbdbd', style: 'dotted', penwidth: 1.2, ...ports })};`);
    }
  }

  if (trace.loop !== undefined && n > 0) {
    // Unlabelled: under splines=line a label would bend the edge out into the lanes.
    out.push(`  ${gutter(n)} -> ${gutter(trace.loop + 1)}${attrs({ constraint: 'false', color: '#1565c0', penwidth: 2, tailport: 'w', headport: 'w', class: 'loop' })};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
