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
export { primaryBackup } from './model/primary-backup/protocol.js';
export type { StateMachine, AnyMachine } from './model/machines/machine.js';
export { kv, type KvCommand, type KvOutput, type KvState } from './model/machines/kv.js';
export { register, type RegisterCommand, type RegisterOutput, type RegisterValue } from './model/machines/register.js';
export { machines, findMachine } from './model/machines/index.js';
export { initClient, invokeSteps, timeoutSteps, onReply, describeClient } from './model/clients/client.js';
export { kvWorkload, WORKLOADS, type WorkloadKind } from './model/clients/workload.js';
export type { ClientConfig, ClientState, ClientRequest, ClientReply } from './model/clients/types.js';
export { checkHistory, checkOperations, type HistoryCheck, type CheckOptions, type Consistency } from './checker/linearizability/check.js';
export { parseHistory, parseEvents, toOperations, HistoryError, type Operation, type HistoryEvent } from './checker/linearizability/history.js';
export { ghostOperations } from './checker/linearizability/ghost.js';
export { timelineLines } from './checker/report/timeline.js';
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
