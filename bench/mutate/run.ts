/**
 * `npm run mutate`: mutation testing of the models' rule code against the
 * specs (default and deep tier) of every protocol that uses the mutated file.
 *
 *   node dist/bench/mutate/run.js [--jobs 2] [--only raft/log,paxos] [--ids a,b|@file] [--planted] [--out bench/mutation] [--baseline bench/mutation-baseline]
 *   node dist/bench/mutate/run.js --ids @survivors.txt --specs spec/deep/x.json --out bench/mutation-rerun
 *   node dist/bench/mutate/run.js --report [--merge bench/mutation-a,bench/mutation-b]
 *
 * Compiled once (tsc); each mutant is one TypeScript file changed by one
 * token, transpiled alone (ts.transpileModule) and served in place of its
 * compiled module by a loader hook in a fresh child process, which runs the
 * specs in-process and stops at the first kill. Specs run cheapest first,
 * but a spec that already killed a mutant of the same file goes first.
 * What kills is decided by bench/mutate/classify.ts from the checker's
 * verdicts and from state counts (a budget per spec, a multiple of the
 * unmutated states), not from the machine's speed.
 * Results: <out>.json (every mutant) and <out>.md (score, survivors with the
 * reason each is equivalent, from bench/mutate/equivalent.json).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { budgetFor, childDied, type Baseline } from './classify.js';
import { applyMutant, mutantsOf, type Mutant } from './mutants.js';
import { PLANTED } from './planted.js';
import { blobHash, hashAtCommit, mergeParts, specsAtCommit, StaleCheckError } from './stale.js';
import { writeReport, type Outcome, type Run } from './report.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const jobs = Number(opt('jobs', '2'));
const only = opt('only', '');
const idsArg = opt('ids', '');
const ids = new Set((idsArg.startsWith('@') ? readFileSync(idsArg.slice(1), 'utf8').split('\n') : idsArg.split(',')).map((s) => s.trim()).filter((s) => s !== ''));
const planted = args.includes('--planted');
/** --specs a,b: only these specs (say, specs added since a run, against its survivors: a spec added can only add kills). */
const onlySpecs = opt('specs', '').split(',').filter((x) => x !== '');
const out = opt('out', planted ? 'bench/mutation-planted' : 'bench/mutation');
/** The in-process memory bound of one child (resident memory); V8's heap is raised above it so the search stops cleanly first. */
const MAX_MEMORY = 3072 * 2 ** 20;
const CHILD_ARGS = ['--max-old-space-size=4096'];
const ORDER = ['raft', 'paxos', 'lease', 'primary-backup'];
// kv-reference.ts is the sequential specification the history properties check against (as properties.ts is a protocol's).
const SKIP_FILES = /\/(describe|properties|symmetry|view|types|contract|registry|kv-reference|masks)\.ts$/;

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const specFiles = walk(join(root, 'spec')).filter((f) => f.endsWith('.json') && !f.endsWith('schema.json'));
const specProtocol = new Map(specFiles.map((f) => [relative(root, f), (JSON.parse(readFileSync(f, 'utf8')) as { protocol?: unknown }).protocol]));

/** Every spec of a protocol, default tier and deep tier. */
function specsOf(protocol: string): string[] {
  return [...specProtocol].filter(([f, p]) => p === protocol && (onlySpecs.length === 0 || onlySpecs.includes(f))).map(([f]) => f);
}

/** The model files each protocol's module (src/model/<name>/protocol.ts) reaches through relative imports. */
function reachedBy(): Map<string, Set<string>> {
  const imports = (file: string): string[] =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)\.js'/g)].map((m) => relative(root, resolve(dirname(join(root, file)), `${m[1]}.ts`)));
  const reach = new Map<string, Set<string>>();
  for (const p of new Set([...specProtocol.values()].filter((x): x is string => typeof x === 'string'))) {
    const start = `src/model/${p}/protocol.ts`;
    if (!existsSync(join(root, start))) throw new Error(`protocol ${p}: specs name it but ${start} does not exist`);
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length > 0) {
      const f = todo.pop() ?? '';
      if (seen.has(f) || !f.startsWith('src/model/')) continue;
      seen.add(f);
      todo.push(...imports(f));
    }
    for (const f of seen) reach.set(f, (reach.get(f) ?? new Set()).add(p));
  }
  return reach;
}

interface ChildResult {
  readonly killed: boolean;
  readonly spec?: string;
  readonly how?: string;
  readonly stats: readonly Baseline[];
  readonly cpu?: number;
  readonly retry?: boolean;
}

