import type { LoadedSpec } from './spec.js';

/** What every result (check, liveness, simulate) says about the spec it ran. */
export interface SpecIdentity {
  readonly spec: string;
  readonly file: string;
  readonly protocol: string;
  readonly params: LoadedSpec['params'];
  readonly bugs: readonly string[];
  readonly network: string;
}

export function specIdentity(spec: LoadedSpec): SpecIdentity {
  return { spec: spec.name, file: spec.file, protocol: spec.protocol.name, params: spec.params, bugs: spec.bugs, network: spec.settings.network };
}
