/** Short text for traces and diagrams. */
import { kv } from '../machines/kv.js';
import type { ClientState, NodeState, SequencerState, ServerState, SharedLogConfig, SharedLogMessage, Slot } from './types.js';

export function describeValue(v: Slot): string {
  if (v === null) return '_';
  return v === 'junk' ? 'junk' : `${kv.describeCommand(v.cmd)}`;
}

function describeLog(log: readonly Slot[]): string {
  return `[${log.map(describeValue).join(', ')}]`;
}

function sequencer(s: SequencerState): string {
  return `next ${s.next}`;
}

function server(s: ServerState): string {
  return `e${s.epoch} log ${describeLog(s.log)}`;
}

function client(config: SharedLogConfig, self: string, s: ClientState): string {
  const list = config.workload[self] ?? [];
  const cmd = s.next > 0 ? kv.describeCommand(list[s.next - 1]) : '';
  const head = s.head === 0 ? '' : `, head ${config.servers[s.head]}`;
  const read = `read ${describeLog(s.log)}${head}`;
  switch (s.phase) {
    case 'idle':
      return s.next >= list.length ? `done, ${read}` : `idle, next ${kv.describeCommand(list[s.next])}, ${read}`;
    case 'token':
      return `${cmd} waits for a position (try ${s.tries}), ${read}`;
    case 'write':
      return `${cmd} writing at ${s.pos}, ${read}`;
    case 'tail':
      return `${cmd} waits for the tail, ${read}`;
    case 'read':
      return `${cmd} reading ${s.log.length}${s.filling ? ' (filling)' : ''} of ${s.upTo}, ${read}`;
    case 'stuck':
      return `${cmd} lost every position, ${read}`;
  }
}

export function describeState(config: SharedLogConfig, self: string, s: NodeState): string {
  switch (s.role) {
    case 'sequencer':
      return sequencer(s);
    case 'server':
      return server(s);
    case 'client':
      return client(config, self, s);
  }
}

export function describeMessage(m: SharedLogMessage): string {
  switch (m.t) {
    case 'next':
      return `next?#${m.ask}`;
    case 'tail':
      return `tail?#${m.ask}`;
    case 'token':
      return `token#${m.ask} ${m.pos}`;
    case 'tailIs':
      return `tail#${m.ask} ${m.pos}`;
    case 'write':
      return `write(${m.pos}, ${describeValue(m.entry)})`;
    case 'fill':
      return `fill(${m.pos})`;
    case 'fwd':
      return `fwd(e${m.epoch}, ${m.pos}, ${describeValue(m.val)}, ${m.kind} for ${m.for})`;
    case 'ack':
      return `ack(${m.pos})`;
    case 'taken':
      return `taken(${m.pos})`;
    case 'read':
      return `read(${m.pos})`;
    case 'val':
      return `val(${m.pos}, ${describeValue(m.val)})`;
    case 'chain':
      return `chain(head ${m.head})`;
  }
}