/** CPU seconds of this process and of every child it has waited for (killed ones included): /proc/self/stat utime, stime, cutime, cstime. */
function cpuOfRun(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return [11, 12, 13, 14].reduce((a, i) => a + Number(fields[i]), 0) / 100;
}

/** One child; the wall-clock backstop restarts at each spec the child starts, with that spec's limit. */
function runChild(job: { specs: readonly string[]; budgets?: readonly { timeLimit: number }[] }, wallLimits: readonly number[]): Promise<ChildResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...CHILD_ARGS, join(root, 'dist/bench/mutate/child.js'), JSON.stringify(job)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let current = 0;
    let byBackstop = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (k: number): void => {
      clearTimeout(timer);
      current = k;
      timer = setTimeout(() => {
        byBackstop = true;
        child.kill('SIGKILL');
      }, (wallLimits[k] ?? 600) * 1000);
    };
    arm(0);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      for (const m of d.toString().matchAll(/^\{"start":(\d+)\}$/gm)) arm(Number(m[1]));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const r = JSON.parse(line) as ChildResult;
        if (r.stats === undefined) throw new Error('no result line');
        done(r);
      } catch {
        const d = childDied(byBackstop, job.specs[current], wallLimits[current] ?? 0, code, signal, stderr);
        done({ killed: !d.retry, how: d.how, stats: [], retry: d.retry, ...(byBackstop ? { spec: job.specs[current] } : {}) });
      }
    });
  });
}

function transpile(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

const distUrl = (file: string): string => pathToFileURL(join(root, 'dist', file.replace(/\.ts$/, '.js'))).href;

interface Planned {
  readonly mutant: Mutant;
  readonly protocols: readonly string[];
  readonly planted?: boolean;
}

/**
 * Unmutated figures per spec, cached in <out>-baseline.json under a
 * fingerprint of the spec's text and of every source file of src/model and
 * src/checker: any change to either and the spec is measured again.
 */
type Cache = Record<string, Baseline & { fingerprint: string }>;
function loadBaseline(file: string): Cache {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Cache;
    return Object.values(c).every((v) => typeof v === 'object' && typeof v.states === 'number') ? c : {};
  } catch {
    return {};
  }
}
const codeHash = createHash('sha256');
for (const f of [...walk(join(root, 'src/model')), ...walk(join(root, 'src/checker'))].filter((x) => x.endsWith('.ts'))) codeHash.update(f).update(readFileSync(f));
const code = codeHash.digest('hex');
const fingerprint = (spec: string): string => createHash('sha256').update(code).update(readFileSync(join(root, spec))).digest('hex').slice(0, 16);

function report(): void {
  // --merge a,b: several runs' JSON (one per part run side by side, or a rerun of some mutants after it) become one report; later parts win per mutant.
  const names = opt('merge', out).split(',').filter((f) => f !== '');
  const parts = names.map((f) => ({ name: f, run: JSON.parse(readFileSync(resolve(root, f.endsWith('.json') ? f : `${f}.json`), 'utf8')) as Run }));
  const reach = reachedBy();
  const specsAt = new Map<string, Map<string, string[]>>();
  // Outcomes of a file changed since its part mutated it are dropped and listed to rerun (stale.ts).
  const merged = mergeParts(parts, {
    current: (f) => (existsSync(join(root, f)) ? blobHash(readFileSync(join(root, f))) : undefined),
    atCommit: (c, f) => hashAtCommit(root, c, f),
    specsAt: (c) => specsAt.get(c) ?? specsAt.set(c, specsAtCommit(root, c)).get(c) ?? new Map(),
  });
  // Spec lists per protocol, united (a rerun against new specs lists only those).
  const specsAll: Record<string, Run['specs'][string]> = {};
  for (const { run: r } of parts) for (const [p, l] of Object.entries(r.specs)) specsAll[p] = [...(specsAll[p] ?? []).filter((x) => !l.some((y) => y.spec === x.spec)), ...l].sort((a, b) => a.spec.localeCompare(b.spec));
  const loads = parts.map(({ run: r }) => r.load).filter((l) => l !== undefined);
  const inScope = walk(join(root, 'src/model')).map((f) => relative(root, f)).filter((f) => f.endsWith('.ts') && !SKIP_FILES.test(`/${f}`) && reach.has(f) && mutantsOf(f, readFileSync(join(root, f), 'utf8')).length > 0);
  writeReport(root, out, {
    outcomes: merged.outcomes,
    planned: Math.max(...parts.map(({ run: r }) => r.planned)),
    done: parts.every(({ run: r }) => r.done),
    planted: false,
    jobs: Math.max(...parts.map(({ run: r }) => r.jobs)),
    wall: parts.reduce((a, { run: r }) => a + r.wall, 0),
    cpu: parts.reduce((a, { run: r }) => a + r.cpu, 0),
    specs: specsAll,
    ...(loads.length === 0 ? {} : { load: { min: Math.min(...loads.map((l) => l.min)), mean: loads.reduce((a, l) => a + l.mean, 0) / loads.length, max: Math.max(...loads.map((l) => l.max)) } }),
    ...(parts[0].run.commit === undefined ? {} : { commit: parts[0].run.commit }),
    parts: parts.map(({ name, run: r }) => ({ name, mutants: r.outcomes.length, wall: r.wall, cpu: r.cpu, jobs: r.jobs, ...(r.load === undefined ? {} : { load: r.load }), ...(r.commit === undefined ? {} : { commit: r.commit }) })),
    merge: { stale: merged.stale, unsupported: merged.unsupported.map((o) => ({ id: o.id, part: o.part })), provenance: Object.fromEntries(merged.provenance), inScope },
  });
  process.stderr.write(`mutate: wrote ${out}.md from ${parts.length} run(s)${merged.stale.length === 0 ? '' : `; dropped the stale outcomes of ${merged.stale.length} file(s) of a part, listed to rerun`}\n`);
}

