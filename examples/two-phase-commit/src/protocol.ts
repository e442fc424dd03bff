/**
 * Two-phase commit as a synod protocol: written against the package alone,
 * checked with `synod check specs/` through spec files that name this
 * module ("protocol": "../dist/protocol.js").
 */
import { ModelConfigError, type LocalStep, type Protocol, type Received } from 'synod';
import { abortAfterRestart, initialCoordinator, logDecision, onVote, recoverCoordinator, startCommit } from './coordinator.js';
import { aborted, atomicity, committed, finished } from './properties.js';
import { initialRm, onDecision, onPrepare } from './resource-manager.js';
import type { Config, Msg, Persisted, State } from './types.js';

const TM = 'tm';

export const twoPhaseCommit: Protocol<Config, State, Msg, Persisted, Received<State, Msg>> = {
  name: 'two-phase-commit',
  summary: 'Two-phase commit: a coordinator (tm) and resource managers (rm1..); the coordinator may crash and restart from its log',
  params: [{ name: 'rms', description: 'resource managers', type: 'int', default: 3, min: 1, max: 6 }],
  bugs: [
    { name: 'commitOnFirstYes', description: 'the coordinator commits as soon as one yes vote arrives', reproduces: 'a coordinator that counts votes wrong (commit on any yes instead of all)' },
    {
      name: 'decisionNotLogged',
      description: 'the coordinator sends its decision before writing it to its log',
      reproduces: 'a missing force-write before the commit message: after a crash the coordinator presumes abort while RMs have committed',
    },
  ],
  usesTime: false,
  invariants: [atomicity],
  predicates: [committed, aborted, finished],
  symmetry: {
    roles: ['rm'],
    values: () => [],
    permuteState: (_c, s, p) => (s.kind === 'tm' ? { ...s, yes: s.yes.map((r) => p.node(r)).sort() } : s),
    permuteMessage: (_c, m) => m,
  },

  configure(params, bugs) {
    const n = params.rms;
    if (typeof n !== 'number' || n < 1) throw new ModelConfigError('rms', 'rms must be at least 1');
    return {
      rms: Array.from({ length: n }, (_, i) => `rm${i + 1}`),
      bugs: { commitOnFirstYes: bugs.includes('commitOnFirstYes'), decisionNotLogged: bugs.includes('decisionNotLogged') },
    };
  },
  nodes: (config) => [{ id: TM, role: 'tm' }, ...config.rms.map((id) => ({ id, role: 'rm' }))],

  init: (_config, self) => (self === TM ? initialCoordinator : initialRm),
  handle(config, _self, s, msg, from) {
    if (s.kind === 'tm') return msg.t === 'vote' ? onVote(config, s, from, msg.yes) : { state: s, send: [] };
    if (msg.t === 'prepare') return onPrepare(s, from);
    if (msg.t === 'commit' || msg.t === 'abort') return onDecision(s, msg.t === 'commit');
    return { state: s, send: [] };
  },
  local(config, _self, s) {
    if (s.kind !== 'tm') return [];
    const steps: LocalStep<State, Msg>[] = [];
    if (s.phase === 'init') steps.push(startCommit(config, s));
    if (s.phase === 'recovered') steps.push(abortAfterRestart(config, s));
    const log = logDecision(s);
    if (log !== null) steps.push(log);
    return steps;
  },
  persisted: (_config, s) => (s.kind === 'tm' ? { logged: s.logged } : s),
  recover: (_config, _self, p) => ('kind' in p ? p : recoverCoordinator(p.logged)),

  describeMessage: (m) => (m.t === 'vote' ? `vote ${m.yes ? 'yes' : 'no'}` : m.t),
  describeState: (_config, _self, s) => (s.kind === 'tm' ? `${s.phase}${s.yes.length > 0 ? ` yes={${s.yes.join(',')}}` : ''}, log: ${s.logged ?? 'empty'}` : s.phase),
  decided(_config, world) {
    const out = new Set<string>();
    for (const n of world.nodes) if (n.state.kind === 'rm' && (n.state.phase === 'committed' || n.state.phase === 'aborted')) out.add(n.state.phase === 'committed' ? 'commit' : 'abort');
    return [...out].sort();
  },
};

export default twoPhaseCommit;
