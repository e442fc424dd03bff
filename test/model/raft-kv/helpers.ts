import { freeze } from 'immer';
import { configure } from '../../../src/model/raft-kv/params.js';
import { encodeCommand, NOOP } from '../../../src/model/raft-kv/commands.js';
import { initKvServer } from '../../../src/model/raft-kv/server.js';
import type { RaftKvConfig, ServerState } from '../../../src/model/raft-kv/types.js';
import type { KvCommand } from '../../../src/model/machines/kv.js';
import type { Entry, RaftState } from '../../../src/model/raft/types.js';

export function cfg(params: Record<string, number | boolean | string> = {}, bugs: string[] = []): RaftKvConfig {
  return freeze(configure({ servers: 3, candidates: 2, maxTerm: 2, maxLog: 3, clients: 1, ops: 2, retries: 1, reads: 'log', ...params }, bugs), true);
}

/** A deep-frozen server: any rule that mutates its input throws. */
export function srv(over: Partial<Omit<ServerState, 'raft'>> = {}, raft: Partial<RaftState> = {}): ServerState {
  const base = initKvServer();
  return freeze({ ...base, ...over, raft: { ...base.raft, ...raft } }, true);
}

/** A leader of `term` whose peers s2, s3 have matched nothing yet. */
export function leader(term: number, log: readonly Entry[], over: Partial<Omit<ServerState, 'raft'>> = {}, raft: Partial<RaftState> = {}): ServerState {
  return srv(over, { role: 'leader', term, votedFor: 's1', log, leaderLog: log, next: [0, log.length + 1, log.length + 1], match: [0, 0, 0], ...raft });
}

export const put1: KvCommand = { op: 'put', key: 'x', value: 1 };
export const getX: KvCommand = { op: 'get', key: 'x' };
export const cas1: KvCommand = { op: 'cas', key: 'x', from: null, to: 1 };

export function cmd(term: number, client: string, seq: number, c: KvCommand): Entry {
  return [term, encodeCommand({ client, seq, cmd: c })];
}

export function noop(term: number): Entry {
  return [term, NOOP];
}
