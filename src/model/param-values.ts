/** Reading a protocol's parameter values and bug names against its declarations, with the one-line errors configure() throws. */
import { ModelConfigError, type BugDef, type ParamDef, type ParamValues } from './contract.js';

/** Every name in `bugs` is a declared variant. */
export function checkBugs(defs: readonly BugDef[], bugs: readonly string[]): void {
  for (const b of bugs) {
    if (!defs.some((d) => d.name === b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${defs.map((d) => d.name).join(', ')})`);
  }
}

/** The integer parameter `k` (its default when absent), within its declared range. */
export function intParam(defs: readonly ParamDef[], params: ParamValues, k: string): number {
  const def = defs.find((p) => p.name === k);
  const v = params[k] ?? def?.default;
  if (typeof v !== 'number' || !Number.isInteger(v) || (def?.min !== undefined && v < def.min) || (def?.max !== undefined && v > def.max)) {
    throw new ModelConfigError(k, `${k} must be an integer from ${def?.min} to ${def?.max}`);
  }
  return v;
}
