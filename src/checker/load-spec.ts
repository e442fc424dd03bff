/**
 * Loads a spec from its file or its JSON value: resolves the protocol it
 * names (built-in, or a user's module relative to the spec file), then
 * validates it. The one way in for the CLI, the library and worker threads.
 */
import { readFileSync } from 'node:fs';
import { ProtocolSourceError, resolveProtocol, type ResolvedProtocol } from './protocol-source.js';
import { SpecError, specJson, validateSpec, type LoadedSpec } from './spec.js';

/** A spec given as JSON (already parsed): `file` names it in messages and anchors relative module paths. */
export async function loadSpec(file: string, raw: unknown): Promise<LoadedSpec> {
  let resolved: ResolvedProtocol | undefined;
  const ref = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).protocol : undefined;
  if (typeof ref === 'string') {
    try {
      resolved = await resolveProtocol(ref, file);
    } catch (e) {
      if (e instanceof ProtocolSourceError) throw new SpecError(file, 'protocol', `${ref}: ${e.message}`);
      throw e;
    }
  }
  const spec = validateSpec(file, raw, () => resolved?.protocol);
  return resolved?.module === undefined ? spec : { ...spec, protocolModule: resolved.module };
}

/** A spec file: read, parsed, its protocol resolved, validated. Every problem is a one-line SpecError. */
export async function loadSpecFile(file: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecError(file, '', `cannot read the spec file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return loadSpec(file, specJson(file, text));
}
