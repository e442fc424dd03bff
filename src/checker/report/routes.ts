/**
 * Where a space-time diagram draws each message, so that no arrow passes
 * under an event's box.
 *
 * The diagram is a grid: one row per step, with exactly one event box in
 * it, and one column per lane. Between two lanes run two thin corridors,
 * one for each neighbour's messages (the left lane's rightward ones, the
 * right lane's leftward ones). A message leaves the bottom of its sender's
 * box for the sender's corridor on the receiver's side, runs down that
 * corridor to the row where it is delivered, and crosses to the receiver
 * along that row. A corridor never meets a box (boxes stay inside their
 * lane's column) and a row holds no box but the receiver's, so the route
 * crosses other arrows but never hides behind a box; and a corridor belongs
 * to one sender, so a trunk shared by several messages is one sender's.
 */
import type { Flow } from './flows.js';

/** A column of the grid, left to right: a lane, or a corridor beside lane `lane`. */
export interface Column {
  readonly kind: 'lane' | 'left' | 'right';
  readonly lane: number;
}

/** Lanes and their corridors in drawing order: lane 0, its right corridor, lane 1's left corridor, lane 1, ... */
export function gridColumns(lanes: number): Column[] {
  const out: Column[] = [];
  for (let j = 0; j < lanes; j++) {
    if (j > 0) out.push({ kind: 'left', lane: j });
    out.push({ kind: 'lane', lane: j });
    if (j < lanes - 1 || lanes === 1) out.push({ kind: 'right', lane: j });
  }
  return out;
}

export interface Route {
  /** Column index of the sender's corridor. */
  readonly corridor: number;
  /** The sender's column, and the row of the sending event (0: the message was there from the start). */
  readonly from: { readonly column: number; readonly row: number };
  /** The receiver's column and the row where the message ends (delivered or lost). */
  readonly to: { readonly column: number; readonly row: number };
}

/**
 * The route of a delivered or lost message (step i is row i + 1; row 0
 * holds the lanes' heads); undefined for one still in flight.
 */
export function routeOf(flow: Flow, laneOf: ReadonlyMap<string, number>, columns: readonly Column[]): Route | undefined {
  if (flow.end.kind === 'inflight') return undefined;
  const j = laneOf.get(flow.from);
  const k = laneOf.get(flow.to);
  if (j === undefined || k === undefined) return undefined;
  const find = (kind: Column['kind'], lane: number): number => columns.findIndex((c) => c.kind === kind && c.lane === lane);
  const side = k < j ? 'left' : k > j ? 'right' : find('right', j) >= 0 ? 'right' : 'left';
  const fromRow = flow.sentAt + 1;
  const toRow = flow.end.at + 1;
  return { corridor: find(side, j), from: { column: find('lane', j), row: fromRow }, to: { column: find('lane', k), row: toRow } };
}

/** How a segment of a route is drawn. */
export interface Seg {
  readonly color: string;
  readonly style?: string;
  /** Where the arrowhead goes on a row segment: at its right end (head), its left end (tail) or none. */
  readonly arrow?: 'head' | 'tail';
  readonly tee?: boolean;
  readonly cls: string;
}

/** Where an arrow leaves its sender's box: the bottom of (column, row), into the corridor in the gap below. */
export interface Exit {
  readonly column: number;
  readonly row: number;
  readonly corridor: number;
  readonly color: string;
}

export interface Segments {
  /** Corridor segments, by "column:rank" of their upper end (ranks "r3", and "h3" for the gap below row 3). */
  readonly down: ReadonlyMap<string, Seg>;
  /** Row segments, by "column:rank" of their left end. */
  readonly across: ReadonlyMap<string, Seg>;
  readonly exits: readonly Exit[];
}

/**
 * Every route's segments, each drawn once: a corridor shared by several
 * messages of one sender is one line, and a row carries at most one arrow
 * (one event per row, so one delivery).
 */
export function routeSegments(flows: readonly Flow[], laneOf: ReadonlyMap<string, number>, columns: readonly Column[], ranks: readonly string[], palette: readonly string[], red: string): Segments {
  const down = new Map<string, Seg>();
  const across = new Map<string, Seg>();
  const exits: Exit[] = [];
  const seen = new Set<string>();
  for (const f of flows) {
    const route = routeOf(f, laneOf, columns);
    if (route === undefined) continue;
    const color = palette[columns[route.from.column].lane % palette.length];
    const key = `${route.from.column}:${route.from.row}:${route.corridor}`;
    if (!seen.has(key)) {
      seen.add(key);
      exits.push({ column: route.from.column, row: route.from.row, corridor: route.corridor, color });
    }
    for (let k = ranks.indexOf(`h${route.from.row}`); k >= 0 && k < ranks.length && ranks[k] !== `r${route.to.row}`; k++) down.set(`${route.corridor}:${ranks[k]}`, { color, cls: 'trunk' });
    const lost = f.end.kind === 'drop';
    const seg: Seg = { color: lost ? red : color, ...(f.duplicatedAt === undefined ? {} : { style: 'dashed' }), ...(lost ? { tee: true } : {}), cls: `in in${route.to.row}` };
    const rightward = route.corridor < route.to.column;
    const [lo, hi] = rightward ? [route.corridor, route.to.column] : [route.to.column, route.corridor];
    for (let c = lo; c < hi; c++) {
      const last = rightward ? c === hi - 1 : c === lo;
      across.set(`${c}:r${route.to.row}`, { ...seg, ...(last ? { arrow: rightward ? 'head' : 'tail' } : {}) });
    }
  }
  return { down, across, exits };
}
