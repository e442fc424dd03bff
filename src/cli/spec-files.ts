/**
 * Finds spec files: every .json below the given files or folders (the schema
 * excepted). A folder named `deep` below one given is the deep tier (bigger
 * bounds, minutes rather than seconds): walked only with `deep`, or when it
 * is itself the folder given.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class InputError extends Error {}

function walk(dir: string, out: string[], deep: boolean): void {
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) {
      if (entry !== DEEP || deep) walk(p, out, deep);
    }
    else if (entry.endsWith('.json') && !entry.endsWith('schema.json')) out.push(p);
  }
}

export const DEEP = 'deep';

export function findSpecFiles(args: readonly string[], deep = false): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!existsSync(a)) throw new InputError(`${a}: no such file or folder`);
    if (statSync(a).isDirectory()) walk(a, out, deep);
    else out.push(a);
  }
  if (out.length === 0) throw new InputError(`no spec files found in ${args.join(', ')}`);
  return out;
}
