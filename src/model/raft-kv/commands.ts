/**
 * What a log entry carries. The log is Raft's, and to Raft a command is
 * opaque (a string, as the bytes of etcd's or Rafter's entries): this file
 * alone knows how a client's command is written into one, and the no-op a
 * leader appends at the start of its term.
 */
import type { NodeId } from '../contract.js';
import { isKvCommand, kv, type KvCommand } from '../machines/kv.js';

export const NOOP = 'noop';

/** A client's command with who sent it and its serial number, so that a retry can be recognised. */
export interface Command {
  readonly client: NodeId;
  readonly seq: number;
  readonly cmd: KvCommand;
}

export function encodeCommand(c: Command): string {
  return JSON.stringify([c.client, c.seq, c.cmd]);
}

/** The command an entry carries; null for the no-op (or anything that is not a command). */
export function decodeCommand(payload: string): Command | null {
  if (payload === NOOP) return null;
  const d: unknown = JSON.parse(payload);
  if (!Array.isArray(d) || d.length !== 3 || typeof d[0] !== 'string' || typeof d[1] !== 'number' || !isKvCommand(d[2])) return null;
  return { client: d[0], seq: d[1], cmd: d[2] };
}

/** "c1#0 put(x, 1)", or "noop". */
export function payloadText(payload: string): string {
  const c = decodeCommand(payload);
  return c === null ? NOOP : `${c.client}#${c.seq} ${kv.describeCommand(c.cmd)}`;
}
