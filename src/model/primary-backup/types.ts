/** Primary-backup replication: configuration, server state, messages. */
import type { NodeId } from '../contract.js';
import type { ClientConfig, ClientReply, ClientRequest, ClientState, LoggedRequest } from '../clients/types.js';
import type { KvOutput, KvState } from '../machines/kv.js';

export interface PrimaryBackupBugs {
  /** The primary applies and acknowledges a write at once and replicates it in the background. */
  readonly ackBeforeReplicate: boolean;
  /** The primary answers reads from its own copy, without the round trip that proves it is still primary. */
  readonly localReads: boolean;
  /** A backup answers reads from its own copy. */
  readonly readFromBackup: boolean;
}

export interface PrimaryBackupConfig extends ClientConfig {
  /** servers[0] starts as primary, servers[1] as its backup. */
  readonly clients: readonly NodeId[];
  readonly bugs: PrimaryBackupBugs;
}

/** A client's command in the log, with who sent it and its request number, so a retry is answered, not re-applied. */
export type Entry = LoggedRequest;

export interface ServerState {
  readonly role: 'primary' | 'backup';
  /** 1 for the initial configuration; a promoted backup serves epoch 2. */
  readonly epoch: number;
  /** The backup this primary replicates to (null: none, it serves alone). */
  readonly backup: NodeId | null;
  readonly log: readonly Entry[];
  /** Entries applied to the store, a prefix of the log. */
  readonly applied: number;
  /** Primary: how much of the log the backup has acknowledged. */
  readonly acked: number;
  readonly store: KvState;
  /** The outputs of the applied entries, for answering retries. */
  readonly outputs: readonly KvOutput[];
}

export type NodeState = ServerState | ClientState;

export type ServerMessage =
  /** Primary to backup: log entry `index` (0-based) of `epoch`. */
  | { readonly t: 'fwd'; readonly epoch: number; readonly index: number; readonly entry: Entry }
  /** Backup to primary: it holds the first `upTo` entries of the epoch's log. */
  | { readonly t: 'ack'; readonly epoch: number; readonly upTo: number }
  /** Primary to backup: the first `upTo` entries are committed; apply them. */
  | { readonly t: 'commit'; readonly epoch: number; readonly upTo: number };

export type PrimaryBackupMessage = ServerMessage | ClientRequest | ClientReply;
