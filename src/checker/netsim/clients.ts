/**
 * Client requests, open loop: they arrive at intervals drawn from the
 * spec whether or not earlier ones were answered, and each waits until an
 * up node has a step of the client timer enabled (a Raft leader), which
 * takes it at once. A request is identified with the position it got
 * (Observation.accepted of the node right after the step) and completes
 * when any node has observed that many operations committed. If the node
 * that took it stops leading, or its term moves on, before that, the
 * request is retried (as a client told "not leader" does). A request not
 * completed within the timeout has failed.
 *
 * A protocol with client nodes of its own (primary-backup) makes its
 * operations itself: one is issued by the step that carries `invoke` and
 * done by the one that carries `respond` (invoked / responded below); the
 * book then only keeps their times.
 *
 * Availability is the fraction of requests issued early enough to be
 * judged (by duration − timeout) that completed within the timeout. With
 * arrivals spread evenly over the run that is the fraction of time at which
 * a request can complete.
 */
export interface ClientOp {
  readonly id: number;
  readonly issued: number;
  node: string | null;
  position: number;
  term: number | null;
  done: number | null;
  failed: boolean;
  retries: number;
}

export class ClientBook {
  readonly ops: ClientOp[] = [];
  /** Waiting for a node to take them, oldest first. */
  readonly pending: ClientOp[] = [];
  /** Taken by a node, not yet committed. */
  accepted: ClientOp[] = [];

  issue(now: number): ClientOp {
    const op: ClientOp = { id: this.ops.length, issued: now, node: null, position: 0, term: null, done: null, failed: false, retries: 0 };
    this.ops.push(op);
    this.pending.push(op);
    return op;
  }

  /** Client nodes' outstanding operations (one each). */
  private readonly open = new Map<string, ClientOp>();

  /** A client node's step invoked an operation. */
  invoked(now: number, client: string): ClientOp {
    const op: ClientOp = { id: this.ops.length, issued: now, node: client, position: 0, term: null, done: null, failed: false, retries: 0 };
    this.ops.push(op);
    this.open.set(client, op);
    return op;
  }

  /** A client node's step received its operation's response; late ones (after the timeout) stay failed. */
  responded(now: number, client: string): void {
    const op = this.open.get(client);
    if (op === undefined) return;
    this.open.delete(client);
    if (!op.failed) op.done = now;
  }

  /** A client node with an operation outstanding took a step that is not the invocation: a retry. */
  retried(client: string): void {
    const op = this.open.get(client);
    if (op !== undefined) op.retries++;
  }

  take(op: ClientOp, node: string, position: number, term: number | null): void {
    op.node = node;
    op.position = position;
    op.term = term;
    this.accepted.push(op);
  }

  /**
   * Completes what is committed and sends back to pending what its node
   * dropped; `lost(op)` says whether the node that took op still holds it.
   */
  settle(now: number, committed: number, lost: (op: ClientOp) => boolean): void {
    if (this.accepted.length === 0) return;
    const keep: ClientOp[] = [];
    for (const op of this.accepted) {
      if (op.position <= committed) op.done = now;
      else if (lost(op)) {
        op.node = null;
        op.retries++;
        this.pending.push(op);
      } else keep.push(op);
    }
    this.accepted = keep;
  }

  expire(op: ClientOp): void {
    if (op.done !== null) return;
    op.failed = true;
    const i = this.pending.indexOf(op);
    if (i >= 0) this.pending.splice(i, 1);
    this.accepted = this.accepted.filter((o) => o !== op);
  }

  /** Requests judged: issued no later than `cutoff`. */
  judged(cutoff: number): ClientOp[] {
    return this.ops.filter((o) => o.issued <= cutoff);
  }
}
