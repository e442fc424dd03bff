/** `synod list [module ...]`: protocols (built-in, or a module's), their parameters, buggy variants and properties. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProtocolSourceError, importProtocol, protocolExports } from '../checker/protocol-source.js';
import { historyProperties } from '../checker/linearizability/properties.js';
import type { AnyProtocol, ParamValue } from '../model/contract.js';
import type { AnyMachine } from '../model/machines/machine.js';
import { protocols } from '../model/registry.js';
import { InputError } from './spec-files.js';

/** The object a protocol's clients use under its default parameters, if any. */
function defaultObject(p: AnyProtocol): AnyMachine | null {
  if (p.object === undefined) return null;
  const params: Record<string, ParamValue> = {};
  for (const d of p.params) params[d.name] = d.default;
  try {
    return p.object(p.configure(params, []));
  } catch {
    return null;
  }
}

/** The protocols a module exports (`#name`: that one), a path relative to the working folder. */
async function moduleProtocols(ref: string): Promise<readonly AnyProtocol[]> {
  const hash = ref.indexOf('#');
  const path = hash < 0 ? ref : ref.slice(0, hash);
  if (!existsSync(path)) throw new InputError(`${path}: no such module`);
  const url = pathToFileURL(resolve(path)).href;
  try {
    if (hash >= 0) return [(await importProtocol(`${url}${ref.slice(hash)}`)).protocol];
    const all = protocolExports((await import(url)) as Record<string, unknown>);
    if (all.length === 0) await importProtocol(url); // throws the reason
    // The default export is often the same object as a named one: list it once.
    return [...new Set(all.map((e) => e.protocol))];
  } catch (e) {
    if (e instanceof ProtocolSourceError) throw new InputError(`${ref}: ${e.message}`);
    throw new InputError(`${ref}: cannot load the module (${(e as Error).message.split('\n')[0]})`);
  }
}

export async function runList(modules: readonly string[], print: (line: string) => void): Promise<number> {
  const listed: AnyProtocol[] = [];
  if (modules.length === 0) listed.push(...protocols());
  for (const m of modules) listed.push(...(await moduleProtocols(m)));
  for (const p of listed) {
    print(`${p.name}: ${p.summary}`);
    print('  parameters:');
    for (const d of p.params) {
      const range = d.type === 'int' ? ` (${d.min ?? '…'}..${d.max ?? '…'})` : d.type === 'enum' ? ` (${(d.choices ?? []).join('|')})` : '';
      print(`    ${d.name} = ${String(d.default)}${range}: ${d.description}`);
    }
    print('  properties:');
    for (const i of p.invariants) print(`    ${i.name}: ${i.description}`);
    const object = defaultObject(p);
    if (object !== null) {
      print(`  clients' history, checked against ${object.name} (${object.description}):`);
      for (const i of historyProperties(object)) print(`    ${i.name}: ${i.description}`);
    }
    if (p.predicates.length > 0) {
      print('  predicates (for "eventually"):');
      for (const q of p.predicates) print(`    ${q.name}: ${q.description}`);
    }
    print('  buggy variants (bugs):');
    for (const b of p.bugs) print(`    ${b.name}: ${b.description} — reproduces ${b.reproduces}`);
    print(`  time: ${p.usesTime ? 'uses clocks (spec needs "time")' : 'no'}; symmetry: ${p.symmetry === undefined ? 'none' : `roles ${p.symmetry.roles.join(', ')} and values`}`);
    print('');
  }
  return 0;
}
