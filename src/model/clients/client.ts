/** The client's rules: invoke the next command, time out and retry elsewhere, take the reply. */
import type { LocalStep, NodeId, Step, TimerDef } from '../contract.js';
import { kv } from '../machines/kv.js';
import type { ClientConfig, ClientReply, ClientRequest, ClientState } from './types.js';

type Msg = ClientRequest | ClientReply;

/**
 * The timers a client's steps wait for, for simulators with time (the
 * checker ignores them): the pause before the next command, and how long it
 * waits for a reply before retrying at the next server.
 */
export const CLIENT_TIMERS: readonly TimerDef[] = [
  { name: 'request', description: "a client's pause between one operation's reply and its next command" },
  { name: 'retry', description: 'a client waiting for a reply gives up on its server and sends the request to the next one' },
];

export function initClient(): ClientState {
  return { role: 'client', next: 0, waiting: false, target: 0, retried: 0 };
}

/** Invocation: the next command goes to the first server. */
export function invokeSteps(config: ClientConfig, self: NodeId, s: ClientState): LocalStep<ClientState, Msg>[] {
  const list = config.workload[self] ?? [];
  if (s.waiting || s.next >= list.length) return [];
  const cmd = list[s.next];
  const to = config.servers[0];
  return [
    {
      label: `invokes ${kv.describeCommand(cmd)} at ${to}`,
      state: { ...s, next: s.next + 1, waiting: true, target: 0, retried: 0 },
      send: [{ to, msg: { t: 'req', seq: s.next, cmd } }],
      invoke: cmd,
      timer: 'request',
    },
  ];
}

/**
 * A timeout, which in an asynchronous network may fire at any moment: the
 * client gives up on its server and sends the same request (same seq) to
 * the next one. The reply from the first may still arrive and is accepted.
 */
export function timeoutSteps(config: ClientConfig, self: NodeId, s: ClientState): LocalStep<ClientState, Msg>[] {
  if (!s.waiting || s.retried >= config.retries || config.servers.length < 2) return [];
  const cmd = (config.workload[self] ?? [])[s.next - 1];
  const target = (s.target + 1) % config.servers.length;
  const to = config.servers[target];
  return [
    {
      label: `times out, retries ${kv.describeCommand(cmd)} at ${to}`,
      state: { ...s, target, retried: s.retried + 1 },
      send: [{ to, msg: { t: 'req', seq: s.next - 1, cmd } }],
      timer: 'retry',
    },
  ];
}

/** The reply to the outstanding request completes the operation; any other (late, duplicate) is ignored. */
export function onReply(s: ClientState, reply: ClientReply): Step<ClientState, Msg> {
  if (!s.waiting || reply.seq !== s.next - 1) return { state: s, send: [] };
  return { state: { ...s, waiting: false }, send: [], respond: reply.out };
}

/** "req#0 put(x, 1)", "resp#0 ok". */
export function describeClientMessage(m: Msg): string {
  return m.t === 'req' ? `req#${m.seq} ${kv.describeCommand(m.cmd)}` : `resp#${m.seq} ${kv.describeOutput(m.out)}`;
}

export function describeClient(config: ClientConfig, self: NodeId, s: ClientState): string {
  const list = config.workload[self] ?? [];
  if (s.waiting) return `waiting for ${kv.describeCommand(list[s.next - 1])} from ${config.servers[s.target]}`;
  return s.next >= list.length ? 'done' : `idle, next ${kv.describeCommand(list[s.next])}`;
}
