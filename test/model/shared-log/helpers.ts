import { freeze } from 'immer';
import { sharedLog } from '../../../src/model/shared-log/protocol.js';
import type { ClientState, Entry, SequencerState, ServerState, SharedLogConfig } from '../../../src/model/shared-log/types.js';

export const cfg = (bugs: string[] = [], params: Record<string, number | boolean | string> = {}): SharedLogConfig =>
  freeze(sharedLog.configure({ clients: 2, ops: 2, keys: 1, workload: 'put-get', servers: 2, attempts: 2, failover: true, ...params }, bugs), true);

export const seq = (s: Partial<SequencerState> = {}): SequencerState => freeze({ ...(sharedLog.init(cfg(), 'seq') as SequencerState), ...s }, true);
export const server = (s: Partial<ServerState> = {}): ServerState => freeze({ ...(sharedLog.init(cfg(), 's1') as ServerState), ...s }, true);
export const client = (s: Partial<ClientState> = {}): ClientState => freeze({ ...(sharedLog.init(cfg(), 'c1') as ClientState), ...s }, true);

/** c1's put(x, 1), its first command; c2's put(x, 3). */
export const put1: Entry = { client: 'c1', seq: 0, cmd: { op: 'put', key: 'x', value: 1 } };
export const put3: Entry = { client: 'c2', seq: 0, cmd: { op: 'put', key: 'x', value: 3 } };