async function main(): Promise<void> {
  if (args.includes('--report')) return report();
  const t0 = Date.now();
  const cpu0 = cpuOfRun();
  const loads: number[] = [loadavg()[0]];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 30_000);
  const reach = reachedBy();
  const all = walk(join(root, 'src/model')).map((f) => relative(root, f)).filter((f) => f.endsWith('.ts') && !SKIP_FILES.test(`/${f}`));
  const unreached = all.filter((f) => !reach.has(f));
  if (unreached.length > 0) process.stderr.write(`mutate: not mutated, no protocol's module imports them: ${unreached.join(', ')}\n`);
  const first = (f: string): number => Math.min(...[...(reach.get(f) ?? [])].map((p) => (ORDER.indexOf(p) + ORDER.length + 1) % (ORDER.length + 1)));
  const files = all
    .filter((f) => reach.has(f))
    .filter((f) => only === '' || only.split(',').some((o) => f.includes(o)))
    // Raft and Paxos first: the protocols issue 14 is about; a run cut short still scores them.
    .sort((a, b) => first(a) - first(b) || a.localeCompare(b));
  const sources = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  const protocolsOf = (f: string): string[] => [...(reach.get(f) ?? [])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const plan: Planned[] = [];
  // The planted bugs go first in every run (reported apart, not scored); --planted runs them alone.
  for (const p of PLANTED.filter((x) => ids.size === 0 && (only === '' || only.split(',').some((o) => x.file.includes(o))))) {
    const src = sources.get(p.file) ?? readFileSync(join(root, p.file), 'utf8');
    sources.set(p.file, src);
    const start = src.indexOf(p.find);
    if (start < 0 || src.indexOf(p.find, start + 1) >= 0) throw new Error(`planted bug ${p.name}: "${p.find}" must occur exactly once in ${p.file}`);
    const line = src.slice(0, start).split('\n').length;
    plan.push({ protocols: protocolsOf(p.file), planted: true, mutant: { id: p.name, file: p.file, line, fn: p.name, from: p.find, to: p.replace, start, end: start + p.find.length } });
  }
  if (!planted) {
    for (const f of files) for (const m of mutantsOf(f, sources.get(f) ?? '')) if (ids.size === 0 || ids.has(m.id)) plan.push({ protocols: protocolsOf(f), mutant: m });
  }
  if (ids.size > 0 && plan.length !== ids.size) throw new Error(`--ids: ${ids.size} ids given, ${plan.length} found among the mutants`);
  const protocols = [...new Set(plan.flatMap((p) => p.protocols))];
  const specs = new Map(protocols.map((p) => [p, specsOf(p)]));
  const base = new Map<string, Baseline>();
  process.stderr.write(`mutate: ${plan.length} mutants in ${new Set(plan.map((p) => p.mutant.file)).size} files; specs of ${protocols.join(', ')}\n`);
  const cacheFile = join(root, `${opt('baseline', 'bench/mutation-baseline')}.json`);
  const cached = loadBaseline(cacheFile);
  const missing: string[] = [];
  for (const s of new Set([...specs.values()].flat())) {
    const c = cached[s];
    if (c !== undefined && c.fingerprint === fingerprint(s)) base.set(s, c);
    else missing.push(s);
  }
  if (missing.length > 0) {
    process.stderr.write(`mutate: measuring the unmutated models on ${missing.length} specs (${jobs} at a time)\n`);
    const queue = [...missing];
    await Promise.all(Array.from({ length: jobs }, async () => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        const r = await runChild({ specs: [s] }, [3600]);
        if (r.killed || r.stats.length !== 1) throw new Error(`the unmutated models fail ${s}: ${r.how ?? ''}`);
        base.set(s, r.stats[0]);
      }
    }));
    const next: Cache = { ...cached };
    for (const s of missing) next[s] = { ...(base.get(s) as Baseline), fingerprint: fingerprint(s) };
    writeFileSync(cacheFile, JSON.stringify(Object.fromEntries(Object.entries(next).sort()), null, 1) + '\n');
  }
  const specsFor = (ps: readonly string[]): string[] => [...new Set(ps.flatMap((p) => specs.get(p) ?? []))];
  const killers = new Map<string, Map<string, number>>();
  const outcomes: Outcome[] = [];
  let next = 0;
  let finished = 0;
  const commit = (() => {
    if (process.env.MUTATE_COMMIT !== undefined) return process.env.MUTATE_COMMIT;
    try {
      return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  })();
  const save = (done: boolean): void => {
    writeReport(root, out, {
      outcomes: outcomes.filter((o) => o !== undefined),
      planned: plan.length,
      done,
      planted,
      jobs,
      wall: (Date.now() - t0) / 1000,
      cpu: cpuOfRun() - cpu0,
      load: { min: Math.min(...loads), mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads) },
      specs: Object.fromEntries([...specs].map(([p, l]) => [p, l.map((s) => ({ spec: s, ...(base.get(s) as Baseline) }))])),
      ...(commit === '' ? {} : { commit }),
      // What was mutated, as read: a merge drops these outcomes once a file no longer has this content.
      specsSubset: onlySpecs.length > 0,
      files: Object.fromEntries([...new Set(plan.map((p) => p.mutant.file))].sort().map((f) => [f, blobHash(sources.get(f) ?? '')])),
    });
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const k = next++;
      if (k >= plan.length) return;
      const { mutant, protocols: ps } = plan[k];
      const src = sources.get(mutant.file) ?? '';
      const kills = killers.get(mutant.file) ?? new Map<string, number>();
      const order = specsFor(ps).sort((a, b) => (kills.get(b) ?? 0) - (kills.get(a) ?? 0) || (base.get(a)?.cpu ?? 0) - (base.get(b)?.cpu ?? 0));
      const baselines = order.map((s) => base.get(s) as Baseline);
      const budgets = baselines.map(budgetFor);
      const job = { specs: order, budgets, baselines, maxMemory: MAX_MEMORY, target: distUrl(mutant.file), source: transpile(applyMutant(src, mutant)) };
      const started = Date.now();
      const wallLimits = budgets.map((b) => b.timeLimit + 60);
      let r = await runChild(job, wallLimits);
      if (r.retry === true) {
        process.stderr.write(`mutate: ${mutant.id}: ${r.how ?? ''}; running it again\n`);
        r = await runChild(job, wallLimits);
      }
      if (r.killed && r.spec !== undefined) {
        kills.set(r.spec, (kills.get(r.spec) ?? 0) + 1);
        killers.set(mutant.file, kills);
      }
      outcomes[k] = { ...mutant, ...(plan[k].planted === true ? { planted: true } : {}), killed: r.killed, ...(r.spec === undefined ? {} : { spec: r.spec }), ...(r.how === undefined ? {} : { how: r.how }), seconds: (Date.now() - started) / 1000, specsRun: r.stats.length };
      finished++;
      if (finished % 10 === 0) save(false);
      if (finished % 10 === 0 || !r.killed) {
        process.stderr.write(`mutate: ${finished}/${plan.length} ${r.killed ? 'killed' : 'SURVIVED'} ${mutant.id}${r.killed ? '' : ` (${mutant.fn}${r.how === undefined ? '' : `; ${r.how}`})`}, ${((Date.now() - t0) / 1000).toFixed(0)} s, load ${loadavg()[0].toFixed(1)}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, () => worker()));
  clearInterval(sampler);
  loads.push(loadavg()[0]);
  save(true);
  process.stderr.write(`mutate: ${outcomes.filter((o) => o.killed).length}/${outcomes.length} killed; ${((Date.now() - t0) / 1000).toFixed(0)} s wall, ${(cpuOfRun() - cpu0).toFixed(0)} s CPU; wrote ${out}.md and ${out}.json\n`);
}

try {
  await main();
} catch (e) {
  // A merge that cannot check its parts is bad input: one line, exit 2, no stack trace.
  if (!(e instanceof StaleCheckError)) throw e;
  process.stderr.write(`mutate: ${e.message}\n`);
  process.exitCode = 2;
}
