import type { LoadedSpec } from './spec.js';

/**
 * The spec with the model's message reductions (Protocol.stale,
 * Protocol.normalize) switched off: every message stays in the network as
 * sent, so a verdict does not rest on the model's claims about itself.
 */
export function withoutReductions(spec: LoadedSpec): LoadedSpec {
  return spec.settings.dropStale ? { ...spec, settings: { ...spec.settings, dropStale: false } } : spec;
}
