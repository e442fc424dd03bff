/** Multi-Paxos replicating a key-value store: configuration, node states, messages. */
import type { NodeId } from '../contract.js';
import type { ClientConfig, ClientReply, ClientRequest, ClientState, LoggedRequest } from '../clients/types.js';
import type { KvOutput, KvState } from '../machines/kv.js';
import type { PaxosConfig } from '../paxos/types.js';

/** What a slot holds: a client's logged request, or the no-op a new leader fills a gap with. */
export type Value = LoggedRequest | 'noop';

/** An acceptor's vote in one slot: [ballot, value]. */
export type Vote = readonly [number, Value];

export interface MultiPaxosBugs {
  /** Recovery leaves out the highest slot a promise reported a vote for, and hands it to the next client command. */
  readonly skipLastVotedSlot: boolean;
  /** Gaps below the highest voted slot are left open for the next client commands instead of filled with no-ops. */
  readonly gapFilledWithCommand: boolean;
  /** A chosen slot is executed at once, before earlier slots are chosen. */
  readonly executeOutOfOrder: boolean;
}

/**
 * As in single-decree Paxos (whose ballot helpers read these fields):
 * `acceptors` are every replica (each also a learner and an executor of the
 * log), `proposers` the replicas that may lead, each with ballots of its
 * own, `maxRound` the ballots per candidate. Clients try the candidates in
 * order (ClientConfig.servers).
 */
export interface MultiPaxosConfig extends ClientConfig, Pick<PaxosConfig, 'acceptors' | 'proposers' | 'maxRound' | 'majority'> {
  readonly clients: readonly NodeId[];
  /** Log slots a leader may fill (0 .. slots-1). */
  readonly slots: number;
  readonly bugs: MultiPaxosBugs;
}

/** One client's last executed request and its output: answers a retry without applying it again. */
export type Session = readonly [number, KvOutput];

export interface ServerState {
  readonly role: 'server';
  /** Acceptor: highest ballot promised (0: none), and per slot the vote it holds (null: none). */
  readonly promised: number;
  readonly accepted: readonly (Vote | null)[];
  /** Leader: the highest ballot it started (0: none); phase 0 not leading, 1 collecting promises, 2 leading. */
  readonly ballot: number;
  readonly phase: 0 | 1 | 2;
  /** Phase 1: acceptors that promised `ballot` (bit mask), and the highest-ballot vote they reported per slot. */
  readonly promises: number;
  readonly votes: readonly (Vote | null)[];
  /** Phase 2: what this ballot proposes per slot (null: an open slot, only with the gapFilledWithCommand bug). */
  readonly log: readonly (Value | null)[];
  /** Phase 2: per slot, the acceptors that accepted this ballot's proposal (bit mask). */
  readonly acks: readonly number[];
  /** Learner: per slot, the value it knows was chosen (null: not known). */
  readonly chosen: readonly (Value | null)[];
  /** Executor: the slots applied to the store (bit mask; a prefix unless executeOutOfOrder). */
  readonly executed: number;
  readonly store: KvState;
  readonly sessions: Readonly<Record<NodeId, Session>>;
}

export type NodeState = ServerState | ClientState;

export type ServerMessage =
  /** Phase 1a, once for every slot: prepare ballot b. */
  | { readonly t: '1a'; readonly b: number }
  /** Phase 1b: a promise for b, with the acceptor's vote in every slot. */
  | { readonly t: '1b'; readonly b: number; readonly votes: readonly (Vote | null)[] }
  /** Phase 2a, per slot: accept v in slot at ballot b. */
  | { readonly t: '2a'; readonly b: number; readonly slot: number; readonly v: Value }
  /** Phase 2b: accepted slot at ballot b (to the leader, which learns). */
  | { readonly t: '2b'; readonly b: number; readonly slot: number };

export type MultiPaxosMessage = ServerMessage | ClientRequest | ClientReply;
