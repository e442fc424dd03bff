/**
 * Histories: what clients saw of a service. An operation is a command a
 * client invoked and, unless it is still pending, the output it got back;
 * `call` and `ret` are positions on one timeline (event order, or
 * timestamps). Operation a precedes b in real time when a returned before b
 * was invoked; a pending operation precedes nothing.
 *
 * The recorded form is JSON lines, one event per line, in the order they
 * happened (or with a "time" field):
 *   {"type":"invoke","client":"c1","command":{"op":"put","key":"x","value":1}}
 *   {"type":"return","client":"c1","output":"ok"}
 * Each client has at most one operation outstanding, as in Jepsen,
 * Porcupine and Stateright: a return belongs to its client's open invocation.
 */
import type { Data } from '../../model/contract.js';

export interface Operation {
  readonly client: string;
  readonly command: Data;
  /** Absent while pending: the operation may or may not have taken effect. */
  readonly output?: Data;
  readonly call: number;
  /** null: pending (never returned). */
  readonly ret: number | null;
}

export type HistoryEvent =
  | { readonly type: 'invoke'; readonly client: string; readonly command: Data; readonly time?: number }
  | { readonly type: 'return'; readonly client: string; readonly output: Data; readonly time?: number };

/** A history that is not well formed; `line` is 1-based (0: not from a file). */
export class HistoryError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'HistoryError';
  }
}

function isData(v: unknown): v is Data {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isData);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(isData);
  return false;
}

/** Parses one event; throws HistoryError naming the line and the field. */
export function parseEvent(raw: unknown, line: number): HistoryEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new HistoryError(line, 'an event must be a JSON object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['type', 'client', 'command', 'output', 'time'].includes(k)) throw new HistoryError(line, `unknown field "${k}" (known: type, client, command, output, time)`);
  }
  if (typeof o.client !== 'string' || o.client === '') throw new HistoryError(line, '"client" must be a non-empty string');
  if (o.time !== undefined && (typeof o.time !== 'number' || !Number.isFinite(o.time))) throw new HistoryError(line, '"time" must be a number');
  const time = o.time === undefined ? {} : { time: o.time as number };
  if (o.type === 'invoke') {
    if (!('command' in o) || !isData(o.command)) throw new HistoryError(line, 'an invoke needs "command", a JSON value');
    if ('output' in o) throw new HistoryError(line, 'an invoke has no "output"');
    return { type: 'invoke', client: o.client, command: o.command, ...time };
  }
  if (o.type === 'return') {
    if (!('output' in o) || !isData(o.output)) throw new HistoryError(line, 'a return needs "output", a JSON value (null for none)');
    if ('command' in o) throw new HistoryError(line, 'a return has no "command" (it answers its client\'s open invoke)');
    return { type: 'return', client: o.client, output: o.output, ...time };
  }
  throw new HistoryError(line, `"type" must be "invoke" or "return" (got ${JSON.stringify(o.type)})`);
}

function readLines(text: string): { events: HistoryEvent[]; lines: number[] } {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(l);
    } catch (e) {
      throw new HistoryError(i + 1, `not valid JSON (${(e as Error).message})`);
    }
    events.push(parseEvent(raw, i + 1));
    lines.push(i + 1);
  });
  return { events, lines };
}

/** The events of a JSON-lines text (blank lines skipped). */
export function parseEvents(text: string): HistoryEvent[] {
  return readLines(text).events;
}

/**
 * Pairs events into operations, in invocation order. Without "time" fields
 * an event's position is its index; with them, every event needs one and
 * times must not run backwards.
 */
export function toOperations(events: readonly HistoryEvent[], lines?: readonly number[]): Operation[] {
  const timed = events.some((e) => e.time !== undefined);
  const open = new Map<string, { client: string; command: Data; call: number; index: number }>();
  const ops: { client: string; command: Data; call: number; output?: Data; ret: number | null }[] = [];
  let last = -Infinity;
  events.forEach((e, i) => {
    const line = lines?.[i] ?? 0;
    if (timed && e.time === undefined) throw new HistoryError(line, 'every event needs "time" once one has it');
    const t = timed ? (e.time as number) : i;
    if (t < last) throw new HistoryError(line, `time ${t} runs backwards (after ${last})`);
    last = t;
    const pending = open.get(e.client);
    if (e.type === 'invoke') {
      if (pending !== undefined) throw new HistoryError(line, `client ${e.client} invokes while its operation from event ${pending.index + 1} is still open (one outstanding operation per client)`);
      open.set(e.client, { client: e.client, command: e.command, call: t, index: ops.length });
      ops.push({ client: e.client, command: e.command, call: t, ret: null });
    } else {
      if (pending === undefined) throw new HistoryError(line, `client ${e.client} returns with no open invoke`);
      open.delete(e.client);
      ops[pending.index] = { ...ops[pending.index], output: e.output, ret: t };
    }
  });
  return ops;
}

/** Operations from a JSON-lines text. */
export function parseHistory(text: string): Operation[] {
  const { events, lines } = readLines(text);
  return toOperations(events, lines);
}

/** Whether a precedes b in real time. */
export function precedes(a: Operation, b: Operation): boolean {
  return a.ret !== null && a.ret < b.call;
}
