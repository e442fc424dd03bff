/** Writes the mutation results: <out>.json with every mutant, <out>.md with the score and the survivors explained. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BACKSTOP_FLOOR, BACKSTOP_MULTIPLE, kindOf, KINDS, RECHECK, STATE_FLOOR, STATE_MULTIPLE, type Baseline } from './classify.js';
import { outOfScope, type Mutant } from './mutants.js';

export interface Outcome extends Mutant {
  readonly killed: boolean;
  /** One of the issue's planted bug classes (bench/mutate/planted.ts): reported apart, not scored. */
  readonly planted?: boolean;
  readonly spec?: string;
  readonly how?: string;
  readonly seconds: number;
  /** Specs the child ran (the last one killed, if any). */
  readonly specsRun?: number;
}

export interface Load {
  readonly min: number;
  readonly mean: number;
  readonly max: number;
}

export interface Run {
  readonly outcomes: readonly Outcome[];
  /** Mutants planned; fewer outcomes while the run is under way. */
  readonly planned: number;
  readonly done: boolean;
  readonly planted: boolean;
  readonly jobs: number;
  readonly wall: number;
  /** CPU seconds of the runner and all its children. */
  readonly cpu: number;
  /** The 1-minute load average, sampled every 30 s. */
  readonly load?: Load;
  readonly commit?: string;
  /** Every file the run mutated -> git blob hash of the content it mutated (runs before this field: see `commit`). */
  readonly files?: Readonly<Record<string, string>>;
  /** Run with --specs: only some specs, so a survivor here stands only on an earlier outcome that ran them all. */
  readonly specsSubset?: boolean;
  readonly specs: Readonly<Record<string, readonly ({ spec: string } & Partial<Baseline>)[]>>;
  /** Merged reports: the runs they came from. */
  readonly parts?: readonly { name: string; mutants: number; wall: number; cpu: number; jobs: number; load?: Load; commit?: string }[];
  /** Merged reports: what the merge dropped and where each file's outcomes come from (bench/mutate/stale.ts). */
  readonly merge?: MergeNotes;
}

export interface MergeNotes {
  /** Outcomes of a file changed since the part mutated it: dropped, to rerun. */
  readonly stale: readonly { part: string; file: string; outcomes: number; from: string }[];
  /** Survivors of a rerun against some specs only, with no full outcome to stand on: dropped, to rerun. */
  readonly unsupported: readonly { id: string; part: string }[];
  /** file -> the parts its fresh outcomes come from, at which commit, and the content's blob hash. */
  readonly provenance: Readonly<Record<string, readonly { part: string; commit?: string; hash: string }[]>>;
  /** Every file the runner mutates now: a file here with no fresh outcome is not covered. */
  readonly inScope: readonly string[];
}

