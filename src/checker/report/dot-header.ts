/**
 * The header of a space-time diagram: what ran (spec, parameters, bugs),
 * what it shows (the violation, a lasso and the view it closes up to), how
 * to read it (a legend of the arrows) and the topology it ran on.
 */
import type { Trace } from '../trace.js';
import { html } from './dot-text.js';

interface Cell {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
}

function cellText(c: Cell): string {
  let t = html(c.text);
  if (c.bold === true) t = `<B>${t}</B>`;
  if (c.color !== undefined) t = `<FONT COLOR="${c.color}">${t}</FONT>`;
  return t;
}

/** One header line made of differently coloured pieces. */
function row(cells: readonly Cell[]): string {
  const tds = cells.map((c) => `<TD ALIGN="LEFT">${cellText(c)}</TD>`).join('');
  return `<TR><TD ALIGN="LEFT" BALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"><TR>${tds}</TR></TABLE></TD></TR>`;
}

export function paramText(trace: Pick<Trace, 'protocol' | 'params' | 'bugs' | 'network'>): string {
  const ps = Object.entries(trace.params).map(([k, v]) => `${k}=${String(v)}`);
  return `${trace.protocol} ${ps.join(' ')}${trace.bugs.length > 0 ? `  bugs: ${trace.bugs.join(', ')}` : ''}${trace.network === undefined ? '' : `  network: ${trace.network}`}`;
}

/** "lasso: steps 6–13 repeat forever", and when it closes only up to the view, which view. */
export function lassoText(trace: Trace): string[] {
  if (trace.loop === undefined) return [];
  const steps = `steps ${trace.loop + 1}–${trace.steps.length}`;
  if (trace.view === undefined) return [`lasso: ${steps} repeat forever`];
  return [`lasso: ${steps} repeat forever up to the view (${trace.view}):`, 'each time round the same steps run with the numbers raised'];
}

/** Directed links that are up in the initial world, grouped: "s1 ↔ s2", "s3 → s4". */
export function topologyText(trace: Trace): string[] {
  const cuts = trace.initial.cuts;
  if (cuts.length === 0) return [];
  const ids = trace.initial.nodes.map((n) => n.id);
  const cut = new Set(cuts.map(([a, b]) => `${a}>${b}`));
  const up = (a: string, b: string): boolean => !cut.has(`${a}>${b}`);
  const out: string[] = [];
  ids.forEach((a, i) => {
    const both = ids.filter((b, k) => k > i && up(a, b) && up(b, a));
    const only = ids.filter((b) => b !== a && up(a, b) && !up(b, a));
    const none = ids.filter((b) => b !== a && !up(a, b) && !up(b, a) && ids.indexOf(b) > i);
    const parts = [...both.map((b) => `↔ ${b}`), ...only.map((b) => `→ ${b}`), ...none.map((b) => `✂ ${b}`)];
    if (parts.length > 0) out.push(`${a} ${parts.join('  ')}`);
  });
  return out;
}

/** The fill of the header cell that the topology graph is drawn into (see diagram.ts): a colour nothing else uses. */
export const TOPOLOGY_SLOT = '#fdfdfe';

export interface Slot {
  readonly width: number;
  readonly height: number;
}

export function headerLabel(trace: Trace, palette: readonly string[], red: string, slot?: Slot): string {
  const rows: string[] = [row([{ text: trace.spec, bold: true }]), row([{ text: paramText(trace) }])];
  if (trace.violation !== undefined) {
    const v = trace.violation.property;
    const what = trace.loop === undefined ? `violates ${v} after ${trace.steps.length} steps` : `${v} never holds: a run of ${trace.steps.length} steps whose end loops back`;
    rows.push(row([{ text: what, color: red, bold: true }]));
  }
  for (const t of lassoText(trace)) rows.push(row([{ text: t, color: '#1565c0', bold: true }]));
  const ids = trace.initial.nodes.map((n) => n.id);
  rows.push(
    row([
      { text: 'arrows, coloured by sender:' },
      ...ids.map((id, j): Cell => ({ text: ` ━━▶ ${id}`, color: palette[j % palette.length], bold: true })),
    ]),
  );
  rows.push(row([{ text: '━━┫ lost', color: red, bold: true }, { text: '   ╌╌▶ a duplicated copy   ' }, { text: '╎ dashed red lane: node down', color: red }]));
  const topo = topologyText(trace);
  if (topo.length > 0 && slot !== undefined) {
    rows.push(row([{ text: 'links at the start: a line delivers both ways, an arrow one way; no line: cut both ways', bold: true }]));
    rows.push(`<TR><TD ALIGN="LEFT" BALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="${Math.ceil(slot.width)}" HEIGHT="${Math.ceil(slot.height)}" FIXEDSIZE="TRUE" BGCOLOR="${TOPOLOGY_SLOT}"></TD></TR></TABLE></TD></TR>`);
  } else if (topo.length > 0) {
    rows.push(row([{ text: 'links at the start (↔ both ways, → one way, ✂ cut both ways):', bold: true }]));
    for (const t of topo) rows.push(row([{ text: `  ${t}` }]));
  }
  return `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">${rows.join('')}</TABLE>>`;
}
