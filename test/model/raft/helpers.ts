import { freeze } from 'immer';
import { configure } from '../../../src/model/raft/params.js';
import { initServer } from '../../../src/model/raft/roles.js';
import type { Entry, RaftConfig, RaftState } from '../../../src/model/raft/types.js';

export function cfg(params: Record<string, number | boolean> = {}, bugs: string[] = []): RaftConfig {
  return freeze(configure({ servers: 3, maxTerm: 3, maxLog: 2, values: 1, preVote: false, checkQuorum: false, quietTimeouts: false, ...params }, bugs), true);
}

/** A deep-frozen server state: any rule that mutates its input throws. */
export function st(over: Partial<RaftState> = {}): RaftState {
  return freeze({ ...initServer(), ...over }, true);
}

export function log(...entries: [number, string][]): readonly Entry[] {
  return entries;
}
