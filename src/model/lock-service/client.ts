/**
 * A lock client: asks a serving instance for the lock, believes it holds
 * the lock from the grant until it releases it or (with leases) until its
 * lease runs out by its own clock, writes to the storage with the grant's
 * fencing token while it believes so, and releases. A client that hears
 * nothing times out and asks the next serving instance (a bounded number
 * of retries); one that has used its retries may give up, and then
 * releases, since it cannot tell whether an attempt went through.
 *
 * A lease is counted from when the acquisition first asked: every vote for
 * this client was accepted after that, so every instance's vote outlasts it.
 */
import type { LocalStep, Send, Step } from '../contract.js';
import { leaseEnd } from '../lease/validity.js';
import type { ClientState, LockConfig, LockMessage } from './types.js';

type Out = Step<ClientState, LockMessage>;
type Local = LocalStep<ClientState, LockMessage>;
const none: readonly Send<LockMessage>[] = [];

export function initClient(): ClientState {
  return { role: 'client', n: 0, phase: 'idle', target: 0, retried: 0, start: 0, token: 0, wrote: false };
}

/** Between acquisitions only the count is kept, so that clients done alike are alike. */
function idleAfter(s: ClientState): ClientState {
  return { ...initClient(), n: s.n };
}

/** The client believes it holds the lock: granted, not released, and (with leases) its lease still running by its clock. */
export function believesHeld(config: LockConfig, s: ClientState, clock: number): boolean {
  return s.phase === 'holding' && (config.duration === 0 || clock < leaseEnd(config, s.start));
}

/** A new acquisition, at any serving instance. */
export function acquireSteps(config: LockConfig, s: ClientState, clock: number): Local[] {
  if (s.phase !== 'idle' || s.n >= config.acquisitions) return [];
  const n = s.n + 1;
  const start = config.duration > 0 ? clock : 0;
  return config.serving.map((to, target) => ({
    label: `asks ${to} for the lock (#${n})`,
    timer: 'client',
    state: { ...s, n, phase: 'acquiring', target, retried: 0, start, wrote: false },
    send: [{ to, msg: { t: 'acquire', n } }],
  }));
}

/** A timeout with retries left: the same acquisition at the next serving instance. */
export function retrySteps(config: LockConfig, s: ClientState): Local[] {
  if (s.phase !== 'acquiring' || s.retried >= config.retries || config.serving.length < 2) return [];
  const target = (s.target + 1) % config.serving.length;
  const to = config.serving[target];
  return [{ label: `times out, asks ${to} again (#${s.n})`, timer: 'timeout', state: { ...s, target, retried: s.retried + 1 }, send: [{ to, msg: { t: 'acquire', n: s.n } }] }];
}

/** A timeout with no retries left: give up, and release in case an attempt went through. */
export function giveUpSteps(config: LockConfig, s: ClientState): Local[] {
  if (s.phase !== 'acquiring' || s.retried < config.retries || !config.giveUp) return [];
  const to = config.serving[s.target];
  return [{ label: `gives up (#${s.n}), releases at ${to} in case it went through`, timer: 'timeout', state: idleAfter(s), send: [{ to, msg: { t: 'release', n: s.n } }] }];
}

/** Writes once per grant, while it believes it holds the lock, with the grant's token. */
export function writeSteps(config: LockConfig, s: ClientState, clock: number): Local[] {
  if (s.wrote || !believesHeld(config, s, clock)) return [];
  return [{ label: `writes to ${config.storage} with token ${s.token}`, state: { ...s, wrote: true }, send: [{ to: config.storage, msg: { t: 'write', token: s.token } }] }];
}

/** Releases after writing, or once its lease has run out unused; it stops believing at once. */
export function releaseSteps(config: LockConfig, s: ClientState, clock: number): Local[] {
  if (s.phase !== 'holding' || !config.release || (!s.wrote && believesHeld(config, s, clock))) return [];
  const to = config.serving[s.target];
  return [{ label: `releases the lock at ${to} (#${s.n})`, state: idleAfter(s), send: [{ to, msg: { t: 'release', n: s.n } }] }];
}

/** The answer to the current acquisition; a late one (an earlier acquisition's, or after giving up) is ignored. */
export function onAnswer(s: ClientState, msg: { readonly t: 'granted'; readonly n: number; readonly token: number } | { readonly t: 'busy'; readonly n: number }): Out {
  if (s.phase !== 'acquiring' || msg.n !== s.n) return { state: s, send: none };
  if (msg.t === 'busy') return { state: idleAfter(s), send: none };
  return { state: { ...s, phase: 'holding', token: msg.token, wrote: false }, send: none };
}

/** Whether an answer can never count again: acquisitions only grow, and one stops acquiring for good. */
export function answerStale(s: ClientState, n: number): boolean {
  return n < s.n || (n === s.n && s.phase !== 'acquiring');
}

export function describeClient(config: LockConfig, s: ClientState): string {
  const lease = config.duration > 0 ? ` lease until ${leaseEnd(config, s.start)}` : '';
  const token = s.token > 0 ? ` token ${s.token}` : '';
  switch (s.phase) {
    case 'idle':
      return s.n === 0 ? 'idle' : `idle after #${s.n}`;
    case 'acquiring':
      return `acquiring #${s.n} at ${config.serving[s.target]}${s.retried > 0 ? ` (retry ${s.retried})` : ''}${config.duration > 0 ? ` since ${s.start}` : ''}`;
    case 'holding':
      return `holding #${s.n}${token}${lease}${s.wrote ? ' wrote' : ''}`;
  }
}
