/**
 * The simulator's own seeded generator, so that a seed gives the same run
 * on every machine and Node version (Math.random cannot be seeded).
 * sfc32 (Chris Doty-Humphrey's small fast counting generator, 32-bit
 * variant) seeded through splitmix32: four words of state, full 2^32
 * period at least, passes PractRand to 2^40 bytes.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** A standard normal deviate (Box-Muller). */
  normal(): number;
  /** An integer in [0, n). */
  below(n: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator for run `run` of seed `seed`: runs are independent streams. */
export function rngFor(seed: number, run: number): Rng {
  const mix = splitmix32((seed ^ Math.imul(run + 1, 0x27d4eb2d)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const word = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) word();
  const next = (): number => word() / 4294967296;
  return {
    next,
    normal() {
      let u = next();
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    below: (n) => Math.floor(next() * n),
  };
}
