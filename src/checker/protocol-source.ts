/**
 * Where a spec's protocol comes from: a built-in name from the registry, or
 * an ES module the user wrote, named by a path relative to the spec file
 * ("./twopc.js", "../dist/twopc.js#twoPhaseCommit"). Everything that runs a
 * spec (check, simulate, list, worker threads, reports) resolves it here, so
 * a user's protocol takes the same path as a built-in one.
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyProtocol } from '../model/contract.js';
import { findProtocol, protocols } from '../model/registry.js';

export interface ResolvedProtocol {
  readonly protocol: AnyProtocol;
  /** For a protocol from a module: its file URL and `#export`, which worker threads import again. */
  readonly module?: string;
}

/** A module that cannot be loaded or exports no protocol; the message is one line. */
export class ProtocolSourceError extends Error {
  override name = 'ProtocolSourceError';
}

/** Whether a spec's "protocol" names a module (a relative or absolute path, or a file URL) rather than a built-in. */
export function isModuleReference(ref: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/]|file:|[A-Za-z]:[\\/])/.test(ref);
}

const FUNCTIONS = ['configure', 'nodes', 'init', 'handle', 'local', 'persisted', 'recover', 'describeMessage', 'describeState'] as const;
const ARRAYS = ['params', 'bugs', 'invariants', 'predicates'] as const;

/** Why a value is not a Protocol (the first missing member), or null when it is one. */
export function protocolProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return `is ${v === null ? 'null' : typeof v}, not a protocol object`;
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name === '') return 'has no "name" string';
  for (const f of FUNCTIONS) if (typeof o[f] !== 'function') return `${o.name} has no ${f}() function`;
  for (const a of ARRAYS) if (!Array.isArray(o[a])) return `${o.name} has no "${a}" array`;
  if (typeof o.usesTime !== 'boolean') return `${o.name} has no "usesTime" boolean`;
  return null;
}

function isProtocol(v: unknown): v is AnyProtocol {
  return protocolProblem(v) === null;
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0].trim();
}

/** Every export of a loaded module that is a protocol, by export name ("default" for the default export). */
export function protocolExports(mod: Readonly<Record<string, unknown>>): { readonly name: string; readonly protocol: AnyProtocol }[] {
  return Object.keys(mod)
    .filter((k) => isProtocol(mod[k]))
    .map((k) => ({ name: k, protocol: mod[k] as AnyProtocol }));
}

/**
 * The protocol a module URL names: `#name` picks an export; without it, the
 * default export if it is a protocol, else the module's only protocol export.
 */
export async function importProtocol(url: string): Promise<ResolvedProtocol> {
  const hash = url.indexOf('#');
  const file = hash < 0 ? url : url.slice(0, hash);
  const wanted = hash < 0 ? undefined : decodeURIComponent(url.slice(hash + 1));
  let mod: Record<string, unknown>;
  try {
    mod = (await import(file)) as Record<string, unknown>;
  } catch (e) {
    throw new ProtocolSourceError(`cannot load the module (${firstLine(e)})`);
  }
  if (wanted !== undefined && wanted !== '') {
    if (!(wanted in mod)) throw new ProtocolSourceError(`the module has no export "${wanted}" (exports: ${Object.keys(mod).sort().join(', ') || 'none'})`);
    const problem = protocolProblem(mod[wanted]);
    if (problem !== null) throw new ProtocolSourceError(`export "${wanted}" ${problem}`);
    return { protocol: mod[wanted] as AnyProtocol, module: `${file}#${wanted}` };
  }
  if (isProtocol(mod.default)) return { protocol: mod.default, module: `${file}#default` };
  const found = protocolExports(mod);
  if (found.length === 1) return { protocol: found[0].protocol, module: `${file}#${found[0].name}` };
  if (found.length === 0) {
    const why = 'default' in mod ? `; the default export ${protocolProblem(mod.default) ?? ''}` : '';
    throw new ProtocolSourceError(`the module exports no protocol (exports: ${Object.keys(mod).sort().join(', ') || 'none'}${why})`);
  }
  throw new ProtocolSourceError(`the module exports several protocols (${found.map((f) => f.name).join(', ')}): name one, as in "#${found[0].name}"`);
}

/** The file URL of a module path, relative to `base` (a spec file: relative to its folder). */
export function moduleUrl(ref: string, baseFile: string): string {
  if (ref.startsWith('file:')) return ref;
  const hash = ref.indexOf('#');
  const path = hash < 0 ? ref : ref.slice(0, hash);
  const url = pathToFileURL(resolve(dirname(baseFile), path)).href;
  return hash < 0 ? url : `${url}#${ref.slice(hash + 1)}`;
}

/**
 * The protocol a spec names: a built-in by name, or the module at a path
 * relative to the spec file. Undefined for an unknown built-in name (the spec
 * validator reports it); a module that fails to load, or exports no
 * protocol, throws ProtocolSourceError.
 */
export async function resolveProtocol(ref: string, specFile: string): Promise<ResolvedProtocol | undefined> {
  if (!isModuleReference(ref)) {
    const p = findProtocol(ref);
    return p === undefined ? undefined : { protocol: p };
  }
  return importProtocol(moduleUrl(ref, specFile));
}

/** What the registry holds, for messages: "paxos, raft, lease". */
export function builtinNames(): string {
  return protocols()
    .map((p) => p.name)
    .join(', ');
}
