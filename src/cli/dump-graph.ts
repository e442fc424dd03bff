/** `synod check SPEC --dump-graph FILE.dot|FILE.svg`: the whole state graph of a small run. */
import { DEFAULT_GRAPH_CAP, GraphTooBig, exploreGraph, stateGraphDot } from '../checker/report/graph.js';
import { graphValence } from '../checker/report/graph-valence.js';
import { renderSvg } from '../checker/report/svg.js';
import { systemFor } from '../checker/run.js';
import { loadSpecs } from './check.js';
import { writeFileAtomic } from './safe-write.js';
import { InputError } from './spec-files.js';

export interface DumpGraphArgs {
  readonly specs: readonly string[];
  readonly file: string;
  readonly maxStates?: number;
}

export async function runDumpGraph(args: DumpGraphArgs, print: (line: string) => void): Promise<void> {
  if (args.specs.length !== 1) throw new InputError('--dump-graph needs exactly one spec file');
  const specs = await loadSpecs(args.specs);
  if (specs.length !== 1) throw new InputError(`--dump-graph needs exactly one spec (${args.specs[0]} holds ${specs.length})`);
  const spec = specs[0];
  const cap = args.maxStates ?? DEFAULT_GRAPH_CAP;
  let graph;
  try {
    graph = exploreGraph(systemFor(spec), spec.invariants, { maxStates: cap, maxDepth: spec.limits.maxDepth });
  } catch (e) {
    if (e instanceof GraphTooBig) throw new InputError(`${spec.file}: ${e.message}`);
    throw e;
  }
  const params = Object.entries(spec.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  const valence = graphValence(graph, spec.protocol, spec.config);
  const dot = stateGraphDot(graph, {
    title: `${spec.name}: ${spec.protocol.name} ${params}`,
    usesTime: spec.settings.time !== null,
    ...(valence === undefined ? {} : { valence }),
  });
  writeFileAtomic(args.file, args.file.endsWith('.svg') ? await renderSvg(dot) : dot);
  print(`state graph of ${spec.name}: ${graph.states.length} states, ${graph.edges.length} edges written to ${args.file}`);
}
