/** Finds spec files: every .json below the given files or folders (the schema excepted). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class InputError extends Error {}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (entry.endsWith('.json') && !entry.endsWith('schema.json')) out.push(p);
  }
}

export function findSpecFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!existsSync(a)) throw new InputError(`${a}: no such file or folder`);
    if (statSync(a).isDirectory()) walk(a, out);
    else out.push(a);
  }
  if (out.length === 0) throw new InputError(`no spec files found in ${args.join(', ')}`);
  return out;
}
