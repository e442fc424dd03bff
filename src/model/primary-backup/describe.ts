/** Short text for traces and diagrams. */
import { describeClient, describeClientMessage } from '../clients/client.js';
import { kv, type KvState } from '../machines/kv.js';
import type { NodeState, PrimaryBackupConfig, PrimaryBackupMessage, ServerState } from './types.js';

function store(s: KvState): string {
  const keys = Object.keys(s).sort();
  return `{${keys.map((k) => `${k}=${s[k]}`).join(', ')}}`;
}

function server(s: ServerState): string {
  const log = s.log.map((e) => kv.describeCommand(e.cmd)).join('; ');
  const backup = s.role === 'primary' ? (s.backup === null ? ', alone' : `, acked ${s.acked}`) : '';
  return `${s.role} e${s.epoch}${backup} log [${log}] applied ${s.applied} store ${store(s.store)}`;
}

export function describeState(config: PrimaryBackupConfig, self: string, s: NodeState): string {
  return s.role === 'client' ? describeClient(config, self, s) : server(s);
}

export function describeMessage(m: PrimaryBackupMessage): string {
  switch (m.t) {
    case 'req':
    case 'resp':
      return describeClientMessage(m);
    case 'fwd':
      return `fwd(e${m.epoch}, #${m.index} ${kv.describeCommand(m.entry.cmd)})`;
    case 'ack':
      return `ack(e${m.epoch}, ${m.upTo})`;
    case 'commit':
      return `commit(e${m.epoch}, ${m.upTo})`;
  }
}
