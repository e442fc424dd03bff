/**
 * Strict checks of a trace read from a file (an ITF file's decoded parts, or
 * a raw .trace.json): every field the reporters read has the type they
 * expect, so a hand-edited or hostile file gets one line naming the field,
 * never a stack trace or a diagram of garbage.
 */
import type { Action, MessageSnapshot, Trace, TraceViolation, WorldSnapshot } from '../trace.js';

export class TraceFileError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(ok: boolean, where: string, what: string): void {
  if (!ok) throw new TraceFileError(`${where}: expected ${what}`);
}

function str(o: Obj, k: string, where: string): string {
  need(typeof o[k] === 'string', `${where}.${k}`, 'a string');
  return o[k] as string;
}

function strings(v: unknown, where: string): string[] {
  need(Array.isArray(v) && v.every((x) => typeof x === 'string'), where, 'a list of strings');
  return v as string[];
}

function int(v: unknown, where: string): number {
  need(typeof v === 'number' && Number.isSafeInteger(v), where, 'an integer');
  return v as number;
}

export function checkMessage(v: unknown, where: string): MessageSnapshot {
  need(isObj(v), where, 'a message {from, to, msg, text}');
  const m = v as Obj;
  str(m, 'from', where);
  str(m, 'to', where);
  str(m, 'text', where);
  need('msg' in m, `${where}.msg`, 'the message');
  return m as unknown as MessageSnapshot;
}

const NODE_ACTIONS = ['local', 'deliver', 'crash', 'restart', 'amnesia', 'clock'];
const MESSAGE_ACTIONS = ['deliver', 'drop', 'duplicate'];
const LINK_ACTIONS = ['cut', 'heal'];
const KINDS = [...new Set([...NODE_ACTIONS, ...MESSAGE_ACTIONS, ...LINK_ACTIONS, 'tick'])];

export function checkAction(v: unknown, where: string): Action {
  need(isObj(v), where, 'a step action {kind, ...}');
  const a = v as Obj;
  need(typeof a.kind === 'string' && KINDS.includes(a.kind), `${where}.kind`, `one of ${KINDS.join(', ')}`);
  const kind = a.kind as string;
  if (NODE_ACTIONS.includes(kind)) str(a, 'node', where);
  if (kind === 'local') str(a, 'label', where);
  if (MESSAGE_ACTIONS.includes(kind)) checkMessage(a.message, `${where}.message`);
  if (LINK_ACTIONS.includes(kind)) {
    str(a, 'from', where);
    str(a, 'to', where);
  }
  return a as unknown as Action;
}

export function checkViolation(v: unknown, where: string): TraceViolation {
  need(isObj(v), where, 'a violation {property, message, witnesses}');
  const o = v as Obj;
  return { property: str(o, 'property', where), message: str(o, 'message', where), witnesses: strings(o.witnesses, `${where}.witnesses`) };
}

function checkWorld(v: unknown, where: string): WorldSnapshot {
  need(isObj(v), where, 'a world {time, nodes, messages, cuts, faultsUsed}');
  const w = v as Obj;
  int(w.time, `${where}.time`);
  need(Array.isArray(w.nodes), `${where}.nodes`, 'a list');
  (w.nodes as unknown[]).forEach((n, i) => {
    const at = `${where}.nodes[${i}]`;
    need(isObj(n), at, 'a node {id, role, up, state, summary, clock}');
    const o = n as Obj;
    str(o, 'id', at);
    str(o, 'role', at);
    str(o, 'summary', at);
    need(typeof o.up === 'boolean', `${at}.up`, 'a boolean');
    int(o.clock, `${at}.clock`);
  });
  need(Array.isArray(w.messages), `${where}.messages`, 'a list');
  (w.messages as unknown[]).forEach((m, i) => checkMessage(m, `${where}.messages[${i}]`));
  need(Array.isArray(w.cuts) && w.cuts.every((c) => Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string')), `${where}.cuts`, 'a list of [from, to] pairs');
  need(isObj(w.faultsUsed) && Object.values(w.faultsUsed).every((x) => typeof x === 'number' && Number.isSafeInteger(x)), `${where}.faultsUsed`, 'a record of integers');
  return w as unknown as WorldSnapshot;
}

/** A raw trace (.trace.json, as `synod check` writes it), checked field by field. */
export function checkTrace(v: unknown): Trace {
  need(isObj(v), 'trace', 'a JSON object');
  const t = v as Obj;
  str(t, 'spec', 'trace');
  str(t, 'protocol', 'trace');
  need(isObj(t.params), 'trace.params', 'a record');
  strings(t.bugs, 'trace.bugs');
  checkWorld(t.initial, 'trace.initial');
  need(Array.isArray(t.steps), 'trace.steps', 'a list');
  (t.steps as unknown[]).forEach((s, i) => {
    const at = `trace.steps[${i}]`;
    need(isObj(s), at, 'a step {action, label, sent, world}');
    const o = s as Obj;
    checkAction(o.action, `${at}.action`);
    str(o, 'label', at);
    need(Array.isArray(o.sent), `${at}.sent`, 'a list');
    (o.sent as unknown[]).forEach((m, k) => checkMessage(m, `${at}.sent[${k}]`));
    checkWorld(o.world, `${at}.world`);
  });
  if (t.violation !== undefined) checkViolation(t.violation, 'trace.violation');
  if (t.notes !== undefined) strings(t.notes, 'trace.notes');
  if (t.loop !== undefined) need(typeof t.loop === 'number' && Number.isInteger(t.loop) && t.loop >= 0 && t.loop <= (t.steps as unknown[]).length, 'trace.loop', 'a step index');
  return t as unknown as Trace;
}

export { strings as checkStrings };
