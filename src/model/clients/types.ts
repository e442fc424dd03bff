/**
 * Clients of a replicated key-value service, shared by every protocol that
 * serves one (primary-backup today; Raft KV, Multi-Paxos and the shared log
 * later). A client works through its own fixed list of commands, one at a
 * time, sending each to a server and waiting for the reply; after a
 * timeout it may retry at the next server. Requests are numbered per client
 * so that servers can answer a retry without applying it twice.
 */
import type { NodeId } from '../contract.js';
import type { KvCommand, KvOutput } from '../machines/kv.js';

export interface ClientConfig {
  /** Servers in the order a client tries them; each operation starts at the first. */
  readonly servers: readonly NodeId[];
  /** Per client node, its commands in order. */
  readonly workload: Readonly<Record<NodeId, readonly KvCommand[]>>;
  /** Timeouts (retries at the next server) allowed per operation. */
  readonly retries: number;
}

export interface ClientState {
  readonly role: 'client';
  /** Commands invoked so far; while waiting, the outstanding one is number next - 1. */
  readonly next: number;
  readonly waiting: boolean;
  /** Index into servers of where the outstanding request went. */
  readonly target: number;
  /** Timeouts used by the outstanding operation. */
  readonly retried: number;
}

/** A client's request: `seq` numbers it among the sender's requests. */
export interface ClientRequest {
  readonly t: 'req';
  readonly seq: number;
  readonly cmd: KvCommand;
}

export interface ClientReply {
  readonly t: 'resp';
  readonly seq: number;
  readonly out: KvOutput;
}

/** A client's request as a server logs it: who sent it and its number, so a retry is answered, not applied twice. */
export interface LoggedRequest {
  readonly client: NodeId;
  readonly seq: number;
  readonly cmd: KvCommand;
}
