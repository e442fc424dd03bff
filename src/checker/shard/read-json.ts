/**
 * Reading untrusted JSON records field by field: each accessor returns the
 * typed value or throws a MergeError naming where the record came from and
 * the field, so a damaged or foreign file gives one clear line, never a
 * verdict.
 */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export type Obj = Readonly<Record<string, unknown>>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export class Fields {
  constructor(
    readonly where: string,
    readonly o: Obj,
  ) {}

  fail(field: string, problem: string): never {
    throw new MergeError(`${this.where}: ${field}: ${problem}`);
  }

  private get(k: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.o, k) ? this.o[k] : undefined;
  }

  has(k: string): boolean {
    return this.get(k) !== undefined;
  }

  str(k: string): string {
    const v = this.get(k);
    return typeof v === 'string' ? v : this.fail(k, `must be a string (got ${show(v)})`);
  }

  num(k: string): number {
    const v = this.get(k);
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(k, `must be a number (got ${show(v)})`);
  }

  int(k: string, min = 0): number {
    const v = this.num(k);
    return Number.isInteger(v) && v >= min ? v : this.fail(k, `must be an integer ≥ ${min} (got ${show(v)})`);
  }

  bool(k: string): boolean {
    const v = this.get(k);
    return typeof v === 'boolean' ? v : this.fail(k, `must be true or false (got ${show(v)})`);
  }

  oneOf<T extends string>(k: string, values: readonly T[]): T {
    const v = this.str(k);
    return (values as readonly string[]).includes(v) ? (v as T) : this.fail(k, `must be one of ${values.join(', ')} (got ${show(v)})`);
  }

  strings(k: string): string[] {
    const v = this.get(k);
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return this.fail(k, 'must be a list of strings');
    return v as string[];
  }

  ints(k: string): number[] {
    const v = this.get(k);
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 0)) return this.fail(k, 'must be a list of integers ≥ 0');
    return v as number[];
  }

  obj(k: string): Fields {
    const v = this.get(k);
    return isObj(v) ? new Fields(`${this.where}: ${k}`, v) : this.fail(k, `must be an object (got ${show(v)})`);
  }

  list(k: string): Fields[] {
    const v = this.get(k);
    if (!Array.isArray(v)) return this.fail(k, 'must be a list');
    return v.map((x, i) => (isObj(x) ? new Fields(`${this.where}: ${k}[${i}]`, x) : this.fail(`${k}[${i}]`, 'must be an object')));
  }

  raw(k: string): unknown {
    return this.get(k);
  }
}
