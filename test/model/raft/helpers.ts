import { freeze } from 'immer';
import { configure } from '../../../src/model/raft/params.js';
import { raft } from '../../../src/model/raft/protocol.js';
import { initServer } from '../../../src/model/raft/roles.js';
import type { Entry, RaftConfig, RaftMessage, RaftState } from '../../../src/model/raft/types.js';

export function cfg(params: Record<string, number | boolean | string> = {}, bugs: string[] = []): RaftConfig {
  return freeze(configure({ servers: 3, maxTerm: 3, maxLog: 2, values: 1, preVote: false, checkQuorum: false, quietTimeouts: false, ...params }, bugs), true);
}

/** A deep-frozen server state: any rule that mutates its input throws. */
export function st(over: Partial<RaftState> = {}): RaftState {
  return freeze({ ...initServer(), ...over }, true);
}

export function log(...entries: [number, string][]): readonly Entry[] {
  return entries;
}

export type Env = { readonly from: string; readonly to: string; readonly msg: RaftMessage };
/**
 * Every server state and message reachable node by node in a small
 * configuration (any message to any state, restarts with the disk), up to
 * `cap` states per server, and each state's successors at its own server.
 */
export function universe(config: RaftConfig, cap: number) {
  const states = new Map<string, Map<string, RaftState>>(config.servers.map((id) => [id, new Map()]));
  const envs = new Map<string, Env>();
  const work: (() => void)[] = [];
  const handleOne = (id: string, s: RaftState, e: Env) => {
    const r = raft.handle(config, id, s, e.msg, e.from, 0);
    addSends(id, r.send);
    addState(id, r.state);
  };
  function addState(id: string, s: RaftState): void {
    const k = JSON.stringify(s);
    const m = states.get(id) as Map<string, RaftState>;
    if (m.has(k) || m.size >= cap) return;
    m.set(k, s);
    work.push(() => {
      addState(id, raft.recover(config, id, raft.persisted(config, s)));
      for (const step of raft.local(config, id, s, 0)) {
        addSends(id, step.send);
        addState(id, step.state);
      }
      for (const e of [...envs.values()]) if (e.to === id) handleOne(id, s, e);
    });
  }
  function addSends(from: string, send: readonly { to: string; msg: RaftMessage }[]): void {
    for (const x of send) {
      const e = { from, to: x.to, msg: x.msg };
      const k = JSON.stringify(e);
      if (envs.has(k)) continue;
      envs.set(k, e);
      work.push(() => {
        for (const s of [...(states.get(x.to) as Map<string, RaftState>).values()]) handleOne(x.to, s, e);
      });
    }
  }
  const successors = (id: string, s: RaftState): RaftState[] => [
    raft.recover(config, id, raft.persisted(config, s)),
    ...raft.local(config, id, s, 0).map((step) => step.state),
    ...[...envs.values()].filter((e) => e.to === id).map((e) => raft.handle(config, id, s, e.msg, e.from, 0).state),
  ];
  for (const id of config.servers) addState(id, raft.init(config, id));
  while (work.length > 0) (work.pop() as () => void)();
  return { states, envs, successors };
}
