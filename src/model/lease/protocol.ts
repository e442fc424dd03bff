/**
 * Lease-based leadership over clocks that drift.
 *
 * Design. Every node n1..nN grants leases; the first `candidates` of them
 * (all by default) also ask for them, and only when they could grant
 * themselves (not while promised to another node). Requests are named by Paxos-style ballots (round, node id): a node's rounds 1, 2, ...
 * travel in Req(r) and come back in Grant(r), and the sender's id tells
 * whose round it is. Ballots only tell requests apart; they are never
 * compared across nodes, because exclusivity comes from timed promises, not
 * from ballot order:
 *  - a holder sends Req(r) to all (granting itself at once), remembers its
 *    local clock `sentAt`, and with grants from a majority believes it holds
 *    the lease while its clock < sentAt + D − 2·margin;
 *  - a granter that grants at its clock c promises no one else a grant while
 *    its clock < c + D + 2·margin (the holder it promised may renew, which
 *    only extends the promise).
 * `margin` is the clock skew ε the model allows for, and each side allows
 * for it twice: every clock is within ε of global time, so two clocks can
 * disagree by 2ε, and a holder's clock can read 2ε less than a granter's at
 * the start of the lease and 2ε more at its end. With
 * holderMargin + granterMargin ≥ 4ε the holder's last valid instant falls
 * inside every promise that granted it; with less (bug halfMargin) it does
 * not.
 *
 * Crashes. Rounds are written to disk: the node's own last round (before its
 * Req is sent), so a restarted node never reuses a round whose old grants may
 * still be in flight, and per candidate the last round it granted (as a
 * Paxos acceptor persists its promised ballot), so a request is granted
 * once, ever. Promises are not written to disk (they are readings of a clock
 * that does not survive a reboot): a restarted node has forgotten whom it
 * promised, and waits out a full D + 2·margin measured on its clock from when
 * it resumes before granting anyone (the classic rule).
 * A node that is down, or restarted, holds no lease. A restart that loses
 * the disk (the checker's amnesia fault) is not safe: the node boots as new,
 * grants at once and may reuse rounds.
 */
import { ModelConfigError, type Protocol } from '../contract.js';
import { describeField, describeMessage, describeState } from './describe.js';
import { onRequest, resumeSteps } from './granter.js';
import { onGrant, requestSteps } from './holder.js';
import { leaderHolds, leaseExclusive } from './properties.js';
import { initLease, leaseStale, persistLease, recoverLease } from './lifecycle.js';
import { leaseSymmetry } from './symmetry.js';
import type { LeaseBugs, LeaseConfig, LeaseDisk, LeaseMessage, LeaseState } from './types.js';

const bugNames: readonly (keyof LeaseBugs)[] = ['noSkewMargin', 'halfMargin', 'leaseFromReceipt', 'noWaitOut'];

export const lease: Protocol<LeaseConfig, LeaseState, LeaseMessage, LeaseDisk> = {
  name: 'lease',
  summary: 'Lease-based leadership: a majority grants a lease of duration D; holders and granters allow for clock skew with a margin.',
  params: [
    { name: 'nodes', description: 'number of nodes (n1, n2, ...), each both holder and granter', type: 'int', default: 3, min: 2, max: 5 },
    { name: 'candidates', description: 'how many nodes (n1, n2, ...) may ask for leases; the others only grant (0: all)', type: 'int', default: 0, min: 0, max: 5 },
    { name: 'duration', description: 'lease duration D in clock units', type: 'int', default: 4, min: 1, max: 30 },
    { name: 'margin', description: 'the clock skew ε allowed for: the holder stops 2ε early, a granter promises 2ε longer (set it to time.skew)', type: 'int', default: 1, min: 0, max: 10 },
    { name: 'maxRound', description: 'requests (rounds) each node may send', type: 'int', default: 2, min: 1, max: 6 },
    { name: 'renew', description: 'whether a holder may ask again while its lease is valid', type: 'bool', default: true },
  ],
  bugs: [
    {
      name: 'noSkewMargin',
      description: 'no margin on either side: the holder acts until sentAt + D, a granter promises until receipt + D',
      reproduces: "the Part-Time Parliament's cheese inspectors: with clocks that drift, two inspectors act at once",
    },
    {
      name: 'halfMargin',
      description: 'each side allows for the skew once (ε) instead of twice (2ε)',
      reproduces: 'subtracting the drift bound once, forgetting that the holder\'s and the granter\'s clocks can each be ε off in opposite directions',
    },
    {
      name: 'leaseFromReceipt',
      description: 'the holder counts its lease from when the last grant of the majority arrived, not from when it sent the request',
      reproduces: 'measuring a lease from the grant\'s arrival: a grant delayed in the network extends the holder past the granter\'s promise',
    },
    {
      name: 'noWaitOut',
      description: 'a restarted granter grants at once instead of waiting out the lease it may have promised before the crash',
      reproduces: 'a new holder elected through a rebooted voter while the previous lease is still running (no wait-out after restart)',
    },
  ],
  usesTime: true,
  invariants: [leaseExclusive],
  predicates: [leaderHolds],
  symmetry: leaseSymmetry,
  timers: [
    { name: 'request', description: 'a candidate asks for (or renews) a lease' },
    { name: 'resume', description: 'a restarted node starts waiting out the promises it may have forgotten' },
  ],

  configure(params, bugs) {
    for (const b of bugs) {
      if (!(bugNames as readonly string[]).includes(b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${bugNames.join(', ')})`);
    }
    const has = (b: keyof LeaseBugs): boolean => bugs.includes(b);
    const num = (k: string): number => params[k] as number;
    const n = num('nodes');
    const candidates = num('candidates') === 0 ? n : num('candidates');
    if (candidates > n) throw new ModelConfigError('candidates', `candidates (${candidates}) cannot exceed nodes (${n})`);
    const margin = num('margin');
    const perSide = has('noSkewMargin') ? 0 : has('halfMargin') ? margin : 2 * margin;
    const duration = num('duration');
    if (duration <= perSide) {
      throw new ModelConfigError('duration', `a lease of duration ${duration} with a holder margin of ${perSide} is never valid: give duration > ${perSide}`);
    }
    const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
    return {
      nodes,
      majority: Math.floor(n / 2) + 1,
      candidates: nodes.slice(0, candidates),
      duration,
      margin,
      maxRound: num('maxRound'),
      renew: params.renew as boolean,
      holderMargin: perSide,
      granterMargin: perSide,
      bugs: {
        noSkewMargin: has('noSkewMargin'),
        halfMargin: has('halfMargin'),
        leaseFromReceipt: has('leaseFromReceipt'),
        noWaitOut: has('noWaitOut'),
      },
    };
  },

  nodes: (config) => config.nodes.map((id) => ({ id, role: config.candidates.includes(id) ? 'candidate' : 'granter' })),

  init: (config) => initLease(config),

  handle(config, _self, state, msg, from, clock) {
    return msg.t === 'req' ? onRequest(config, state, from, msg.r, clock) : onGrant(config, state, from, msg.r, clock);
  },

  local: (config, self, state, clock) => [...resumeSteps(config, state, clock), ...requestSteps(config, self, state, clock)],

  persisted: (_config, state) => persistLease(state),
  recover: (config, _self, disk) => recoverLease(config, disk),
  stale: (config, _self, state, msg, from) => leaseStale(config, state, msg, from),

  describeMessage,
  describeState: (config, _self, state) => describeState(config, state),
  describeField: (config, _self, field, state) => describeField(config, field, state),
};
