/** `synod list`: protocols, their parameters, buggy variants and properties. */
import { protocols } from '../model/registry.js';

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
