/**
 * Messages a node will ignore for good, which the checker then drops from
 * the network (on a set network the old answers otherwise pile up).
 *
 * Facts the rules rest on: a client's request number (ask), its command
 * count and its read prefix only grow, and each phase waits for one request
 * number or one (position, command); a server's epoch only grows and a
 * written position stays as it is, except that bug fillOverwrites lets junk
 * replace it; the sequencer's table of answered requests is on disk, except
 * under bug sequencerFromZero. Clients crash for good (no restart), so
 * their state is what they reach.
 */
import { answered } from './sequencer.js';
import { isHead, sameValue, serverIndex, slotAt } from './chain.js';
import type { ClientState, NodeState, ServerState, SharedLogConfig, SharedLogMessage } from './types.js';

function clientStale(config: SharedLogConfig, s: ClientState, m: SharedLogMessage, from: string): boolean {
  switch (m.t) {
    case 'token':
      return !(s.phase === 'token' && m.ask === s.ask);
    case 'tailIs':
      return !(s.phase === 'tail' && m.ask === s.ask);
    case 'ack':
    case 'taken':
      // Only a write that is still asking or waiting can use it, from the chain it knows (which only shrinks); a later command never does.
      if (config.servers.indexOf(from) < s.head) return true;
      return m.seq < s.next - 1 || (m.seq === s.next - 1 && s.phase !== 'token' && s.phase !== 'write');
    case 'val':
      return m.pos < s.log.length || (m.pos === s.log.length && m.val === null && s.filling);
    case 'chain':
      return m.head <= s.head;
    default:
      return false;
  }
}

/** Whether this server may ever take client writes and fills. */
function mayLead(config: SharedLogConfig, self: string, s: ServerState): boolean {
  return isHead(config, self, s) || (serverIndex(config, self) === 1 && config.failover);
}

function serverStale(config: SharedLogConfig, self: string, s: ServerState, m: SharedLogMessage): boolean {
  const keeps = !config.bugs.fillOverwrites;
  switch (m.t) {
    case 'fwd':
      return m.epoch < s.epoch || (keeps && m.kind === 'write' && sameValue(slotAt(s.log, m.pos), m.val));
    case 'write':
      return !mayLead(config, self, s) || (keeps && sameValue(slotAt(s.log, m.pos), m.entry));
    case 'fill':
      return !mayLead(config, self, s);
    default:
      return false;
  }
}

export function staleMessage(config: SharedLogConfig, self: string, s: NodeState, m: SharedLogMessage, from: string): boolean {
  switch (s.role) {
    case 'client':
      return clientStale(config, s, m, from);
    case 'server':
      return serverStale(config, self, s, m);
    case 'sequencer':
      return !config.bugs.sequencerFromZero && (m.t === 'next' || m.t === 'tail') && answered(config, s, from, m.ask);
  }
}
