/**
 * Every file synod writes goes through here: confined to the folder the user
 * named, and never half-written. The text goes to a temporary name beside
 * the final one and is renamed into place, so a reader (or a CI job after a
 * full disk) sees the old file or the whole new one, never a truncated one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A file could not be written: the environment's fault (a full or read-only disk, a path that is a folder), not the input's. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly code?: string,
  ) {
    super(`cannot write ${file}: ${problem}`);
    this.name = 'WriteError';
  }
}

/** A name that would put a file outside the folder the user named. */
export class EscapeError extends Error {
  constructor(
    readonly folder: string,
    readonly target: string,
  ) {
    super(`refusing to write ${JSON.stringify(target)}: it would land outside ${folder}`);
    this.name = 'EscapeError';
  }
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder',
  ELOOP: 'too many symbolic links (a loop?)',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EEXIST: 'a file is in the way',
};

function writeError(file: string, e: unknown): WriteError {
  const code = (e as NodeJS.ErrnoException).code;
  const text = code === undefined ? (e instanceof Error ? e.message : String(e)) : `${ERRNO_TEXT[code] ?? 'the system refused'} (${code})`;
  return new WriteError(file, text, code);
}

/**
 * Test hook, documented in the README: SYNOD_TEST_WRITE_FAULT=ENOSPC (or any
 * errno code) makes every write to a name containing
 * SYNOD_TEST_WRITE_FAULT_MATCH (default: every write) fail after half its
 * bytes reached the temporary file, as a full disk would.
 */
function injectedFault(file: string): string | undefined {
  const code = process.env.SYNOD_TEST_WRITE_FAULT;
  if (code === undefined || code === '') return undefined;
  const match = process.env.SYNOD_TEST_WRITE_FAULT_MATCH ?? '';
  return file.includes(match) ? code : undefined;
}

let serial = 0;

/** Writes `data` to `file` via a temporary name in the same folder and a rename. Throws WriteError; leaves no temporary behind. */
export function writeFileAtomic(file: string, data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw writeError(dirname(file), e);
  }
  const temp = join(dirname(file), `.${basename(file).slice(0, 100)}.${process.pid}.${++serial}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    const fault = injectedFault(file);
    if (fault !== undefined) {
      writeSync(fd, bytes, 0, bytes.length >> 1);
      throw Object.assign(new Error(fault), { code: fault });
    }
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw writeError(file, e);
  }
  return file;
}

/** The deepest existing ancestor's real path, joined with the rest: symbolic links resolved as far as they exist. */
function realResolved(p: string): string {
  const abs = resolve(p);
  const rest: string[] = [];
  for (let at = abs; ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      if (dirname(at) === at) return abs;
      rest.push(basename(at));
    }
  }
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The path for `name` (a relative name such as "paxos/amnesia.svg") inside
 * `folder`, checked both as written and with symbolic links resolved.
 * Throws EscapeError for a name that would leave the folder.
 */
export function pathInside(folder: string, name: string): string {
  const segments = name.split(/[\\/]/);
  if (isAbsolute(name) || segments.some((s) => s === '..' || s === '') || /[\0-\x1f\x7f]/.test(name)) throw new EscapeError(folder, name);
  const file = resolve(folder, ...segments);
  if (!inside(resolve(folder), file) || !inside(realResolved(folder), realResolved(file))) throw new EscapeError(folder, name);
  return file;
}

/** Writes `name` inside `folder`, atomically. Throws EscapeError or WriteError. */
export function writeInside(folder: string, name: string, data: string | Uint8Array): string {
  const file = pathInside(folder, name);
  writeFileAtomic(file, data);
  // The folder may have changed under us (a link swapped in): check again now that the file exists.
  if (!inside(realResolved(folder), realResolved(file))) {
    rmSync(file, { force: true });
    throw new EscapeError(folder, name);
  }
  return join(folder, ...name.split(/[\\/]/));
}
