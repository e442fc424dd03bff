/**
 * The library: the same engine as the CLI, importable, so a designer can
 * check a protocol of their own without touching the command line.
 *
 *   import { check } from 'synod';
 *   const report = await check(['specs/'], { out: 'counterexamples' });
 *   for (const r of report.results) console.log(r.spec, r.verdict, r.asExpected);
 *   process.exitCode = report.exitCode;
 */
export * from './model/contract.js';
export { protocols, findProtocol } from './model/registry.js';
export { paxos } from './model/paxos/protocol.js';
export { raft } from './model/raft/protocol.js';
export { lease } from './model/lease/protocol.js';
export { primaryBackup } from './model/primary-backup/protocol.js';
export { multipaxos } from './model/multipaxos/protocol.js';
export type { StateMachine, AnyMachine } from './model/machines/machine.js';
export { kv, type KvCommand, type KvOutput, type KvState } from './model/machines/kv.js';
export { register, type RegisterCommand, type RegisterOutput, type RegisterValue } from './model/machines/register.js';
export { machines, findMachine } from './model/machines/index.js';
export { initClient, invokeSteps, timeoutSteps, onReply, describeClient } from './model/clients/client.js';
export { kvWorkload, WORKLOADS, type WorkloadKind } from './model/clients/workload.js';
export type { ClientConfig, ClientState, ClientRequest, ClientReply, LoggedRequest } from './model/clients/types.js';
export { clientParams, clientsPart, type ClientsPart } from './model/clients/params.js';
export { checkHistory, checkOperations, type HistoryCheck, type CheckOptions as HistoryCheckOptions, type Consistency } from './checker/linearizability/check.js';
export { parseHistory, parseEvents, toOperations, HistoryError, type Operation, type HistoryEvent } from './checker/linearizability/history.js';
export { ghostOperations } from './checker/linearizability/ghost.js';
export { timelineLines } from './checker/report/timeline.js';
export { check, type CheckOptions, type CheckReport, type CheckedSpec, type InlineSpec, type SpecSource } from './library.js';
export { parseSpec, validateSpec, SpecError, type LoadedSpec, type Expectation } from './checker/spec.js';
export { loadSpec, loadSpecFile } from './checker/load-spec.js';
export { resolveProtocol, importProtocol, protocolProblem, ProtocolSourceError, type ResolvedProtocol } from './checker/protocol-source.js';
export { ModelError } from './checker/model-error.js';
export { DataError } from './checker/canonical.js';
export { checkSpec, exitCode, type CheckResult, type RunOptions, type Verdict } from './checker/run.js';
export { checkLiveness, type LivenessOptions } from './checker/liveness/check.js';
export { simulateSpec, simulationRequest, type SimulateResult, type SimulationVerdict } from './checker/simulate/run.js';
export type { SimulationRequest, SimulationBounds, Found } from './checker/simulate/search.js';
export { System, SystemError } from './checker/system.js';
export { bfs, type SearchResult, type SearchOptions, type Progress, type LimitKind } from './checker/bfs.js';
export { replay } from './checker/replay.js';
export type { Trace, TraceStep, TraceViolation, Action, ActionKind, WorldSnapshot, NodeSnapshot, MessageSnapshot, PropertyStatus, PropertyTimeline } from './checker/trace.js';
export type { SpecIdentity } from './checker/identity.js';
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
export { writeCounterexample, writeTrace, type CounterexampleFiles, type CounterexampleOptions } from './cli/write-trace.js';
