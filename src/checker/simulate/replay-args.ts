/** The options that replay a shrunk walk: seed, length and path, and for a swarm member its shard (the member's own seed and length derive from the run's). */
import { formatShard } from '../shard/shard.js';
import type { SimulationRequest } from './search.js';

export function replayArgs(q: SimulationRequest, path: string): string {
  const m = q.swarm;
  if (m === undefined) return `--seed ${q.seed} --max-steps ${q.maxSteps} --path ${path}`;
  return `--shard ${formatShard(m.shard)} --seed ${m.baseSeed} --max-steps ${m.baseMaxSteps} --path ${path}`;
}
