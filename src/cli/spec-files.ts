/**
 * Finds spec files: every .json below the given files or folders (schemas,
 * synod's own output and its folders excepted). A folder named `deep` below
 * one given is the deep tier (bigger bounds, minutes rather than seconds):
 * walked only with `deep`, or when it is itself the folder given.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export class InputError extends Error {}

/** What synod writes next to specs; never read back as a spec. */
const NOT_SPECS = ['schema.json', '.trace.json', '.itf.json'];
/** The marker synod leaves in an output folder (write-trace.ts writes it), so a spec search that meets the folder skips it. */
export const OUTPUT_MARKER = '.synod-output';
/** Folders deeper than this are refused, not followed: a link loop or a hostile tree. */
const MAX_FOLDER_DEPTH = 64;

function statOf(p: string): Stats {
  try {
    return statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() === true) throw new InputError(`${p}: a symbolic link to nothing`);
    if (code === 'ELOOP') throw new InputError(`${p}: a loop of symbolic links`);
    if (code === 'ENOENT') throw new InputError(`${p}: no such file or folder`);
    throw new InputError(`${p}: cannot read (${code ?? (e as Error).message})`);
  }
}

function walk(dir: string, out: string[], seen: Set<string>, depth: number, deep: boolean): void {
  const real = realpathSync(dir);
  if (seen.has(real)) throw new InputError(`${dir}: a loop of symbolic links (back to ${real})`);
  if (depth > MAX_FOLDER_DEPTH) throw new InputError(`${dir}: folders nested more than ${MAX_FOLDER_DEPTH} deep`);
  seen.add(real);
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(`${dir}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  for (const entry of entries) {
    const p = join(dir, entry);
    if (entry.endsWith('.json') && NOT_SPECS.some((s) => entry.endsWith(s))) continue;
    const isJson = entry.endsWith('.json');
    // Only what could be a spec or hold one is looked at: a stray broken link to a .txt is no concern.
    if (!isJson && lstatSync(p).isSymbolicLink() && statSync(p, { throwIfNoEntry: false }) === undefined) continue;
    const st = statOf(p);
    if (st.isDirectory()) {
      if (!existsSync(join(p, OUTPUT_MARKER)) && (entry !== DEEP || deep)) walk(p, out, seen, depth + 1, deep);
    } else if (isJson) out.push(p);
  }
  seen.delete(real);
}

export const DEEP = 'deep';

export function findSpecFiles(args: readonly string[], deep = false): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (statOf(a).isDirectory()) walk(a, out, new Set(), 0, deep);
    else out.push(a);
  }
  if (out.length === 0) throw new InputError(`no spec files found in ${args.join(', ')}`);
  return out;
}
