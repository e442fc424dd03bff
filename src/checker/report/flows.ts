/**
 * Message flows of a trace: which step sent each message and where it
 * ended (delivered at a later step, dropped, or still in flight at the end).
 *
 * Copies are matched by content (from, to, message). The trace's worlds are
 * the ground truth for what is still on the network, so the same code serves
 * every network kind: under "set" semantics a delivered message stays and may
 * be delivered again; under "multiset"/"fifo" delivery consumes a copy; the
 * checker may also silently remove a message a model declares stale.
 */
import type { Data, NodeId } from '../../model/contract.js';
import type { MessageSnapshot, Trace } from '../trace.js';

/** A step index, or -1 for a message already in the initial world. */
export type StepIndex = number;

export type FlowEnd =
  | { readonly kind: 'deliver'; readonly at: StepIndex }
  | { readonly kind: 'drop'; readonly at: StepIndex }
  | { readonly kind: 'inflight' };

export interface Flow {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly text: string;
  readonly sentAt: StepIndex;
  /** Set when this copy was made by a duplicate step. */
  readonly duplicatedAt?: StepIndex;
  readonly end: FlowEnd;
}

interface Copy {
  readonly key: string;
  readonly m: MessageSnapshot;
  readonly sentAt: StepIndex;
  readonly duplicatedAt?: StepIndex;
  delivered: boolean;
}

/** Canonical text of a value: object keys sorted, so equal content gives equal keys. */
export function stableJson(x: Data): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map((e: Data) => stableJson(e)).join(',')}]`;
  const o = x as { readonly [k: string]: Data };
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

export function messageKey(m: MessageSnapshot): string {
  return `${m.from}\u0000${m.to}\u0000${stableJson(m.msg)}`;
}

/** Prefers a copy not yet delivered (a consumed network delivers those), then the oldest. */
function pick(pending: Copy[], key: string): number {
  let any = -1;
  for (let i = 0; i < pending.length; i++) {
    if (pending[i].key !== key) continue;
    if (!pending[i].delivered) return i;
    if (any < 0) any = i;
  }
  return any;
}

/**
 * Drops surplus copies so that `pending` holds exactly what the world holds.
 * A copy that appears from nowhere on a link where one just vanished is the
 * checker putting a canonical form in place of a message (Protocol.normalize):
 * it keeps the original's send step.
 */
function reconcile(pending: Copy[], messages: readonly MessageSnapshot[], at: StepIndex): void {
  const want = new Map<string, number>();
  const sample = new Map<string, MessageSnapshot>();
  for (const m of messages) {
    const k = messageKey(m);
    want.set(k, (want.get(k) ?? 0) + 1);
    sample.set(k, m);
  }
  const gone = new Map<string, Copy[]>();
  const have = new Map<string, number>();
  for (const c of pending) have.set(c.key, (have.get(c.key) ?? 0) + 1);
  for (const [k, n] of have) {
    let surplus = n - (want.get(k) ?? 0);
    // Consumed copies go first, then the oldest.
    for (const delivered of [true, false]) {
      for (let i = 0; i < pending.length && surplus > 0; ) {
        if (pending[i].key === k && pending[i].delivered === delivered) {
          const [c] = pending.splice(i, 1);
          const link = `${c.m.from}\u0000${c.m.to}`;
          gone.set(link, [...(gone.get(link) ?? []), c]);
          surplus--;
        } else i++;
      }
    }
  }
  for (const [k, n] of want) {
    const m = sample.get(k) as MessageSnapshot;
    for (let extra = n - (have.get(k) ?? 0); extra > 0; extra--) {
      const original = gone.get(`${m.from}\u0000${m.to}`)?.shift();
      pending.push({ key: k, m, sentAt: original?.sentAt ?? at, delivered: false });
    }
  }
}

export function messageFlows(trace: Trace): Flow[] {
  const flows: Flow[] = [];
  const pending: Copy[] = [];
  const flow = (c: Copy, end: FlowEnd): void => {
    flows.push({
      from: c.m.from,
      to: c.m.to,
      text: c.m.text,
      sentAt: c.sentAt,
      ...(c.duplicatedAt === undefined ? {} : { duplicatedAt: c.duplicatedAt }),
      end,
    });
  };
  reconcile(pending, trace.initial.messages, -1);
  trace.steps.forEach((step, at) => {
    const a = step.action;
    if (a.kind === 'deliver' || a.kind === 'drop' || a.kind === 'duplicate') {
      const i = pick(pending, messageKey(a.message));
      if (i >= 0) {
        const c = pending[i];
        if (a.kind === 'deliver') {
          flow(c, { kind: 'deliver', at });
          c.delivered = true;
        } else if (a.kind === 'drop') {
          flow(c, { kind: 'drop', at });
          pending.splice(i, 1);
        } else {
          pending.push({ key: c.key, m: c.m, sentAt: c.sentAt, duplicatedAt: at, delivered: false });
        }
      }
    }
    for (const m of step.sent) pending.push({ key: messageKey(m), m, sentAt: at, delivered: false });
    reconcile(pending, step.world.messages, at);
  });
  for (const c of pending) if (!c.delivered) flow(c, { kind: 'inflight' });
  return flows;
}
