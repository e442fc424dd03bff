/**
 * The synod command line: thin; parse, call the checker, print, exit. Runs
 * on the thread main.ts starts (so that a signal can stop a search); the
 * arguments and the shared interrupt flag come in its workerData.
 */
import { workerData } from 'node:worker_threads';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { memoryInUse } from '../checker/bfs.js';
import { useInterruptFlag } from '../checker/interrupt.js';
import { runCheck } from './check.js';
import { EXIT, errorLine, report, terminalSafe } from './errors.js';
import { runDumpGraph } from './dump-graph.js';
import { runExplore } from './explore.js';
import { runList } from './list.js';
import { runMerge } from './merge.js';
import { SHARD_OPTION, shardArg } from './shard-option.js';
import { runNetsim } from './netsim.js';
import { runSimulate } from './simulate.js';
import { InputError } from './spec-files.js';
import { TRACE_FORMATS, runTrace } from './trace.js';

/** What main.ts hands this thread. */
export interface ProgramInput {
  readonly args: readonly string[];
  readonly interrupt: SharedArrayBuffer;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

const input = workerData as ProgramInput | null;
if (input !== null) {
  useInterruptFlag(input.interrupt);
  // A thread's stdio is piped through the main thread: say what the real streams are, for the progress line.
  Object.defineProperty(process.stdout, 'isTTY', { value: input.stdoutIsTTY });
  Object.defineProperty(process.stderr, 'isTTY', { value: input.stderrIsTTY });
}

/** Output lines from names users chose: control characters shown, never obeyed (JSON escapes its own). */
const print = (line: string): void => void process.stdout.write(terminalSafe(line) + '\n');

function fail(message: string): never {
  process.stderr.write(errorLine(message));
  process.exit(EXIT.input);
}

async function guarded(run: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (e) {
    process.exitCode = report(e);
  }
}

await yargs(input === null ? hideBin(process.argv) : [...input.args])
  .scriptName('synod')
  .usage('$0 <command> [options]')
  .command(
    'check [specs..]',
    'check specs (files or folders; default: every spec under spec/)',
    (y) =>
      y
        .positional('specs', { type: 'string', array: true, default: [] as string[], describe: 'spec files or folders' })
        .option('json', { type: 'boolean', default: false, describe: 'one JSON object per spec on stdout' })
        .option('out', { type: 'string', default: 'counterexamples', describe: 'folder for counterexample files' })
        .option('write', { type: 'boolean', default: true, describe: 'write counterexample files (--no-write to skip)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'one line per spec' })
        .option('time-limit', { type: 'number', describe: 'seconds per spec, overriding the specs' })
        .option('max-memory', { type: 'number', describe: 'MiB; stop a search cleanly past it (exit 3)' })
        .option('workers', { type: 'number', describe: 'worker threads per search (the same verdict, figures and counterexample for any number; default 1)' })
        .option('deep', { type: 'boolean', default: false, describe: 'also run the deep tier (spec folders named deep/: bigger bounds, minutes not seconds)' })
        .option('reduce', { type: 'boolean', default: true, describe: "apply the model's checked message reductions (stale, normalize); --no-reduce keeps every message as sent" })
        .option('symmetry', { type: 'boolean', describe: 'symmetry reduction wherever the protocol declares one' })
        .option('junit', { type: 'string', describe: 'also write a JUnit XML report of the verdicts to this file' })
        .option('html', { type: 'boolean', describe: 'also write each counterexample as one self-contained HTML page (.html beside the .svg) to step through in a browser' })
        .option('valence', { type: 'boolean', describe: 'also label worlds 0-/1-valent or bivalent and look for a forever-bivalent fair run (FLP); not part of the verdict' })
        .option('dump-graph', { type: 'string', describe: 'also write the state graph of one small spec to this .dot (or .svg) file; at most 2,000 states' })
        .option('shard', SHARD_OPTION),
    (argv) =>
      guarded(async () => {
        if (argv.timeLimit !== undefined && !(argv.timeLimit > 0)) throw new InputError(`--time-limit must be > 0 (got ${argv.timeLimit})`);
        if (argv.maxMemory !== undefined) {
          const baseline = Math.ceil(memoryInUse() / 2 ** 20);
          if (!(argv.maxMemory > baseline)) throw new InputError(`--max-memory must be above the ${baseline} MiB this process holds before any search (got ${argv.maxMemory})`);
        }
        if (argv.workers !== undefined && !(Number.isInteger(argv.workers) && argv.workers >= 1 && argv.workers <= 64)) {
          throw new InputError(`--workers must be an integer from 1 to 64 (got ${argv.workers})`);
        }
        // Under --json stdout holds JSON objects only: the graph's one-line note goes to stderr.
        if (argv.dumpGraph !== undefined) await runDumpGraph({ specs: argv.specs, file: argv.dumpGraph }, argv.json ? (line) => process.stderr.write(terminalSafe(line) + '\n') : print);
        return runCheck(
          {
            specs: argv.specs,
            json: argv.json,
            out: argv.out,
            write: argv.write,
            quiet: argv.quiet,
            ...(argv.deep ? { deep: true } : {}),
            ...(argv.reduce ? {} : { reduce: false }),
            ...(argv.timeLimit === undefined ? {} : { timeLimit: argv.timeLimit }),
            ...(argv.maxMemory === undefined ? {} : { maxMemory: argv.maxMemory * 2 ** 20 }),
            ...(argv.workers === undefined ? {} : { workers: argv.workers }),
            ...(argv.symmetry === true ? { symmetry: true } : {}),
            ...(argv.valence === true ? { valence: true } : {}),
            ...(argv.junit === undefined ? {} : { junit: argv.junit }),
            ...shardArg(argv.shard),
            ...(argv.html === true ? { html: true } : {}),
          },
          print,
        );
      }),
  )
  .command(
    'simulate <spec>',
    'random walks past exhaustive bounds; a violating walk is shrunk (fast-check) and printed with its seed and replay path',
    (y) =>
      y
        .positional('spec', { type: 'string', demandOption: true, describe: 'a spec file' })
        .option('runs', { type: 'number', describe: 'walks to try (default: the spec\'s simulation.runs, else 10000)' })
        .option('max-steps', { type: 'number', describe: 'steps per walk (default: simulation.maxSteps, else 100)' })
        .option('seed', { type: 'number', describe: 'fast-check seed: the same seed and bounds give the same result' })
        .option('time-limit', { type: 'number', describe: 'seconds for the search (default: simulation.timeLimit, else 60)' })
        .option('shrink-time-limit', { type: 'number', describe: 'seconds for shrinking (default: simulation.shrinkTimeLimit, else 30)' })
        .option('path', { type: 'string', describe: 'replay the walk at this path (printed by an earlier run; needs its --seed and --max-steps)' })
        .option('json', { type: 'boolean', default: false, describe: 'one JSON object on stdout' })
        .option('out', { type: 'string', default: 'counterexamples/simulated', describe: 'folder for counterexample files' })
        .option('write', { type: 'boolean', default: true, describe: 'write counterexample files (--no-write to skip)' })
        .option('shard', SHARD_OPTION)
        .option('html', { type: 'boolean', describe: 'also write the counterexample as one self-contained HTML page beside the SVG' }),
    (argv) =>
      guarded(() =>
        runSimulate(
          {
            spec: argv.spec,
            json: argv.json,
            out: argv.out,
            write: argv.write,
            ...(argv.runs === undefined ? {} : { runs: argv.runs }),
            ...(argv.maxSteps === undefined ? {} : { maxSteps: argv.maxSteps }),
            ...(argv.seed === undefined ? {} : { seed: argv.seed }),
            ...(argv.timeLimit === undefined ? {} : { timeLimit: argv.timeLimit }),
            ...(argv.shrinkTimeLimit === undefined ? {} : { shrinkTimeLimit: argv.shrinkTimeLimit }),
            ...(argv.path === undefined ? {} : { path: String(argv.path) }),
            ...shardArg(argv.shard),
            ...(argv.html === true ? { html: true } : {}),
          },
          print,
        ),
      ),
  )
  .command(
    'trace <file>',
    're-render a saved counterexample (.itf.json) as text, a DOT space-time diagram, SVG, or a self-contained HTML page',
    (y) =>
      y
        .positional('file', { type: 'string', demandOption: true, describe: 'an .itf.json file written by synod check' })
        .option('format', { choices: TRACE_FORMATS, default: 'text' as const, describe: 'output format' })
        .option('out', { type: 'string', describe: 'write to this file instead of stdout' }),
    // A rendering is many lines: each is made safe, the line breaks kept.
    (argv) => guarded(() => runTrace({ file: argv.file, format: argv.format, ...(argv.out === undefined ? {} : { out: argv.out }) }, (text) => text.split('\n').forEach(print))),
  )
  .command(
    'merge <results..>',
    'merge the --json outputs of --shard runs (files or folders) into one report and the exit code the whole run deserves',
    (y) =>
      y
        .positional('results', { type: 'string', array: true, demandOption: true, describe: 'result files or folders' })
        .option('json', { type: 'boolean', default: false, describe: 'the merged report as one JSON object' })
        .option('junit', { type: 'string', describe: 'also write a JUnit XML report of the merged verdicts to this file' }),
    (argv) => guarded(() => runMerge({ results: argv.results, json: argv.json, ...(argv.junit === undefined ? {} : { junit: argv.junit }) }, print)),
  )
  .command(
    'explore <spec>',
    'serve an explorer of one spec on 127.0.0.1: pick enabled events from the initial world, step back, share the link, jump to the shortest counterexample',
    (y) =>
      y
        .positional('spec', { type: 'string', demandOption: true, describe: 'a spec file' })
        .option('port', { type: 'number', default: 7070, describe: 'port on 127.0.0.1 (0: any free port)' }),
    (argv) => guarded(() => runExplore({ spec: argv.spec, port: argv.port }, print)),
  )
  .command(
    'netsim <specs..>',
    'discrete-event simulation with latency, loss, a fault schedule and clock drift: availability, latency, recovery; charts as SVG, figures as CSV/JSON',
    (y) =>
      y
        .positional('specs', { type: 'string', array: true, demandOption: true, describe: 'spec files with a "netsim" section (several: also a comparison chart)' })
        .option('network', { type: 'string', describe: 'a network file (default: the spec\'s netsim.network)' })
        .option('duration', { type: 'number', describe: 'simulated ms per run (default: netsim.duration, else 60000)' })
        .option('seed', { type: 'number', describe: 'the same seed gives the same figures (default: netsim.seed, else 1)' })
        .option('runs', { type: 'number', describe: 'runs, each with its own stream of the seed (default: netsim.runs, else 1)' })
        .option('out', { type: 'string', default: 'netsim-out', describe: 'folder for figures, charts and traces' })
        .option('write', { type: 'boolean', default: true, describe: 'write files (--no-write to skip)' })
        .option('title', { type: 'string', describe: 'title of the comparison chart' })
        .option('json', { type: 'boolean', default: false, describe: 'one JSON object per spec on stdout' }),
    (argv) =>
      guarded(() =>
        runNetsim(
          {
            specs: argv.specs,
            out: argv.out,
            write: argv.write,
            json: argv.json,
            ...(argv.network === undefined ? {} : { network: argv.network }),
            ...(argv.duration === undefined ? {} : { duration: argv.duration }),
            ...(argv.seed === undefined ? {} : { seed: argv.seed }),
            ...(argv.runs === undefined ? {} : { runs: argv.runs }),
            ...(argv.title === undefined ? {} : { title: argv.title }),
          },
          print,
        ),
      ),
  )
  .command(
    'list [modules..]',
    'list protocols, parameters, buggy variants and properties (built-in, or those a module exports: synod list ./mine.js)',
    (y) => y.positional('modules', { type: 'string', array: true, default: [] as string[], describe: 'ES modules exporting protocols' }),
    (argv) => guarded(() => runList(argv.modules, print)),
  )
  .demandCommand(1, 'give a command: check, simulate, netsim, merge, trace, explore, list')
  .strict()
  .fail((msg, err) => {
    if (err !== undefined && err !== null) {
      process.exitCode = report(err);
      return;
    }
    fail(msg);
  })
  .help()
  .parseAsync();
