/** Every protocol the CLI and the spec loader know by name. */
import type { AnyProtocol } from './contract.js';
import { paxos } from './paxos/protocol.js';
import { lease } from './lease/protocol.js';
import { raft } from './raft/protocol.js';
import { primaryBackup } from './primary-backup/protocol.js';
import { lockService } from './lock-service/protocol.js';
import { multipaxos } from './multipaxos/protocol.js';
import { raftKv } from './raft-kv/protocol.js';
import { sharedLog } from './shared-log/protocol.js';

const all: readonly AnyProtocol[] = [paxos, raft, lease, primaryBackup, lockService, multipaxos, raftKv, sharedLog];

export function protocols(): readonly AnyProtocol[] {
  return all;
}

export function findProtocol(name: string): AnyProtocol | undefined {
  return all.find((p) => p.name === name);
}
