import type { ParamValues } from '../../../src/model/contract.js';
import { initInstance } from '../../../src/model/lock-service/acceptor.js';
import { initClient } from '../../../src/model/lock-service/client.js';
import { lockService } from '../../../src/model/lock-service/protocol.js';
import type { ClientState, InstanceState, LockBugs, LockConfig } from '../../../src/model/lock-service/types.js';

/** The protocol's defaults (3 instances, i1 and i2 serving, 2 clients, 2 rounds) with overrides. */
export function cfg(params: ParamValues = {}, bugs: readonly (keyof LockBugs)[] = []): LockConfig {
  const defaults = Object.fromEntries(lockService.params.map((p) => [p.name, p.default]));
  return lockService.configure({ ...defaults, ...params }, bugs);
}

/** With leases: D = 3, ε = 1, so a holder believes for 1 unit and a vote binds for 5. */
export const leased = (bugs: readonly (keyof LockBugs)[] = []): LockConfig => cfg({ lease: 3, margin: 1 }, bugs);

export function inst(over: Partial<InstanceState> = {}): InstanceState {
  return { ...initInstance(), ...over };
}

export function client(over: Partial<ClientState> = {}): ClientState {
  return { ...initClient(), ...over };
}
