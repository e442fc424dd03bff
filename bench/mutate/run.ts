/**
 * `npm run mutate`: mutation testing of the models' rule code against the
 * specs (default and deep tier) of the mutated protocol.
 *
 *   node dist/bench/mutate/run.js [--jobs 2] [--only raft/log] [--planted] [--out bench/mutation]
 *
 * Compiled once (tsc); each mutant is one TypeScript file changed by one
 * token, transpiled alone (ts.transpileModule) and served in place of its
 * compiled module by a loader hook in a fresh child process, which runs the
 * specs in-process and stops at the first kill. Specs run cheapest first,
 * but a spec that already killed a mutant of the same file goes first.
 * Results: <out>.json (every mutant) and <out>.md (score, survivors with the
 * reason each is equivalent, from bench/mutate/equivalent.json).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { applyMutant, mutantsOf, type Mutant } from './mutants.js';
import { PLANTED } from './planted.js';
import { writeReport, type Outcome, type Run } from './report.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const jobs = Number(opt('jobs', '2'));
const only = opt('only', '');
const planted = args.includes('--planted');
const out = opt('out', planted ? 'bench/mutation-planted' : 'bench/mutation');
const MAX_MEMORY = 1536 * 2 ** 20;
const ORDER = ['raft', 'paxos', 'lease'];
const SKIP_FILES = /\/(describe|properties|symmetry|view|types|contract|registry)\.ts$/;

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every spec of a protocol, default tier and deep tier. */
function specsOf(protocol: string): string[] {
  return walk(join(root, 'spec'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('schema.json'))
    .filter((f) => (JSON.parse(readFileSync(f, 'utf8')) as { protocol?: unknown }).protocol === protocol)
    .map((f) => relative(root, f));
}

interface ChildResult {
  readonly killed: boolean;
  readonly spec?: string;
  readonly how?: string;
  readonly seconds: readonly number[];
  readonly cpu?: number;
}

let childCpu = 0;

function runChild(job: object, wallLimit: number): Promise<ChildResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'dist/bench/mutate/child.js'), JSON.stringify(job)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), wallLimit * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const r = JSON.parse(line) as ChildResult;
        childCpu += r.cpu ?? 0;
        done(r);
      } catch {
        const how = signal === 'SIGKILL' ? `timeout: over ${wallLimit} s wall` : `crash: exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
        done({ killed: true, how, seconds: [] });
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
  readonly protocol: string;
  readonly planted?: boolean;
}

/** Unmutated seconds per spec, cached in <out>-baseline.json (delete it after changing specs or models). */
function loadBaseline(file: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  if (args.includes('--report')) {
    // --merge a,b: several runs' JSON (say, one per protocol, run side by side) become one report.
    const parts = opt('merge', out).split(',').map((f) => JSON.parse(readFileSync(join(root, `${f}.json`), 'utf8')) as Run);
    const byId = new Map<string, Outcome>();
    for (const r of parts) for (const o of r.outcomes) byId.set(o.id, o);
    const specsAll = Object.assign({}, ...parts.map((r) => r.specs)) as Run['specs'];
    writeReport(root, out, {
      outcomes: [...byId.values()],
      // Runs side by side split one plan (--only), or one run holds it all: the largest plan is the whole.
      planned: Math.max(...parts.map((r) => r.planned)),
      done: parts.every((r) => r.done),
      planted: false,
      jobs: parts.reduce((a, r) => a + r.jobs, 0),
      wall: Math.max(...parts.map((r) => r.wall)),
      cpu: parts.reduce((a, r) => a + r.cpu, 0),
      specs: specsAll,
    });
    process.stderr.write(`mutate: wrote ${out}.md from ${parts.length} run(s)\n`);
    return;
  }
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const files = walk(join(root, 'src/model'))
    .map((f) => relative(root, f))
    .filter((f) => f.endsWith('.ts') && !SKIP_FILES.test(`/${f}`) && f.split('/').length === 4)
    .filter((f) => only === '' || only.split(',').some((o) => f.includes(o)))
    // Raft and Paxos first: the protocols issue 14 is about; a run cut short still scores them.
    .sort((a, b) => ORDER.indexOf(a.split('/')[2]) - ORDER.indexOf(b.split('/')[2]) || a.localeCompare(b));
  const sources = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  const plan: Planned[] = [];
  // The planted bugs go first in every run (reported apart, not scored); --planted runs them alone.
  {
    for (const p of PLANTED.filter((x) => only === '' || only.split(',').some((o) => x.file.includes(o)))) {
      const src = sources.get(p.file) ?? readFileSync(join(root, p.file), 'utf8');
      sources.set(p.file, src);
      const start = src.indexOf(p.find);
      if (start < 0 || src.indexOf(p.find, start + 1) >= 0) throw new Error(`planted bug ${p.name}: "${p.find}" must occur exactly once in ${p.file}`);
      const line = src.slice(0, start).split('\n').length;
      plan.push({ protocol: p.file.split('/')[2], planted: true, mutant: { id: p.name, file: p.file, line, fn: p.name, from: p.find, to: p.replace, start, end: start + p.find.length } });
    }
  }
  if (!planted) {
    for (const f of files) for (const m of mutantsOf(f, sources.get(f) ?? '')) plan.push({ protocol: f.split('/')[2], mutant: m });
  }
  const protocols = [...new Set(plan.map((p) => p.protocol))];
  const specs = new Map<string, string[]>();
  const base = new Map<string, number>();
  process.stderr.write(`mutate: ${plan.length} mutants in ${new Set(plan.map((p) => p.mutant.file)).size} files; baseline runs of ${protocols.join(', ')} specs\n`);
  const cacheFile = join(root, `${out.replace(/-planted$/, '')}-baseline.json`);
  const cached = loadBaseline(cacheFile);
  for (const p of protocols) {
    const list = specsOf(p);
    if (list.every((s) => cached[s] !== undefined)) {
      for (const s of list) base.set(s, cached[s]);
      specs.set(p, list);
      process.stderr.write(`mutate: ${p}: ${list.length} specs, unmutated times from ${relative(root, cacheFile)}\n`);
      continue;
    }
    const r = await runChild({ specs: list, timeLimits: list.map(() => 600), maxMemory: MAX_MEMORY * 2 }, 3600);
    if (r.killed) throw new Error(`the unmutated ${p} model fails its specs: ${r.spec ?? ''}: ${r.how ?? ''}`);
    list.forEach((s, k) => base.set(s, r.seconds[k]));
    specs.set(p, list);
    process.stderr.write(`mutate: ${p}: ${list.length} specs, ${r.seconds.reduce((a, b) => a + b, 0).toFixed(1)} s unmutated\n`);
    writeFileSync(cacheFile, JSON.stringify(Object.fromEntries(base), null, 1) + '\n');
  }
  const killers = new Map<string, Map<string, number>>();
  const outcomes: Outcome[] = [];
  let next = 0;
  let finished = 0;
  const save = (done: boolean): void => {
    const cpu = process.cpuUsage(cpu0);
    writeReport(root, out, {
      outcomes: outcomes.filter((o) => o !== undefined),
      planned: plan.length,
      done,
      planted,
      jobs,
      wall: (Date.now() - t0) / 1000,
      cpu: childCpu + (cpu.user + cpu.system) / 1e6,
      specs: Object.fromEntries([...specs].map(([p, l]) => [p, l.map((s) => ({ spec: s, seconds: base.get(s) ?? 0 }))])),
    });
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const k = next++;
      if (k >= plan.length) return;
      const { mutant, protocol } = plan[k];
      const src = sources.get(mutant.file) ?? '';
      const kills = killers.get(mutant.file) ?? new Map<string, number>();
      const order = [...(specs.get(protocol) ?? [])].sort((a, b) => (kills.get(b) ?? 0) - (kills.get(a) ?? 0) || (base.get(a) ?? 0) - (base.get(b) ?? 0));
      const timeLimits = order.map((s) => Math.max(10, 4 * (base.get(s) ?? 0)));
      const job = { specs: order, timeLimits, maxMemory: MAX_MEMORY, target: distUrl(mutant.file), source: transpile(applyMutant(src, mutant)) };
      const started = Date.now();
      const r = await runChild(job, timeLimits.reduce((a, b) => a + b, 0) + 60);
      if (r.killed && r.spec !== undefined) {
        kills.set(r.spec, (kills.get(r.spec) ?? 0) + 1);
        killers.set(mutant.file, kills);
      }
      outcomes[k] = { ...mutant, ...(plan[k].planted === true ? { planted: true } : {}), killed: r.killed, ...(r.spec === undefined ? {} : { spec: r.spec }), ...(r.how === undefined ? {} : { how: r.how }), seconds: (Date.now() - started) / 1000 };
      finished++;
      if (finished % 20 === 0) save(false);
      if (finished % 10 === 0 || !r.killed) {
        process.stderr.write(`mutate: ${finished}/${plan.length} ${r.killed ? 'killed' : 'SURVIVED'} ${mutant.id}${r.killed ? '' : ` (${mutant.fn})`}, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, () => worker()));
  save(true);
  const cpu = process.cpuUsage(cpu0);
  process.stderr.write(`mutate: ${outcomes.filter((o) => o.killed).length}/${outcomes.length} killed; ${((Date.now() - t0) / 1000).toFixed(0)} s wall, ${(childCpu + (cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU; wrote ${out}.md and ${out}.json\n`);
}

await main();
