/**
 * The event queue: a binary min-heap ordered by time, then by a kind rank
 * (faults before deliveries before timers before clients at the same
 * instant), then by insertion, so equal times resolve the same way on
 * every run.
 */
export interface Queued {
  readonly time: number;
  readonly rank: number;
  seq: number;
}

export class EventHeap<E extends Queued> {
  private readonly items: E[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  /** Every queued event, in no particular order (for trace snapshots). */
  all(): readonly E[] {
    return this.items;
  }

  push(e: E): void {
    e.seq = this.counter++;
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): E | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as E;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Queued, y: Queued): boolean {
  return x.time !== y.time ? x.time < y.time : x.rank !== y.rank ? x.rank < y.rank : x.seq < y.seq;
}
