/**
 * One measured run in a fresh process, so that peak RSS belongs to that run
 * alone: `node --expose-gc dist/bench/one.js <spec.json> <engine> [workers] [symmetry]`
 * where engine is "fast" or "naive". Prints one JSON object (a Measurement).
 */
import { loadSpecFile } from '../src/checker/load-spec.js';
import { checkSpec } from '../src/checker/run.js';
import { naiveBfs } from './naive.js';

export interface Measurement {
  readonly spec: string;
  readonly engine: 'fast' | 'naive';
  readonly workers: number;
  readonly symmetry: boolean;
  readonly verdict: string;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  /** CPU time of the search, all threads (the machine is shared: wall time alone misleads). */
  readonly cpuSeconds: number;
  readonly transitionsPerSecond: number;
  readonly transitionsPerCpuSecond: number;
  readonly statesPerSecond: number;
  readonly peakRssBytes: number;
  /** Fast: visited table + parent links. Naive: JS heap growth over the run, measured with its visited set alive. */
  readonly bytesPerState: number;
  readonly collisionProbability?: number;
}

function heapNow(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const [file, engine, workersArg, symArg, limitArg] = process.argv.slice(2);
  if (file === undefined || (engine !== 'fast' && engine !== 'naive')) {
    process.stderr.write('usage: one.js <spec.json> fast|naive [workers] [symmetry] [timeLimit]\n');
    process.exit(2);
  }
  const workers = Number(workersArg ?? 1);
  const symmetry = symArg === 'symmetry';
  const timeLimit = limitArg === undefined ? undefined : Number(limitArg);
  const spec = await loadSpecFile(file);
  const heap0 = heapNow();
  const cpu0 = process.cpuUsage();
  const cpuSeconds = (): number => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1e6;
  };
  let out: Omit<Measurement, 'peakRssBytes' | 'bytesPerState' | 'cpuSeconds' | 'transitionsPerCpuSecond'> & { bytesPerState?: number };
  let cpu = 0;
  if (engine === 'naive') {
    const r = naiveBfs(spec, timeLimit ?? spec.limits.timeLimit);
    cpu = cpuSeconds();
    const bytes = r.heapBytes - heap0;
    out = {
      spec: spec.name,
      engine,
      workers: 1,
      symmetry: false,
      verdict: r.status === 'violation' ? `violation of ${r.property}` : r.status,
      states: r.states,
      transitions: r.transitions,
      depth: r.depth,
      seconds: r.seconds,
      transitionsPerSecond: r.transitions / r.seconds,
      statesPerSecond: r.states / r.seconds,
      bytesPerState: bytes / r.states,
    };
  } else {
    const r = checkSpec(spec, { workers, symmetry, ...(timeLimit === undefined ? {} : { timeLimit }) });
    cpu = cpuSeconds();
    out = {
      spec: spec.name,
      engine,
      workers,
      symmetry,
      verdict: r.verdict === 'violation' ? `violation of ${r.property}` : r.verdict === 'incomplete' ? `limit (${r.limit})` : 'exhausted',
      states: r.states,
      transitions: r.transitions,
      depth: r.depth,
      seconds: r.seconds,
      transitionsPerSecond: r.transitionsPerSecond,
      statesPerSecond: r.statesPerSecond,
      bytesPerState: r.bytesPerState,
      collisionProbability: r.collisionProbability,
    };
  }
  const m: Measurement = {
    ...out,
    cpuSeconds: cpu,
    transitionsPerCpuSecond: out.transitions / cpu,
    bytesPerState: out.bytesPerState ?? 0,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(m) + '\n');
}

await main();
