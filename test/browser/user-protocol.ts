/**
 * A protocol of a user's own, outside the registry, written against the
 * public contract only (no describeField: the hook is optional): two voters
 * vote yes or no to a coordinator, which decides commit on two yeses and
 * abort on any no. With `eagerCommit` (the mistake of a coordinator that
 * commits on the first yes) a voter that said no sees the transaction
 * committed.
 */
import type { Invariant, Protocol, WorldView } from '../../src/index.js';

export type VoteState =
  | { readonly role: 'voter'; readonly vote: 'yes' | 'no' | null }
  | { readonly role: 'coordinator'; readonly yes: number; readonly decision: 'commit' | 'abort' | null };
export type VoteMsg = { readonly t: 'vote'; readonly yes: boolean };
interface Config {
  readonly eagerCommit: boolean;
}

const noCommitAfterNo: Invariant<Config, VoteState, VoteMsg> = {
  name: 'atomic',
  description: 'no commit when a voter voted no',
  check: (_c, w: WorldView<VoteState, VoteMsg>) => {
    const c = w.nodes.find((n) => n.state.role === 'coordinator')?.state;
    const no = w.nodes.filter((n) => n.state.role === 'voter' && n.state.vote === 'no').map((n) => n.id);
    return c?.role === 'coordinator' && c.decision === 'commit' && no.length > 0 ? { message: 'committed although a voter voted no', witnesses: no.map((id) => `${id} voted no`) } : null;
  },
};

export const twoVoters: Protocol<Config, VoteState, VoteMsg, VoteState> = {
  name: 'two-voters',
  summary: 'two voters and a coordinator',
  params: [],
  bugs: [{ name: 'eagerCommit', description: 'commit on the first yes', reproduces: 'a coordinator that does not wait for every vote' }],
  usesTime: false,
  invariants: [noCommitAfterNo],
  predicates: [],
  configure: (_p, bugs) => ({ eagerCommit: bugs.includes('eagerCommit') }),
  nodes: () => [
    { id: 'v1', role: 'voter' },
    { id: 'v2', role: 'voter' },
    { id: 'c', role: 'coordinator' },
  ],
  init: (_c, self) => (self === 'c' ? { role: 'coordinator', yes: 0, decision: null } : { role: 'voter', vote: null }),
  handle: (config, _self, s, m) => {
    if (s.role !== 'coordinator' || s.decision !== null) return { state: s, send: [] };
    if (!m.yes) return { state: { ...s, decision: 'abort' }, send: [] };
    const yes = s.yes + 1;
    return { state: { ...s, yes, decision: yes === 2 || config.eagerCommit ? 'commit' : null }, send: [] };
  },
  local: (_c, _self, s) =>
    s.role === 'voter' && s.vote === null
      ? (['yes', 'no'] as const).map((v) => ({ label: `votes ${v}`, state: { ...s, vote: v }, send: [{ to: 'c', msg: { t: 'vote', yes: v === 'yes' } }] }))
      : [],
  persisted: (_c, s) => s,
  recover: (_c, _self, p) => p,
  describeMessage: (m) => `vote(${m.yes ? 'yes' : 'no'})`,
  describeState: (_c, _self, s) => (s.role === 'voter' ? `vote=${s.vote ?? '-'}` : `yes=${s.yes} decision=${s.decision ?? '-'}`),
  decided: (_c, w) => w.nodes.flatMap((n) => (n.state.role === 'coordinator' && n.state.decision !== null ? [n.state.decision] : [])),
};
