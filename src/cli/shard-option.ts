/** `--shard I/N` as check and simulate take it. */
import { parseShard, type Shard } from '../checker/shard/shard.js';
import { InputError } from './spec-files.js';

export const SHARD_OPTION = {
  type: 'string',
  describe: 'run the I-th of N parts (1-based): check splits the specs by name, simulate runs swarm member I; merge the --json outputs with synod merge',
} as const;

export function shardArg(text: string | undefined): { shard: Shard } | Record<string, never> {
  if (text === undefined) return {};
  const s = parseShard(String(text));
  if (typeof s === 'string') throw new InputError(s);
  return { shard: s };
}
