/** `synod list`: protocols, their parameters, buggy variants and properties. */
import { historyProperties } from '../checker/linearizability/properties.js';
import type { AnyProtocol, ParamValue } from '../model/contract.js';
import type { AnyMachine } from '../model/machines/machine.js';
import { protocols } from '../model/registry.js';

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

export function runList(print: (line: string) => void): number {
  for (const p of protocols()) {
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