/** Survivors explained by hand: mutant id -> "equivalent: why" (or the spec that now kills it). */
function reasons(root: string): Record<string, string> {
  const f = join(root, 'bench/mutate/equivalent.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, string>) : {};
}

const WHY_OUR_OWN = [
  '**Why a runner of our own rather than Stryker.** A mutant here is judged by model checking, not by unit tests:',
  "each one means re-running the specs (default and deep tier) of every protocol that uses the mutated file until one",
  "comes out unlike its file says. Stryker's vitest runner would rebuild or instrument the project and drive vitest per",
  'mutant; ours compiles once (tsc), transpiles only the mutated file (ts.transpileModule, milliseconds) and serves it',
  'in place of its compiled module through a Node loader hook in a fresh child process, which runs the specs in-process',
  'with the checker and stops at the first kill. Specs run cheapest first, except that a spec that already killed a',
  'mutant of the same file goes first. No dependency is added: the TypeScript compiler API we already build with finds',
  'the tokens to mutate.',
  '',
  '**What is mutated.** Single tokens in the functions of every file under src/model/ that a registered protocol',
  "(src/model/<name>/protocol.ts) reaches through its imports: relational boundaries and flips (< <= > >=),",
  '=== / !==, && / ||, + / -, * / /, & / |, ?? / &&, dropping a !, true / false, a number +1 / -1, Math.max / Math.min.',
  'Not mutated: describe*/printing functions, labels and other strings and templates, properties.ts (the specification',
  'itself), symmetry.ts and view.ts (checker reductions with tests of their own), types.ts, module-level metadata',
  '(parameter defaults and ranges) and input validation that throws ModelConfigError; nor files no protocol imports',
  '(src/model/machines/index.ts and register.ts serve `synod history`, whose tests cover them).',
  'Nor src/model/machines/kv-reference.ts: the sequential specification of the key-value map that `linearizable` and',
  '`sequentiallyConsistent` check histories against, written apart from kv.ts (the machine the protocols replicate).',
  'Nor src/model/masks.ts: `permuteMask`, the bit permutation the symmetry reductions apply (moved out of symmetry.ts',
  'when three protocols shared it), a checker reduction with a unit test of its own (test/model/masks.test.ts).',
  '',
  '**Killed** means the checker no longer says what a spec expects, judged without reference to the machine\'s speed',
  '(bench/mutate/classify.ts):',
  '- *violation*: a correct spec violated; *passed*: a buggy spec no longer violated as its file says; *vacuous*: a pass',
  '  that no longer reaches the spec\'s witnesses;',
  '- *model error*: a `stale()`/`normalize()` claim the mutant made false (checked at run time) or another model error;',
  '- *crash*: an exception thrown while checking the mutated code (a TypeError and the like), caught in the child and',
  '  reported with its message; a child that dies without a result (a signal, V8 or the machine out of memory) is not a',
  '  crash: it is run once more and, if it dies again, recorded as *lost* and not scored;',
  `- *state explosion*: each spec has a budget of max(${STATE_MULTIPLE} x, + ${STATE_FLOOR.toLocaleString('en')}) the states the unmutated models`,
  '  explore for it (counted once, cached in bench/mutation-baseline.json under a fingerprint of the spec and of',
  '  src/model and src/checker); a mutant whose search reaches it no longer finishes the spec. Deterministic: the same',
  '  mutant gives the same count on any machine at any load;',
  "- *depth*: the search stops at the spec's depth bound where the unmutated one finished; *memory*: it stops at the",
  '  3 GiB resident-memory bound of the child (or an allocation is refused) before its state budget;',
  `- *backstop*: only a loop inside one rule escapes the state budget, so a very generous wall clock stays as a backstop:`,
  `  max(${BACKSTOP_FLOOR} s, ${BACKSTOP_MULTIPLE} x the unmutated wall seconds) per spec, in the search and (plus 60 s) on the child. A kill by`,
  '  the backstop alone is listed below, to be re-checked.',
];

/**
 * Which files of src/model the merged score covers, per protocol folder, and
 * what the merge dropped as stale: outcomes of a file that changed since its
 * part ran (to rerun with --only <file>) and survivors of a --specs rerun
 * with no full outcome under them (to rerun with every spec).
 */
function coverage(m: MergeNotes, scoped: readonly Outcome[]): string[] {
  const lines = ['## Coverage', '', 'A part\'s outcomes count only while its file is as the part mutated it (the git blob hash the part recorded, or the file at',
    "the part's commit for runs made before hashes were recorded); outcomes of a file changed since are dropped and listed",
    'below to rerun.', '', '| folder | files covered | not covered (no fresh outcome) |', '|---|---|---|'];
  const have = new Set(scoped.map((o) => o.file));
  const folder = (f: string): string => f.replace(/^src\/model\//, '').replace(/\/[^/]*$/, '/').replace(/^[^/]*\.ts$/, '(top level)');
  for (const d of [...new Set(m.inScope.map(folder))].sort()) {
    const files = m.inScope.filter((f) => folder(f) === d);
    const missing = files.filter((f) => !have.has(f));
    lines.push(`| ${d} | ${files.length - missing.length} of ${files.length} | ${missing.map((f) => f.replace(/^.*\//, '')).join(', ') || '-'} |`);
  }
  const outside = [...have].filter((f) => !m.inScope.includes(f));
  if (outside.length > 0) lines.push('', `Scored but no longer mutated by the runner: ${outside.join(', ')}.`);
  lines.push('', '### Stale outcomes, dropped (to rerun)', '');
  if (m.stale.length === 0 && m.unsupported.length === 0) lines.push('None.');
  for (const x of m.stale) lines.push(`- ${x.file}: ${x.outcomes} outcomes of ${x.part} (hash from ${x.from}): the file has changed since; rerun \`--only ${x.file}\``);
  if (m.unsupported.length > 0) lines.push(`- ${m.unsupported.length} survivors of a rerun against some specs only, with no fresh full outcome: ${m.unsupported.map((u) => `\`${u.id}\` (${u.part})`).join(', ')}`);
  return lines;
}

export function writeReport(root: string, out: string, run: Run): void {
  writeFileSync(resolve(root, `${out}.json`), JSON.stringify({ ...run, outcomes: run.outcomes.map(({ start: _s, end: _e, ...o }) => o) }, null, 1) + '\n');
  const why = reasons(root);
  const plantedOnes = run.outcomes.filter((o) => o.planted === true);
  // Runs made before a function was put out of scope still hold its mutants: they are left out here too.
  const excluded = run.outcomes.filter((o) => o.planted !== true && outOfScope(o.file, o.fn) !== undefined);
  const scoped = run.outcomes.filter((o) => o.planted !== true && outOfScope(o.file, o.fn) === undefined);
  const lost = scoped.filter((o) => kindOf(o.how) === 'lost');
  const all = scoped.filter((o) => kindOf(o.how) !== 'lost');
  const killed = all.filter((o) => o.killed);
  const survivors = all.filter((o) => !o.killed);
  const equivalent = survivors.filter((o) => why[o.id]?.startsWith('equivalent'));
  const nonEq = all.length - equivalent.length;
  const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  const lines: string[] = [];
  const plantedTable = (): void => {
    lines.push('| bug | file:line | caught by | how |', '|---|---|---|---|');
    for (const o of plantedOnes) lines.push(`| ${o.id} | ${o.file}:${o.line} | ${o.spec ?? '**not caught**'} | ${(o.how ?? '').replace(/\|/g, '\\|').slice(0, 200)} |`);
  };
  const loadText = run.load === undefined ? '' : `; 1-minute load average ${run.load.min.toFixed(1)}-${run.load.max.toFixed(1)} (mean ${run.load.mean.toFixed(1)}) on 2 cores`;
  if (run.planted) {
    lines.push('# Planted bugs (issue 14)', '', 'Generated by `npm run mutate -- --planted` (bench/mutate/planted.ts).', '');
    lines.push(`Run: ${run.jobs} child processes at a time, ${run.wall.toFixed(0)} s wall, ${run.cpu.toFixed(0)} s CPU${loadText}.`, '');
    plantedTable();
  } else {
    lines.push('# Mutation score', '', 'Generated by `npm run mutate` (bench/mutate/run.ts); reasons for survivors are in bench/mutate/equivalent.json;', '`node dist/bench/mutate/run.js --report` rewrites this page from bench/mutation.json after editing them.', '');
    lines.push(...WHY_OUR_OWN, '');
    if (!run.done) lines.push(`**Partial: ${all.length + lost.length + excluded.length} of ${run.planned} mutants run so far.**`, '');
    if (excluded.length > 0) {
      const why = [...new Set(excluded.map((o) => `${o.file.replace(/^src\/model\//, '')} ${o.fn}: ${outOfScope(o.file, o.fn) ?? ''}`))];
      lines.push(`Left out of the score as out of scope (mutated by this run, excluded from the set since): ${excluded.length} mutants (${excluded.filter((o) => o.killed).length} of them killed all the same): ${why.join('; ')}.`, '');
    }
    lines.push(`- mutants: ${all.length}${lost.length === 0 ? '' : ` scored (+ ${lost.length} lost, not scored)`}; killed ${killed.length}; survived ${survivors.length}, of which ${equivalent.length} explained as equivalent`);
    lines.push(`- **score: ${pct(killed.length, nonEq)} of non-equivalent mutants killed** (${killed.length}/${nonEq}); raw ${pct(killed.length, all.length)}`);
    lines.push(`- kills by kind: ${KINDS.map((k) => [k, killed.filter((o) => kindOf(o.how) === k).length] as const).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    lines.push(`- run: ${run.jobs} child processes at a time, ${run.wall.toFixed(0)} s wall, ${run.cpu.toFixed(0)} s CPU (runner and children)${loadText}${run.commit === undefined ? '' : `; commit ${run.commit.slice(0, 12)}`}`);
    for (const p of run.parts ?? []) lines.push(`  - part ${p.name}: ${p.mutants} mutants, ${p.jobs} at a time, ${p.wall.toFixed(0)} s wall, ${p.cpu.toFixed(0)} s CPU${p.load === undefined ? '' : `, load ${p.load.min.toFixed(1)}-${p.load.max.toFixed(1)}`}${p.commit === undefined ? '' : `; commit ${p.commit.slice(0, 12)}`}`);
    // Hand-written notes on the run (scope, re-checks), kept beside equivalent.json so --report keeps them.
    const notes = join(root, 'bench/mutate/run-notes.md');
    if (existsSync(notes)) lines.push('', readFileSync(notes, 'utf8').trim());
    if (run.merge !== undefined) lines.push('', ...coverage(run.merge, scoped));
    const at = (f: string): string => (run.merge?.provenance[f] ?? []).map((p) => `${p.part.replace(/^.*\//, '')}${p.commit === undefined ? '' : ` @ ${p.commit.slice(0, 7)}`}`).join(', ');
    lines.push('', `| file | mutants | killed | survived |${run.merge === undefined ? '' : ' measured by (part @ commit) |'}`, `|---|---|---|---|${run.merge === undefined ? '' : '---|'}`);
    for (const f of [...new Set(all.map((o) => o.file))]) {
      const of = all.filter((o) => o.file === f);
      lines.push(`| ${f} | ${of.length} | ${of.filter((o) => o.killed).length} | ${of.filter((o) => !o.killed).length} |${run.merge === undefined ? '' : ` ${at(f)} |`}`);
    }
    lines.push('', '## The planted bug classes of issue 14', '', 'Run first, as mutants (bench/mutate/planted.ts), not counted in the score.', '');
    plantedTable();
    lines.push('', '## Survivors', '', '| mutant | function | reason |', '|---|---|---|');
    for (const o of survivors) lines.push(`| \`${o.id.replace(/\|/g, '\\|')}\` | ${o.fn} | ${why[o.id] ?? '**unexplained**'} |`);
    const recheck = killed.filter((o) => RECHECK.includes(kindOf(o.how) as (typeof RECHECK)[number]));
    lines.push('', '## Kills by the wall-clock backstop alone (to re-check)', '');
    if (recheck.length === 0) lines.push('None.');
    for (const o of recheck) lines.push(`- \`${o.id}\` (${o.fn}): ${o.spec ?? ''}: ${o.how ?? ''}`);
    lines.push('', '## Lost (the child died twice without a result; not scored)', '');
    if (lost.length === 0) lines.push('None.');
    for (const o of lost) lines.push(`- \`${o.id}\` (${o.fn}): ${o.how ?? ''}`);
  }
  lines.push('', '## Specs per protocol (unmutated: states, wall / CPU seconds)', '');
  for (const [p, l] of Object.entries(run.specs)) lines.push(`- ${p}: ${l.map((s) => `${s.spec.replace(/^spec\//, '')} ${(s.states ?? 0).toLocaleString('en')} states ${(s.seconds ?? 0).toFixed(1)}/${(s.cpu ?? 0).toFixed(1)} s`).join(', ')}`);
  writeFileSync(resolve(root, `${out}.md`), lines.join('\n') + '\n');
}
