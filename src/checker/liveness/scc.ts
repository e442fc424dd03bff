/**
 * Strongly connected components (Tarjan), iterative so that long paths do
 * not overflow the stack. Components come out in reverse topological order:
 * every component is emitted after all components reachable from it.
 */
export interface Digraph {
  readonly size: number;
  /** Whether node i takes part (nodes outside are ignored, and so are edges to them). */
  member(i: number): boolean;
  /** Calls f with each successor of i (members or not). */
  successors(i: number, f: (j: number) => void): void;
}

export interface Components {
  /** Per node: its component's number, or -1 for non-members. */
  readonly component: Int32Array;
  /** Members of each component, in emission order (sinks first). */
  readonly members: readonly (readonly number[])[];
}

export function components(g: Digraph): Components {
  const n = g.size;
  const component = new Int32Array(n).fill(-1);
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const members: number[][] = [];
  const succ: number[][] = [];
  let counter = 0;

  const successorsOf = (i: number): number[] => {
    const out: number[] = [];
    g.successors(i, (j) => {
      if (j >= 0 && g.member(j)) out.push(j);
    });
    return out;
  };

  for (let root = 0; root < n; root++) {
    if (!g.member(root) || order[root] >= 0) continue;
    // Call stack of (node, next successor position).
    const calls: number[] = [root, 0];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    succ[root] = successorsOf(root);
    while (calls.length > 0) {
      const top = calls.length - 2;
      const v = calls[top];
      const list = succ[v];
      const k = calls[top + 1];
      if (k < list.length) {
        calls[top + 1] = k + 1;
        const w = list[k];
        if (order[w] < 0) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          succ[w] = successorsOf(w);
          calls.push(w, 0);
        } else if (onStack[w] === 1 && order[w] < low[v]) {
          low[v] = order[w];
        }
        continue;
      }
      calls.length = top;
      succ[v] = [];
      if (calls.length > 0) {
        const parent = calls[calls.length - 2];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === order[v]) {
        const c = members.length;
        const comp: number[] = [];
        for (;;) {
          const x = stack.pop() as number;
          onStack[x] = 0;
          component[x] = c;
          comp.push(x);
          if (x === v) break;
        }
        members.push(comp);
      }
    }
  }
  return { component, members };
}
