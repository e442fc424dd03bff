/**
 * The library: the same engine as the CLI, importable, so a designer can
 * check a protocol of their own without touching the command line.
 *
 *   import { validateSpec, checkSpec, protocols } from 'synod';
 *   const spec = validateSpec('mine.json', { protocol: 'mine', expect: 'pass' },
 *     (name) => (name === 'mine' ? myProtocol : undefined));
 *   const result = checkSpec(spec); // verdict, figures, trace
 */
export * from './model/contract.js';
export { protocols, findProtocol } from './model/registry.js';
export { paxos } from './model/paxos/protocol.js';
export { raft } from './model/raft/protocol.js';
export { lease } from './model/lease/protocol.js';
export { parseSpec, validateSpec, SpecError, type LoadedSpec, type Expectation } from './checker/spec.js';
export { checkSpec, exitCode, type CheckResult, type RunOptions, type Verdict } from './checker/run.js';
export { checkLiveness } from './checker/liveness/check.js';
export { simulateSpec, type SimulateResult } from './checker/simulate/run.js';
export { System, SystemError } from './checker/system.js';
export { bfs, type SearchResult, type Progress } from './checker/bfs.js';
export { replay } from './checker/replay.js';
export type { Trace, TraceStep, Action, WorldSnapshot, NodeSnapshot, MessageSnapshot, PropertyStatus, PropertyTimeline } from './checker/trace.js';
export * from './checker/settings.js';
export { traceLines, summaryLines } from './checker/report/text.js';
export { spaceTimeDot } from './checker/report/dot.js';
export { renderSvg } from './checker/report/svg.js';
export { renderDiagram, type Diagram } from './checker/report/diagram.js';
export { htmlTrace } from './checker/report/html.js';
export { toItf, itfText } from './checker/report/itf.js';
export { junitXml } from './checker/report/junit.js';
export { netsimSpec, type NetsimResult, type NetsimOptions } from './checker/netsim/run.js';
export { parseNetwork, type NetworkModel } from './checker/netsim/network.js';
export { resultFiles, comparisonFiles } from './checker/netsim/outputs.js';
