/**
 * The events of a trace as a space-time diagram shows them: which lane each
 * step sits on, what it is called, and what it changed in that node.
 */
import type { NodeId } from '../../model/contract.js';
import type { Action, NodeSnapshot, Trace, TraceStep, WorldSnapshot } from '../trace.js';
import { nodeChanges } from './diff.js';
import type { Line } from './dot-text.js';
import { wrap } from './dot-text.js';

export type EventStyle = 'local' | 'deliver' | 'crash' | 'restart' | 'amnesia' | 'clock' | 'network' | 'cut' | 'heal' | 'drop';

export interface DiagramEvent {
  /** The lane (node) it sits on; null for a tick, which belongs to global time. */
  readonly lane: NodeId | null;
  readonly style: EventStyle;
  readonly lines: readonly Line[];
}

/** Lines of state change shown per event; the rest is summed up. */
const MAX_DIFF = 6;
const WIDTH = 46;

function title(a: Action): { lane: NodeId | null; style: EventStyle; text: string } {
  switch (a.kind) {
    case 'local':
      return { lane: a.node, style: 'local', text: a.label };
    case 'deliver':
      return { lane: a.node, style: 'deliver', text: `recv ${a.message.text} ← ${a.message.from}` };
    case 'drop':
      return { lane: a.message.to, style: 'drop', text: `✕ lost: ${a.message.text} ${a.message.from}→${a.message.to}` };
    case 'duplicate':
      return { lane: a.message.to, style: 'network', text: `⧉ duplicated: ${a.message.text} ${a.message.from}→${a.message.to}` };
    case 'crash':
      return { lane: a.node, style: 'crash', text: '✖ CRASHES' };
    case 'restart':
      return { lane: a.node, style: 'restart', text: '↻ restarts (disk kept)' };
    case 'amnesia':
      return { lane: a.node, style: 'amnesia', text: '↻ restarts, DISK LOST' };
    case 'cut':
      return { lane: a.from, style: 'cut', text: `✂ link ${a.from}↛${a.to} cut` };
    case 'heal':
      return { lane: a.from, style: 'heal', text: `link ${a.from}→${a.to} healed` };
    case 'tick':
      return { lane: null, style: 'clock', text: 'tick' };
    case 'clock':
      return { lane: a.node, style: 'clock', text: 'local clock +1' };
  }
}

function nodeIn(world: WorldSnapshot, id: NodeId): NodeSnapshot | undefined {
  return world.nodes.find((n) => n.id === id);
}

/** Whether a global time and local clocks are worth showing: the trace moves them. */
export function traceUsesTime(trace: Trace): boolean {
  const worlds = [trace.initial, ...trace.steps.map((s) => s.world)];
  return worlds.some((w) => w.time !== 0 || w.nodes.some((n) => n.clock !== 0));
}

export function clockText(world: WorldSnapshot, node: NodeSnapshot): string {
  return `t=${world.time} clock=${node.clock}`;
}

function event(step: TraceStep, index: number, before: WorldSnapshot, usesTime: boolean): DiagramEvent {
  const { lane, style, text } = title(step.action);
  const lines: Line[] = wrap(`${index + 1}. ${text}`, WIDTH).map((t) => ({ text: t, bold: true }));
  const prev = lane === null ? undefined : nodeIn(before, lane);
  const next = lane === null ? undefined : nodeIn(step.world, lane);
  if (prev !== undefined && next !== undefined) {
    if (usesTime) lines.push({ text: clockText(step.world, next), color: '#666666' });
    const diff = nodeChanges(prev, next);
    // A down node's state is what it would recover to: the diff is what the crash loses.
    if (step.action.kind === 'crash' && diff.length > 0) lines.push({ text: 'loses:', color: '#666666' });
    // Wrapped, never cut: a student must be able to read the whole change.
    for (const d of diff.slice(0, MAX_DIFF)) for (const [k, t] of wrap(d, WIDTH).entries()) lines.push({ text: k === 0 ? t : `  ${t}`, color: '#1a4f8b' });
    if (diff.length > MAX_DIFF) lines.push({ text: `… ${diff.length - MAX_DIFF} more changes`, color: '#1a4f8b' });
    if (prev.summary !== next.summary) for (const t of wrap(`= ${next.summary}`, WIDTH)) lines.push({ text: t, color: '#555555' });
  }
  return { lane, style, lines };
}

export function diagramEvents(trace: Trace, usesTime: boolean): DiagramEvent[] {
  let before = trace.initial;
  return trace.steps.map((s, i) => {
    const e = event(s, i, before, usesTime);
    before = s.world;
    return e;
  });
}
